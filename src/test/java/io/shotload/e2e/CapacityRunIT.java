package io.shotload.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.shotload.json.Json;
import io.shotload.run.RunData;
import io.shotload.run.RunDataFiles;
import io.shotload.run.ScenarioRun;
import io.shotload.stub.StubServer;
import io.shotload.stub.config.StubConfig;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Runs the quick plan against the embedded stub in a real Gatling JVM, then checks what a user of
 * {@code mvn gatling:test} gets: Gatling's report, the run data, the post-processor's reports and
 * the verdict.
 */
class CapacityRunIT {

    private static final Duration RUN_TIMEOUT = Duration.ofMinutes(4);
    private static final Path ROOT = Path.of(System.getProperty("shotload.testResultsDir", "target/it-results"));

    private static GatlingProcess.Result quickRun;
    private static JsonNode results;

    @BeforeAll
    static void runQuickPlan() throws Exception {
        quickRun = GatlingProcess.run(ROOT.resolve("quick"),
                Map.of("shotload.plan", "quick", "shotload.validate", "open", "shotload.validateSeconds", "10"), RUN_TIMEOUT);
        Path latest = quickRun.resultsDir().resolve("reports/latest_results.json");
        assertThat(latest).as("latest results after:\n%s", quickRun.output()).exists();
        results = Json.mapper().readTree(latest.toFile());
    }

    @Test
    void quickRunExitsWithoutCriticalVerdict() {
        assertThat(quickRun.exitCode()).as(quickRun.output()).isZero();
        assertThat(results.at("/summary/exit_code").asInt()).isIn(0, 1);
    }

    @Test
    void quickRunWritesGatlingReportAndRunData() throws IOException {
        Path runFolder = runFolder(quickRun);

        assertThat(runFolder.resolve("index.html")).exists();
        assertThat(runFolder.resolve(RunDataFiles.RUN_DATA_FILE)).exists();
        assertThat(runFolder.resolve("shotload-latency.hlog")).exists();
        assertThat(quickRun.output()).contains("shotload capacity test: executive summary");
    }

    @Test
    void quickRunWritesEveryReport() throws IOException {
        Path reports = quickRun.resultsDir().resolve("reports");
        try (Stream<Path> files = Files.list(reports)) {
            List<String> names = files.map(path -> path.getFileName().toString()).toList();
            assertThat(names).anyMatch(name -> name.matches("load_test_results_.*\\.json"));
            assertThat(names).anyMatch(name -> name.matches("production_config_.*\\.json"));
            assertThat(names).anyMatch(name -> name.matches("junit_.*\\.xml"));
            assertThat(names).anyMatch(name -> name.matches("summary_.*\\.md"));
        }
        assertThat(Files.isSymbolicLink(reports.resolve("latest_results.json"))).isTrue();
    }

    @Test
    void summaryFieldsAddUp() {
        JsonNode summary = results.get("summary");
        int total = summary.get("scenarios_total").asInt();

        assertThat(total).isEqualTo(5);
        assertThat(summary.get("scenarios_passed").asInt() + summary.get("scenarios_failed").asInt()
                + summary.get("scenarios_skipped").asInt()).isEqualTo(total);
        assertThat(summary.get("duration_seconds").asDouble()).isBetween(30.0, 100.0);
        assertThat(summary.get("max_throughput_qps").asDouble()).isGreaterThan(0.5);
        assertThat(summary.get("production_ready").asBoolean()).isEqualTo(summary.get("exit_code").asInt() == 0);
        if (!summary.get("optimal_concurrent_users").isNull()) {
            int optimal = summary.get("optimal_concurrent_users").asInt();
            assertThat(summary.get("recommended_pool_size").asInt()).isEqualTo((int) Math.ceil(optimal * 1.2));
        }
    }

    @Test
    void recorderCountsMatchGatling() throws IOException {
        RunData data = RunDataFiles.read(runFolder(quickRun));
        // Gatling's global count includes the open-model validation stage's requests.
        ScenarioRun validation = data.openValidation() == null ? null : data.openValidation().scenario();
        long recorded = data.scenarios().stream().mapToLong(ScenarioRun::requests).sum()
                + (validation == null ? 0 : validation.requests());
        long recordedFailures = data.scenarios().stream().mapToLong(ScenarioRun::failures).sum()
                + (validation == null ? 0 : validation.failures());

        Matcher counts = Pattern.compile("> request count\\s+\\|\\s+(\\d+)\\s+\\|\\s+(\\d+)\\s+\\|\\s+(\\d+)")
                .matcher(quickRun.output());
        assertThat(counts.find()).as("Gatling's global request count in the output").isTrue();
        assertThat(recorded).isEqualTo(Long.parseLong(counts.group(1)));
        assertThat(recordedFailures).isEqualTo(Long.parseLong(counts.group(3)));
    }

    @Test
    void openValidationOffersRecommendedRate() throws IOException {
        RunData data = RunDataFiles.read(runFolder(quickRun));
        JsonNode check = null;
        for (JsonNode candidate : results.at("/summary/validation/checks")) {
            if (candidate.get("check").asText().equals("open_model_validation")) {
                check = candidate;
            }
        }

        assertThat(data.openValidation()).isNotNull();
        assertThat(check).as(results.at("/summary/validation").toPrettyString()).isNotNull();
        if (data.openValidation().ran()) {
            assertThat(data.openValidation().admitted()).isPositive();
            assertThat(data.openValidation().scenario().requests()).isEqualTo(data.openValidation().admitted());
            assertThat(data.openValidation().offeredRatePerSecond())
                    .isCloseTo(results.at("/analysis/optimal/throughput_steady_rps").asDouble(), org.assertj.core.api.Assertions.withinPercentage(2));
            assertThat(check.get("status").asText()).isIn("passed", "warning");
            assertThat(check.get("message").asText()).contains("offered").contains("achieved");
        } else {
            assertThat(results.at("/summary/optimal_concurrent_users").isNull()).isTrue();
            assertThat(check.get("status").asText()).isEqualTo("not_run");
        }
    }

    @Test
    void productionConfigFeedsBackIntoStub() throws Exception {
        Path productionConfig = Path.of(results.at("/reports/production_config").asText());
        JsonNode written = Json.mapper().readTree(productionConfig.toFile());

        StubConfig config = StubConfig.load(productionConfig);
        try (StubServer server = StubServer.start(config, "127.0.0.1", 0)) {
            HttpResponse<String> response = HttpClient.newHttpClient().send(
                    HttpRequest.newBuilder(server.baseUrl().resolve("/config")).GET().build(),
                    HttpResponse.BodyHandlers.ofString());
            JsonNode effective = Json.mapper().readTree(response.body());

            assertThat(effective.at("/browser_pool/max_pool_size").asInt())
                    .isEqualTo(written.at("/browser_pool/max_pool_size").asInt())
                    .isEqualTo(results.at("/summary/recommended_pool_size").asInt(written.at("/browser_pool/max_pool_size").asInt()));
            assertThat(effective.at("/screenshot_queue/max_queue_size").asInt())
                    .isEqualTo(written.at("/screenshot_queue/max_queue_size").asInt());
        }
    }

    @Test
    void unreachableTargetFailsWithCriticalVerdict() throws Exception {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0)) {
            closedPort = socket.getLocalPort();
        }
        GatlingProcess.Result run = GatlingProcess.run(ROOT.resolve("unreachable"),
                Map.of("shotload.plan", "quick", "shotload.baseUrl", "http://127.0.0.1:" + closedPort), RUN_TIMEOUT);
        JsonNode summary = Json.mapper().readTree(run.resultsDir().resolve("reports/latest_results.json").toFile()).get("summary");

        assertThat(run.exitCode()).as(run.output()).isNotZero();
        assertThat(run.output()).contains("Target unreachable: http://127.0.0.1:" + closedPort);
        assertThat(summary.get("exit_code").asInt()).isEqualTo(2);
        assertThat(summary.get("scenarios_skipped").asInt()).isEqualTo(5);
    }

    @Test
    void breakingPointSkipsRemainingScenarios() throws Exception {
        Path stubConfig = ROOT.resolve("failing-stub.json");
        Files.createDirectories(ROOT);
        Files.writeString(stubConfig, "{\"seed\": 7, \"mock\": {\"failure_fraction\": 0.6}}");
        GatlingProcess.Result run = GatlingProcess.run(ROOT.resolve("breaking"),
                Map.of("shotload.plan", "quick", "shotload.stubConfig", stubConfig.toString(), "shotload.failOn", "never"),
                RUN_TIMEOUT);
        JsonNode document = Json.mapper().readTree(run.resultsDir().resolve("reports/latest_results.json").toFile());

        assertThat(run.exitCode()).as(run.output()).isZero();
        assertThat(document.at("/summary/breaking_point_detected").asBoolean()).isTrue();
        assertThat(document.at("/summary/breaking_point_users").asInt()).isEqualTo(1);
        assertThat(document.at("/summary/scenarios_skipped").asInt()).isEqualTo(4);
        assertThat(document.at("/summary/exit_code").asInt()).isEqualTo(1);
        assertThat(document.at("/scenarios/1/status").asText()).isEqualTo("skipped");
    }

    @Test
    void invalidPlanFailsBeforeAnyLoad() throws Exception {
        Path plan = ROOT.resolve("bad-plan.json");
        Files.createDirectories(ROOT);
        Files.writeString(plan, "{\"name\": \"bad\", \"scenarios\": [{\"name\": \"a\", \"users\": 0, "
                + "\"duration_seconds\": 5, \"ramp_up_seconds\": 0, \"think_time_ms\": 0}]}");
        GatlingProcess.Result run = GatlingProcess.run(ROOT.resolve("bad-plan"), Map.of("shotload.plan", plan.toString()),
                RUN_TIMEOUT);

        assertThat(run.exitCode()).isNotZero();
        assertThat(run.output()).contains("Invalid plan " + plan + ": scenario 'a' field users = 0; expected 1..10000.");
        try (Stream<Path> children = Files.list(run.resultsDir())) {
            assertThat(children.filter(Files::isDirectory)).isEmpty();
        }
    }

    private static Path runFolder(GatlingProcess.Result run) throws IOException {
        return RunDataFiles.newestRunFolder(run.resultsDir()).orElseThrow();
    }

}
