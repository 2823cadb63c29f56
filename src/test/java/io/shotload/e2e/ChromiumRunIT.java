package io.shotload.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.shotload.json.Json;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Runs the chromium-quick plan against the embedded stub with the chromium backend in a real Gatling
 * JVM: real captures of the stub's fixture site, with the browsers' memory scraped from {@code /metrics}.
 */
class ChromiumRunIT {

    private static final Duration RUN_TIMEOUT = Duration.ofMinutes(3);
    private static final Path ROOT = Path.of(System.getProperty("shotload.testResultsDir", "target/it-results"));
    private static final Path CHROMIUM = Path.of("/usr/bin/chromium");

    private static GatlingProcess.Result chromiumRun;
    private static JsonNode results;

    @BeforeAll
    static void runChromiumQuickPlan() throws Exception {
        assumeTrue(Files.isExecutable(CHROMIUM), "Chromium is not installed at " + CHROMIUM
                + "; run apt-get install -y chromium");
        chromiumRun = GatlingProcess.run(ROOT.resolve("chromium-quick"), Map.of(
                "shotload.plan", "chromium-quick",
                "shotload.backend", "chromium",
                "shotload.failOn", "never"), RUN_TIMEOUT);
        Path latest = chromiumRun.resultsDir().resolve("reports/latest_results.json");
        assertThat(latest).as("latest results after:\n%s", chromiumRun.output()).exists();
        results = Json.mapper().readTree(latest.toFile());
    }

    @Test
    void chromiumRunFinishes() {
        assertThat(chromiumRun.exitCode()).as(chromiumRun.output()).isZero();
        assertThat(chromiumRun.output()).contains("shotload capacity test: executive summary");
        assertThat(results.at("/summary/scenarios_total").asInt()).isEqualTo(5);
    }

    @Test
    void chromiumRunCapturesSucceed() {
        long successes = 0;
        for (JsonNode scenario : results.get("scenarios")) {
            successes += scenario.path("metrics").path("successful_requests").asLong();
        }

        assertThat(successes).as(chromiumRun.output()).isGreaterThan(0);
    }

    @Test
    void chromiumRunRecordsBrowserMemory() {
        List<Double> peaks = new ArrayList<>();
        for (JsonNode scenario : results.get("scenarios")) {
            JsonNode peak = scenario.path("metrics").path("peak_memory_mb");
            if (peak.isNumber()) {
                peaks.add(peak.asDouble());
            }
        }

        assertThat(peaks).as("peak_memory_mb of the scenarios").isNotEmpty();
        assertThat(peaks).allSatisfy(peak -> assertThat(peak).isPositive());
    }

    @Test
    void chromiumRunLeavesNoBrowser() {
        Matcher listening = Pattern.compile("Stub server listening on (http://127\\.0\\.0\\.1:\\d+)")
                .matcher(chromiumRun.output());
        assertThat(listening.find()).as("the stub's start-up line in the output").isTrue();
        // Each browser of this run has the stub's origin in its proxy bypass list; browsers of other
        // runs on this machine have another port.
        String origin = listening.group(1).substring("http://".length());

        List<String> leftovers = ProcessHandle.allProcesses()
                .filter(ProcessHandle::isAlive)
                .map(process -> process.info().commandLine().orElse(""))
                .filter(commandLine -> commandLine.contains("shotload-chromium-") && commandLine.contains(origin))
                .toList();

        assertThat(leftovers).isEmpty();
    }
}
