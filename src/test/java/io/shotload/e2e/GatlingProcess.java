package io.shotload.e2e;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Runs the capacity simulation in a forked JVM, as the Gatling Maven plugin does: {@code io.gatling.app.Gatling}
 * on the test class path, with {@code -Dshotload.*} properties.
 */
final class GatlingProcess {

    static final String SIMULATION = "io.shotload.simulation.CapacitySimulation";

    record Result(int exitCode, String output, Path resultsDir) {}

    private GatlingProcess() {}

    static Result run(Path resultsDir, Map<String, String> properties, Duration timeout) throws IOException, InterruptedException {
        Files.createDirectories(resultsDir);
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        // The JVM options that the Gatling Maven plugin passes to its forked JVM.
        command.addAll(List.of("-Xmx1G", "-XX:+HeapDumpOnOutOfMemoryError", "-XX:MaxInlineLevel=20", "-XX:MaxTrivialSize=12",
                "--add-opens=java.base/java.lang=ALL-UNNAMED", "--add-opens=java.base/jdk.internal.misc=ALL-UNNAMED"));
        command.add("-cp");
        command.add(System.getProperty("java.class.path"));
        command.add("-Dshotload.resultsDir=" + resultsDir);
        properties.forEach((key, value) -> command.add("-D" + key + "=" + value));
        command.add("io.gatling.app.Gatling");
        command.add("--simulation");
        command.add(SIMULATION);
        command.add("--results-folder");
        command.add(resultsDir.toString());

        Path log = Files.createTempFile(resultsDir, "gatling-", ".log");
        Process process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        if (!process.waitFor(timeout.toSeconds(), TimeUnit.SECONDS)) {
            process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            throw new AssertionError("Gatling did not finish within " + timeout + "; output:\n" + Files.readString(log));
        }
        return new Result(process.exitValue(), Files.readString(log, StandardCharsets.UTF_8), resultsDir);
    }
}
