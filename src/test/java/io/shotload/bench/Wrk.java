package io.shotload.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;

/** Runs {@code wrk} (Debian package {@code wrk}) against a loopback URL and parses its output. */
final class Wrk {

    private Wrk() {
    }

    static WrkResult run(String url, int connections, int seconds) throws IOException, InterruptedException {
        if (!url.startsWith("http://127.0.0.1:")) {
            throw new IllegalArgumentException("The benchmark only targets 127.0.0.1, not " + url);
        }
        Process process = new ProcessBuilder(List.of(
                "wrk", "-t", Integer.toString(StubBenchmark.WRK_THREADS), "-c", Integer.toString(connections),
                "-d", seconds + "s", "--timeout", "10s", "--latency", url))
                .redirectErrorStream(true)
                .start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (process.waitFor() != 0) {
            throw new IllegalStateException("wrk failed:\n" + output);
        }
        return WrkResult.parse(output);
    }
}
