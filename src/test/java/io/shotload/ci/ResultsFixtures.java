package io.shotload.ci;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Results files in the post-processor's documented {@code summary} layout, for the gate's tests.
 *
 * <p>NOTE: these are written by hand from the documented field list. Once the post-processor writes real
 * files, replace {@link #resultsJson} with copies of them so the gate is tested against what it will read.
 */
final class ResultsFixtures {

    private ResultsFixtures() {}

    /** Returns a results document whose summary has the given verdict, its exit code and one reason. */
    static String resultsJson(String verdict) {
        int exitCode = switch (verdict) {
            case "ready" -> 0;
            case "warnings" -> 1;
            case "critical" -> 2;
            default -> throw new IllegalArgumentException("Unknown verdict in a test: " + verdict);
        };
        boolean ready = exitCode == 0;
        String reason = switch (verdict) {
            case "ready" -> "All scenarios met the targets";
            case "warnings" -> "stress_test: average response 2400 ms above the 2000 ms target";
            default -> "stress_test: error rate 35.0% above the 20% maximum";
        };
        return """
                {
                  "metadata": {"plan": "quick", "generator": "fixture"},
                  "summary": {
                    "production_ready": %s,
                    "optimal_concurrent_users": 6,
                    "max_throughput_qps": 4.375,
                    "recommended_pool_size": 8,
                    "breaking_point_detected": %s,
                    "breaking_point_users": %s,
                    "scenarios_total": 5,
                    "scenarios_passed": %d,
                    "scenarios_failed": %d,
                    "scenarios_skipped": 0,
                    "duration_seconds": 47.2,
                    "validation": {"status": "%s"},
                    "exit_code": %d,
                    "verdict": "%s",
                    "reasons": ["%s"]
                  },
                  "scenarios": []
                }
                """.formatted(ready, !ready, ready ? "null" : "15", 5 - exitCode, exitCode,
                ready ? "passed" : "failed", exitCode, verdict, reason);
    }

    /** Writes a results document into a folder and returns the file's path. */
    static Path write(Path folder, String fileName, String json) throws IOException {
        return Files.writeString(folder.resolve(fileName), json);
    }
}
