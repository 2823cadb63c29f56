package io.shotload.stub;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.shotload.stub.backend.BackendContext;
import io.shotload.stub.backend.BackendUnavailableException;
import io.shotload.stub.backend.CaptureBackends;
import io.shotload.stub.config.ConfigField;
import io.shotload.stub.config.StubConfig;
import io.shotload.stub.timer.LatenessTimer;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StubMainTest {

    @Test
    void helpListsEveryConfigDefault() {
        String help = StubCommandLine.helpText();

        for (ConfigField field : StubConfig.fields()) {
            assertThat(help).contains(field.path() + " ").contains(" " + field.defaultText() + "; " + field.allowedText());
        }
        assertThat(help).contains("--port PORT").contains("(default 8080)").contains("mock, chromium");
    }

    @Test
    void helpExitsWithZero() {
        PrintStream original = System.out;
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        System.setOut(new PrintStream(captured, true, StandardCharsets.UTF_8));
        try {
            assertThat(StubMain.run("--help")).isZero();
        } finally {
            System.setOut(original);
        }
        assertThat(captured.toString(StandardCharsets.UTF_8)).startsWith("Usage: StubMain");
    }

    @Test
    void unknownOptionIsRejected() {
        assertThatThrownBy(() -> StubCommandLine.parse("--verbose"))
                .hasMessage("Unknown option '--verbose'; run with --help for the options.");
        assertThat(StubMain.run("--verbose")).isEqualTo(StubMain.EXIT_USAGE);
    }

    @Test
    void badPortIsRejected() {
        assertThatThrownBy(() -> StubCommandLine.parse("--port", "http"))
                .hasMessage("Invalid --port http; expected 0..65535 (0 picks a free port).");
        assertThatThrownBy(() -> StubCommandLine.parse("--port=70000"))
                .hasMessage("Invalid --port 70000; expected 0..65535 (0 picks a free port).");
        assertThatThrownBy(() -> StubCommandLine.parse("--port"))
                .hasMessage("Option --port needs a value; run with --help for the options.");
    }

    @Test
    void flagsAreParsed() throws Exception {
        StubCommandLine commandLine = StubCommandLine.parse(
                "--host", "::1", "--port=0", "--config", "my-stub.json", "--backend", "mock");

        assertThat(commandLine.host()).isEqualTo("::1");
        assertThat(commandLine.port()).isZero();
        assertThat(commandLine.configFile()).isEqualTo(Path.of("my-stub.json"));
        assertThat(commandLine.backend()).isEqualTo("mock");
    }

    @Test
    void nonLoopbackHostIsRejected() {
        assertThat(StubMain.run("--host", "0.0.0.0", "--port", "0")).isEqualTo(StubMain.EXIT_USAGE);
        assertThatThrownBy(() -> StubServer.start(StubConfig.defaults(), "192.168.1.10", 0))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("Invalid host '192.168.1.10': the stub listens on loopback addresses only"
                        + " (127.0.0.1, ::1 or localhost).");
        assertThatThrownBy(() -> StubServer.start(StubConfig.defaults(), "example.com", 0))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void missingChromiumExitsWithUsageCode(@TempDir Path folder) throws Exception {
        Path config = folder.resolve("stub.json");
        Files.writeString(config, "{\"chromium\": {\"executable_path\": \"/nonexistent/chromium\"}}");

        assertThat(StubMain.run("--backend", "chromium", "--port", "0", "--config", config.toString()))
                .isEqualTo(StubMain.EXIT_USAGE);
    }

    @Test
    void missingChromiumNamesInstallCommand() {
        StubConfig config = StubConfig.parse("{\"chromium\": {\"executable_path\": \"/nonexistent/chromium\"}}");
        try (LatenessTimer timer = new LatenessTimer("test-timer")) {
            BackendContext context = new BackendContext(config, timer, URI.create("http://127.0.0.1:8080"));

            assertThatThrownBy(() -> CaptureBackends.forName("chromium").create(context))
                    .isInstanceOf(BackendUnavailableException.class)
                    .hasMessageContaining("/nonexistent/chromium")
                    .hasMessageContaining("apt-get install -y chromium");
        }
    }

    @Test
    void invalidChromiumSectionExitsWithUsageCode(@TempDir Path folder) throws Exception {
        Path config = folder.resolve("stub.json");
        Files.writeString(config, "{\"chromium\": {\"pages_per_browser\": 0}}");

        assertThat(StubMain.run("--backend", "chromium", "--port", "0", "--config", config.toString()))
                .isEqualTo(StubMain.EXIT_USAGE);
    }

    @Test
    void unknownBackendIsRejected() {
        assertThatThrownBy(() -> CaptureBackends.forName("firefox"))
                .isInstanceOf(BackendUnavailableException.class)
                .hasMessage("Unknown backend 'firefox'; expected one of mock, chromium.");
    }

    @Test
    void invalidConfigFileExitsWithUsageCode(@TempDir Path folder) throws Exception {
        Path config = folder.resolve("bad.json");
        Files.writeString(config, "{\"browser_pool\": {\"max_pool_size\": 0}}");

        assertThat(StubMain.run("--config", config.toString(), "--port", "0")).isEqualTo(StubMain.EXIT_USAGE);
    }

    @Test
    void ipv6LoopbackServes() {
        try (StubServer server = StubServer.start(StubConfig.defaults(), "::1", 0)) {
            assertThat(server.baseUrl().toString()).startsWith("http://[0:0:0:0:0:0:0:1]:");
            assertThat(new StubClient(server).get("/health").statusCode()).isEqualTo(200);
        }
    }

    @Test
    void configEndpointShowsEffectiveConfig() {
        try (StubServer server = TestServers.start("{\"seed\": 77, \"screenshot_queue\": {\"max_queue_size\": 3}}")) {
            StubClient client = new StubClient(server);

            assertThat(StubClient.json(client.get("/config")).path("seed").asLong()).isEqualTo(77);
            assertThat(StubClient.json(client.get("/config")).path("screenshot_queue").path("max_queue_size").asInt())
                    .isEqualTo(3);
            assertThat(StubConfig.parse(new String(client.get("/config").body(), StandardCharsets.UTF_8)))
                    .isEqualTo(server.config());
            assertThat(StubClient.json(client.get("/health")).path("status").asText()).isEqualTo("ok");
        }
    }
}
