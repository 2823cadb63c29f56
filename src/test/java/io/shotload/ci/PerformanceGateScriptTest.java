package io.shotload.ci;

import static io.shotload.ci.ResultsFixtures.resultsJson;
import static io.shotload.ci.ResultsFixtures.write;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Runs {@code ci/performance-gate.sh} as a CI job would. The script runs GateMain with {@code java -cp} on
 * this test's class path through {@code SHOTLOAD_GATE_CLASSPATH}, because going through Maven would take
 * seconds per case. NOTE: so the Maven path ({@code exec:java@gate}) is not covered here.
 */
class PerformanceGateScriptTest {

    private static final Path SCRIPT = Path.of("ci", "performance-gate.sh").toAbsolutePath();
    private static final long TIMEOUT_SECONDS = 60;

    @TempDir
    Path folder;

    private record ScriptRun(int exitCode, List<String> lines, String errors) {}

    private ScriptRun runScriptWithClassPath(String classPath, String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>();
        command.add(SCRIPT.toString());
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command)
                .directory(folder.toFile())
                .redirectError(folder.resolve("stderr.txt").toFile());
        builder.environment().put("SHOTLOAD_GATE_CLASSPATH", classPath);
        builder.environment().put("JAVA_HOME", System.getProperty("java.home"));
        Process process = builder.start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS))
                .as("the script finished within %d s", TIMEOUT_SECONDS)
                .isTrue();
        String errors = Files.readString(folder.resolve("stderr.txt"));
        return new ScriptRun(process.exitValue(), output.lines().toList(), errors);
    }

    private ScriptRun runScript(String... args) throws IOException, InterruptedException {
        return runScriptWithClassPath(System.getProperty("java.class.path"), args);
    }

    @Test
    void scriptIsExecutable() {
        assertThat(Files.isExecutable(SCRIPT)).isTrue();
    }

    @ParameterizedTest
    @CsvSource({"ready, 0", "warnings, 1", "critical, 2"})
    void scriptPassesExitCodeThrough(String verdict, int exitCode) throws Exception {
        write(folder, "results.json", resultsJson(verdict));

        ScriptRun run = runScript("results.json");

        assertThat(run.exitCode()).isEqualTo(exitCode);
        assertThat(run.lines()).contains("VERDICT=" + verdict, "EXIT_CODE=" + exitCode);
        assertThat(run.lines()).anyMatch(line -> line.startsWith("DESCRIPTION=Optimal users: 6,"));
    }

    @Test
    void missingFileExitsTwo() throws Exception {
        ScriptRun run = runScript("no-such-results.json");

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.lines()).contains("VERDICT=critical", "EXIT_CODE=2");
        assertThat(run.errors()).contains("Results file not found: " + folder.resolve("no-such-results.json"));
    }

    @Test
    void gateThatCannotStartExitsTwo() throws Exception {
        write(folder, "results.json", resultsJson("ready"));
        Path emptyClassPath = Files.createDirectory(folder.resolve("empty-classes"));

        ScriptRun run = runScriptWithClassPath(emptyClassPath.toString(), "results.json");

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.lines()).contains("VERDICT=critical", "EXIT_CODE=2");
        assertThat(run.errors()).contains("GateMain did not run to the end (exit status 1)");
    }

    @Test
    void tooManyArgumentsExitTwo() throws Exception {
        ScriptRun run = runScript("a.json", "b.json");

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.errors()).contains("expected at most one argument, got 2");
    }
}
