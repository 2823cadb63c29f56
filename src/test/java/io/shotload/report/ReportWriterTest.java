package io.shotload.report;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.shotload.analysis.AnalysisSettings;
import io.shotload.analysis.CapacityAnalysis;
import io.shotload.analysis.CapacityAnalyzer;
import io.shotload.analysis.RunFixtures;
import io.shotload.json.Json;
import io.shotload.run.RunData;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

class ReportWriterTest {

    private static final Clock CLOCK = Clock.fixed(Instant.parse("2025-10-09T10:30:00Z"), ZoneOffset.UTC);

    @TempDir
    Path resultsDir;

    private final CapacityAnalyzer analyzer = new CapacityAnalyzer(AnalysisSettings.defaults());

    private WrittenReports write(RunData data) throws IOException {
        return new ReportWriter(resultsDir, resultsDir.resolve("reports"), CLOCK).write(data, analyzer.analyze(data));
    }

    @Test
    void writesTimestampedFiles() throws IOException {
        WrittenReports reports = write(RunFixtures.referenceRun().build());

        assertThat(reports.results().getFileName()).hasToString("load_test_results_20251009-103000.json");
        assertThat(reports.productionConfig().getFileName()).hasToString("production_config_20251009-103000.json");
        assertThat(reports.junit().getFileName()).hasToString("junit_20251009-103000.xml");
        assertThat(reports.markdownSummary().getFileName()).hasToString("summary_20251009-103000.md");
        assertThat(reports.capacityReport().getFileName()).hasToString("capacity_report_20251009-103000.html");
        assertThat(reports.capacityReport()).isRegularFile();
        assertThat(reports.results()).isRegularFile();
        assertThat(reports.gatlingReport()).isEqualTo(
                resultsDir.resolve("capacitysimulation-20251009085320000").resolve("index.html"));
    }

    @Test
    void sameClockNeverOverwrites() throws IOException {
        WrittenReports first = write(RunFixtures.referenceRun().build());
        byte[] firstBytes = Files.readAllBytes(first.results());

        WrittenReports second = write(RunFixtures.referenceRun().warning("second run").build());

        assertThat(second.results()).isNotEqualTo(first.results());
        assertThat(second.results().getFileName()).hasToString("load_test_results_20251009-103000-2.json");
        assertThat(second.junit().getFileName()).hasToString("junit_20251009-103000-2.xml");
        assertThat(second.capacityReport().getFileName()).hasToString("capacity_report_20251009-103000-2.html");
        assertThat(Files.readAllBytes(first.results())).isEqualTo(firstBytes);
        assertThat(reportFiles()).hasSize(2 * 5 + 1);
    }

    @Test
    void reportsReadableByOthers() throws IOException {
        WrittenReports reports = write(RunFixtures.referenceRun().build());

        assertThat(Files.getPosixFilePermissions(reports.results())).contains(PosixFilePermission.OTHERS_READ);
        assertThat(Files.getPosixFilePermissions(reports.junit())).contains(PosixFilePermission.OTHERS_READ);
    }

    @Test
    void noTemporaryFilesLeft() throws IOException {
        write(RunFixtures.referenceRun().build());
        write(RunFixtures.referenceRun().build());

        assertThat(reportFiles()).noneMatch(name -> name.startsWith(".") || name.endsWith(".tmp"));
    }

    @Test
    void latestLinksNewest() throws IOException {
        write(RunFixtures.referenceRun().build());
        WrittenReports second = write(RunFixtures.referenceRun().warning("second run").build());

        Path latest = resultsDir.resolve("reports").resolve(ReportFiles.LATEST_RESULTS);
        assertThat(second.latest()).isEqualTo(latest);
        assertThat(Files.isSymbolicLink(latest)).isTrue();
        assertThat(Files.readSymbolicLink(latest)).isEqualTo(second.results().getFileName());
        assertThat(Files.readAllBytes(latest)).isEqualTo(Files.readAllBytes(second.results()));
    }

    @Test
    void productionConfigHasStubSections() throws IOException {
        JsonNode config = Json.mapper().readTree(write(RunFixtures.referenceRun().build()).productionConfig().toFile());

        assertThat(fieldNames(config)).containsExactly("browser_pool", "screenshot_queue", "resource_limits",
                "monitoring", "basis");
        assertThat(fieldNames(config.get("browser_pool")))
                .containsExactly("max_pool_size", "max_browser_age_seconds", "browser_timeout_seconds");
        assertThat(fieldNames(config.get("screenshot_queue")))
                .containsExactly("max_concurrent", "default_timeout", "max_queue_size");
        assertThat(fieldNames(config.get("resource_limits")))
                .containsExactly("memory_limit_mb_per_browser", "cpu_limit_percent");
        assertThat(fieldNames(config.get("monitoring")))
                .containsExactly("enable_performance_monitoring", "alert_thresholds");
        assertThat(config.at("/browser_pool/max_pool_size").asInt()).isEqualTo(12);
        assertThat(config.at("/screenshot_queue/max_concurrent").asInt()).isEqualTo(12);
        assertThat(config.at("/monitoring/enable_performance_monitoring").isBoolean()).isTrue();
        assertThat(config.at("/monitoring/alert_thresholds/error_rate_percent").isNumber()).isTrue();
    }

    @Test
    void productionConfigIntegersAndBasis() throws IOException {
        JsonNode config = Json.mapper().readTree(write(RunFixtures.referenceRun().build()).productionConfig().toFile());

        List<String> leaves = new ArrayList<>();
        collectLeaves(config, "", leaves);
        leaves.removeIf(path -> path.startsWith("basis."));
        assertThat(fieldNames(config.get("basis"))).containsExactlyInAnyOrderElementsOf(leaves);
        for (String path : leaves) {
            JsonNode value = config.at("/" + path.replace('.', '/'));
            if (path.equals("monitoring.alert_thresholds.error_rate_percent")
                    || path.equals("monitoring.enable_performance_monitoring")) {
                continue;
            }
            assertThat(value.isInt()).as(path + " = " + value).isTrue();
        }
    }

    @Test
    void noConfigFileWithoutOptimum() throws IOException {
        RunData data = RunFixtures.referenceRun().build();
        CapacityAnalysis analysis = new CapacityAnalyzer(AnalysisSettings.builder().targetAvgResponseMs(100).build())
                .analyze(data);

        WrittenReports reports = new ReportWriter(resultsDir, resultsDir.resolve("reports"), CLOCK).write(data, analysis);

        assertThat(reports.productionConfig()).isNull();
        assertThat(reportFiles()).noneMatch(name -> name.startsWith(ReportWriter.PRODUCTION_CONFIG_PREFIX));
    }

    @Test
    void resultsJsonHasSummaryFields() throws IOException {
        JsonNode results = Json.mapper().readTree(write(RunFixtures.referenceRun().build()).results().toFile());

        assertThat(fieldNames(results)).containsExactly("format_version", "generated_at", "run", "reports", "plan",
                "settings", "scenarios", "analysis", "summary");
        assertThat(fieldNames(results.get("summary"))).containsExactly("production_ready", "optimal_concurrent_users",
                "max_throughput_qps", "recommended_pool_size", "breaking_point_detected", "breaking_point_users",
                "scenarios_total", "scenarios_passed", "scenarios_failed", "scenarios_skipped", "duration_seconds",
                "validation", "exit_code", "verdict", "reasons");
        assertThat(results.at("/summary/validation/status").asText()).isEqualTo("passed");
        assertThat(results.at("/summary/exit_code").asInt()).isZero();
        assertThat(results.at("/run/gatling_report").asText()).endsWith("capacitysimulation-20251009085320000/index.html");
        assertThat(results.get("analysis").has("scalability")).isTrue();
        assertThat(results.at("/analysis/production_config/basis").isObject()).isTrue();
    }

    @Test
    void resultsJsonNamesUnits() throws IOException {
        JsonNode results = Json.mapper().readTree(write(RunFixtures.referenceRun().build()).results().toFile());

        JsonNode metrics = results.at("/scenarios/3/metrics");
        assertThat(fieldNames(metrics)).contains("avg_response_time_ms", "p50_response_time_ms",
                "p75_response_time_ms", "p95_response_time_ms", "p99_response_time_ms", "max_response_time_ms",
                "throughput_steady_rps", "throughput_all_window_rps", "error_rate_percent", "peak_memory_mb",
                "memory_growth_mb_per_minute");
        assertThat(results.at("/scenarios/3/criteria/0/criterion").asText()).isEqualTo("error_rate");
        assertThat(results.at("/scenarios/3/criteria/0/outcome").asText()).isEqualTo("passed");
        assertThat(results.at("/scenarios/4/status").asText()).isEqualTo("completed");
        assertThat(Files.readString(write(RunFixtures.referenceRun().build()).results())).doesNotContain("NaN");
    }

    @Test
    void resultsJsonHasScalability() throws IOException {
        JsonNode results = Json.mapper().readTree(write(RunFixtures.referenceRun().build()).results().toFile());

        JsonNode scalability = results.at("/analysis/scalability");
        assertThat(scalability.get("status").asText()).isEqualTo("fitted");
        assertThat(fieldNames(scalability)).contains("lambda", "sigma", "kappa", "r_squared",
                "peak_concurrency_users", "peak_throughput_rps", "points", "warnings", "cross_check");
        assertThat(fieldNames(scalability.get("sigma"))).containsExactly("value", "standard_error");
        assertThat(scalability.at("/cross_check/recommendation_follows").asText()).isEqualTo("rule_based");
        assertThat(results.at("/reports/capacity_report").asText()).endsWith("capacity_report_20251009-103000.html");
    }

    @Test
    void resultsJsonHasConfidence() throws IOException {
        JsonNode results = Json.mapper().readTree(write(RunFixtures.referenceRun().build()).results().toFile());

        JsonNode p99 = results.at("/scenarios/0/confidence/p99_response_time_ms");
        assertThat(p99.get("value").isNull()).isTrue();
        assertThat(p99.get("insufficient_samples").asBoolean()).isTrue();
        assertThat(p99.get("required").asInt()).isEqualTo(368);
        assertThat(results.at("/scenarios/0/metrics/p99_response_time_ms").isIntegralNumber()).isTrue();
        assertThat(results.at("/scenarios/3/confidence/p95_response_time_ms/lower_ms").isNumber()).isTrue();
        assertThat(results.at("/scenarios/3/confidence/warm_up/used_for_steady_throughput").asBoolean()).isFalse();
    }

    @Test
    void junitXmlListsCriteria() throws Exception {
        RunData data = RunFixtures.referenceRun().skip("stress_test", "breaking point crossed at heavy_load").build();
        Document xml = parse(write(data).junit());

        Element suite = xml.getDocumentElement();
        assertThat(suite.getTagName()).isEqualTo("testsuite");
        assertThat(suite.getAttribute("tests")).isEqualTo("20");
        assertThat(suite.getAttribute("skipped")).isEqualTo("4");
        NodeList cases = suite.getElementsByTagName("testcase");
        assertThat(cases.getLength()).isEqualTo(20);
        Element first = (Element) cases.item(0);
        assertThat(first.getAttribute("classname")).isEqualTo("shotload.reference.baseline_single");
        assertThat(first.getAttribute("name")).isEqualTo("error_rate");
        Element skipped = (Element) cases.item(19);
        assertThat(skipped.getAttribute("name")).isEqualTo("breaking_point");
        assertThat(skipped.getElementsByTagName("skipped").getLength()).isEqualTo(1);
    }

    @Test
    void junitXmlCarriesFailureMessages() throws Exception {
        Document xml = parse(write(RunFixtures.referenceRun().build()).junit());

        NodeList failures = xml.getElementsByTagName("failure");
        assertThat(xml.getDocumentElement().getAttribute("failures")).isEqualTo(String.valueOf(failures.getLength()));
        List<String> messages = new ArrayList<>();
        for (int index = 0; index < failures.getLength(); index++) {
            Element failure = (Element) failures.item(index);
            Element testCase = (Element) failure.getParentNode();
            assertThat(testCase.getAttribute("classname")).isEqualTo("shotload.reference.stress_test");
            messages.add(failure.getAttribute("message"));
        }
        assertThat(messages).anySatisfy(message -> assertThat(message).startsWith("Breaking point at 15 users"));
        assertThat(messages).anySatisfy(message -> assertThat(message).startsWith("Error rate"));
    }

    @Test
    void markdownIsPasteable() throws IOException {
        String markdown = Files.readString(write(RunFixtures.referenceRun().build()).markdownSummary());

        assertThat(markdown).startsWith("## Capacity test: ready (exit code 0)");
        assertThat(markdown).contains("| Optimal concurrency | 10 users |");
        assertThat(markdown).contains("| Recommended pool size | 12 |");
        assertThat(markdown).contains("| stress_test | 15 | completed |");
        assertThat(markdown).contains("### Scalability model (Universal Scalability Law)");
        assertThat(markdown).contains("### 95% confidence intervals");
        assertThat(markdown).contains("Charts and intervals: `").contains("capacity_report_20251009-103000.html`");
        assertThat(markdown).contains("agrees with the rule-based optimum of 10 users");
    }

    @Test
    void executiveSummaryNamesFiles() throws IOException {
        RunData data = RunFixtures.referenceRun().build();
        CapacityAnalysis analysis = analyzer.analyze(data);
        WrittenReports reports = new ReportWriter(resultsDir, resultsDir.resolve("reports"), CLOCK).write(data, analysis);

        String text = ExecutiveSummary.render(analysis, reports);

        assertThat(text).contains("Optimal concurrency:   10 users (heavy_load)");
        assertThat(text).contains("Recommended pool size: 12");
        assertThat(text).contains("Breaking point:        15 users (stress_test)");
        assertThat(text).contains("Final status:          READY (exit code 0)");
        assertThat(text).contains("Duration:              5 min 00 s");
        assertThat(text).contains(reports.results().toString());
        assertThat(text).contains("capacitysimulation-20251009085320000/");
        assertThat(text).contains("Scalability (USL):     N* = ");
        assertThat(text).contains("Model cross-check:     agrees with the rule-based optimum of 10 users");
        assertThat(text).contains("Capacity report:       file:");
    }

    private List<String> reportFiles() throws IOException {
        try (Stream<Path> files = Files.list(resultsDir.resolve("reports"))) {
            return files.map(path -> path.getFileName().toString()).toList();
        }
    }

    private static List<String> fieldNames(JsonNode node) {
        List<String> names = new ArrayList<>();
        node.fieldNames().forEachRemaining(names::add);
        return names;
    }

    private static void collectLeaves(JsonNode node, String prefix, List<String> leaves) {
        node.fields().forEachRemaining(entry -> {
            String path = prefix.isEmpty() ? entry.getKey() : prefix + "." + entry.getKey();
            if (entry.getValue().isObject() && !path.equals("basis")) {
                collectLeaves(entry.getValue(), path, leaves);
            } else if (!path.equals("basis")) {
                leaves.add(path);
            }
        });
    }

    private static Document parse(Path xml) throws Exception {
        return DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(xml.toFile());
    }
}
