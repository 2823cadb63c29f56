package io.shotload.bench;

import java.io.IOException;
import java.net.HttpURLConnection;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * WireMock standalone in a child JVM on 127.0.0.1, with one GET mapping under {@code /delayed} (uniform
 * delay) and one under {@code /instant} (no delay). Asynchronous responses are on
 * ({@code --async-response-enabled}), so that a delay does not hold one of Jetty's container threads.
 */
final class WireMockProcess implements AutoCloseable {

    /**
     * Heap and collector of the benchmark JVMs. ZGC, because with 10,000 requests in flight G1's longest
     * young pause reached 268 ms in one run on the 2-core machine, so the lateness figures would measure
     * the collector rather than the servers.
     */
    static final List<String> JVM_FLAGS = List.of("-Xmx2g", "-XX:+UseZGC");

    private final Process process;
    private final int port;

    WireMockProcess(Path jar, Path rootDir, int lowerDelayMillis, int upperDelayMillis) throws IOException, InterruptedException {
        Path mappings = Files.createDirectories(rootDir.resolve("mappings"));
        Files.writeString(mappings.resolve("delayed.json"), """
                {"request": {"method": "GET", "urlPath": "/delayed"},
                 "response": {"status": 200, "body": "ok",
                              "delayDistribution": {"type": "uniform", "lower": %d, "upper": %d}}}
                """.formatted(lowerDelayMillis, upperDelayMillis));
        Files.writeString(mappings.resolve("instant.json"), """
                {"request": {"method": "GET", "urlPath": "/instant"},
                 "response": {"status": 200, "body": "ok"}}
                """);
        port = freePort();
        List<String> command = new ArrayList<>();
        command.add(javaBinary());
        command.addAll(JVM_FLAGS);
        command.addAll(List.of("-jar", jar.toString(),
                "--port", Integer.toString(port), "--bind-address", "127.0.0.1",
                "--root-dir", rootDir.toString(), "--no-request-journal", "--disable-banner",
                "--async-response-enabled", "true", "--async-response-threads", "16",
                "--container-threads", "64"));
        process = new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectOutput(rootDir.resolve("wiremock.log").toFile())
                .start();
        awaitReady();
    }

    int port() {
        return port;
    }

    private void awaitReady() throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException("WireMock exited with " + process.exitValue() + "; see wiremock.log");
            }
            try {
                HttpURLConnection connection =
                        (HttpURLConnection) URI.create("http://127.0.0.1:" + port + "/instant").toURL().openConnection();
                if (connection.getResponseCode() == 200) {
                    return;
                }
            } catch (IOException e) {
                // not listening yet
            }
            Thread.sleep(200);
        }
        throw new IllegalStateException("WireMock did not respond within 60 s");
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    private static String javaBinary() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }

    @Override
    public void close() throws InterruptedException {
        process.destroy();
        process.waitFor();
    }
}
