package io.shotload.report.html;

import static org.assertj.core.api.Assertions.assertThat;

import io.shotload.analysis.AnalysisSettings;
import io.shotload.analysis.CapacityAnalysis;
import io.shotload.analysis.CapacityAnalyzer;
import io.shotload.analysis.RunFixtures;
import io.shotload.run.RunData;
import io.undertow.Undertow;
import io.undertow.util.Headers;
import io.undertow.util.HttpString;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Opens the capacity report in headless Chromium from a file:// URL and checks what the browser made of
 * it: the parsed DOM, a screenshot, and the console. The page has no script, so any console line means
 * the browser rejected something, such as a resource the Content Security Policy blocked.
 *
 * <p>Needs Chromium at {@code /usr/bin/chromium}, on the PATH, or at {@code -Dshotload.chromium=PATH};
 * without it the tests are skipped with a message. The CI script installs it.
 */
class CapacityHtmlReportBrowserTest {

    private static final long TIMEOUT_SECONDS = 120;
    /** The USL curve's colour in {@link CapacityCharts}, RGB. */
    private static final int USL_RED = 0xd62728;
    /**
     * The Content Security Policy that Jenkins sets on archived and published files by default, from
     * https://www.jenkins.io/doc/book/security/configuring-content-security-policy/.
     */
    private static final String JENKINS_DEFAULT_CSP =
            "sandbox allow-same-origin; default-src 'none'; img-src 'self'; style-src 'self';";
    private static final Pattern CHART = Pattern.compile("<svg[^>]*data-chart=\"([a-z-]+)\"(.*?)</svg>",
            Pattern.DOTALL);

    @TempDir
    static Path folder;

    private static Path chromium;
    private static Path report;

    @BeforeAll
    static void writeReport() throws IOException {
        chromium = findChromium();
        RunData data = RunFixtures.uslRun(0.8, 0.05, 0.008).build();
        CapacityAnalysis analysis = new CapacityAnalyzer(AnalysisSettings.defaults()).analyze(data);
        report = Files.writeString(folder.resolve("capacity_report.html"),
                CapacityHtmlReport.render(data, analysis, CapacityHtmlReportTest.GENERATED_AT));
    }

    @Test
    void browserDrawsEveryChart() throws Exception {
        String dom = runChromium("dom", "--dump-dom").stdout();

        List<String> charts = new ArrayList<>();
        Matcher matcher = CHART.matcher(dom);
        while (matcher.find()) {
            charts.add(matcher.group(1));
            String body = matcher.group(2);
            assertThat(body).as("chart %s has a drawn series", matcher.group(1))
                    .containsPattern("<(path|circle) class=\"series\"");
        }
        assertThat(charts).containsExactlyElementsOf(CapacityCharts.ids());
        assertThat(dom).contains("data-series=\"USL fit\"");
    }

    @Test
    void screenshotShowsUslCurve() throws Exception {
        Path png = folder.resolve("report.png");
        runChromium("screenshot", "--window-size=1400,3000", "--hide-scrollbars", "--screenshot=" + png);

        BufferedImage image = ImageIO.read(png.toFile());
        int red = 0;
        int white = 0;
        for (int y = 0; y < image.getHeight(); y++) {
            for (int x = 0; x < image.getWidth(); x++) {
                int rgb = image.getRGB(x, y) & 0xffffff;
                red += rgb == USL_RED ? 1 : 0;
                white += rgb == 0xffffff ? 1 : 0;
            }
        }
        // A 2 px curve across a 560 px plot is over 1000 pixels; 200 leaves room for anti-aliasing.
        assertThat(red).as("pixels in the USL curve's colour").isGreaterThan(200);
        assertThat(white).as("white pixels").isLessThan(image.getWidth() * image.getHeight());
    }

    @Test
    void consoleStaysEmpty() throws Exception {
        String log = runChromium("console", "--enable-logging=stderr", "--v=0", "--dump-dom").stderr();

        List<String> consoleLines = log.lines().filter(line -> line.contains(":CONSOLE")).toList();
        assertThat(consoleLines).as("browser console lines").isEmpty();
    }

    @Test
    void jenkinsDefaultPolicyKeepsCharts() throws Exception {
        byte[] page = Files.readAllBytes(report);
        Undertow server = Undertow.builder()
                .addHttpListener(0, "127.0.0.1")
                .setHandler(exchange -> {
                    exchange.getResponseHeaders().put(Headers.CONTENT_TYPE, "text/html; charset=UTF-8");
                    exchange.getResponseHeaders().put(HttpString.tryFromString("Content-Security-Policy"),
                            JENKINS_DEFAULT_CSP);
                    exchange.getResponseSender().send(ByteBuffer.wrap(page));
                })
                .build();
        server.start();
        try {
            InetSocketAddress address = (InetSocketAddress) server.getListenerInfo().get(0).getAddress();
            String url = "http://127.0.0.1:" + address.getPort() + "/capacity_report.html";
            Path png = folder.resolve("jenkins.png");

            Output output = runChromiumOn(url, "jenkins", "--window-size=1400,3000", "--hide-scrollbars",
                    "--enable-logging=stderr", "--v=0", "--screenshot=" + png);

            assertThat(redPixels(ImageIO.read(png.toFile()))).as("pixels in the USL curve's colour").isGreaterThan(200);
            List<String> consoleLines = output.stderr().lines().filter(line -> line.contains(":CONSOLE")).toList();
            // The policy blocks the inline stylesheet only, which leaves the tables unstyled.
            assertThat(consoleLines).as("browser console lines").allSatisfy(line -> assertThat(line)
                    .contains("Content Security Policy").contains("style-src"));
        } finally {
            server.stop();
        }
    }

    private static int redPixels(BufferedImage image) {
        int red = 0;
        for (int y = 0; y < image.getHeight(); y++) {
            for (int x = 0; x < image.getWidth(); x++) {
                red += (image.getRGB(x, y) & 0xffffff) == USL_RED ? 1 : 0;
            }
        }
        return red;
    }

    private record Output(String stdout, String stderr) {}

    private static Output runChromium(String name, String... arguments) throws Exception {
        return runChromiumOn(report.toUri().toString(), name, arguments);
    }

    private static Output runChromiumOn(String url, String name, String... arguments) throws Exception {
        Path profile = Files.createTempDirectory(folder, "profile-");
        List<String> command = new ArrayList<>(List.of(chromium.toString(), "--headless", "--no-sandbox",
                "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync",
                "--disable-quic", "--no-first-run", "--user-data-dir=" + profile));
        command.addAll(List.of(arguments));
        command.add(url);
        Path stdout = folder.resolve(name + ".out");
        Path stderr = folder.resolve(name + ".err");
        Process process = new ProcessBuilder(command).redirectOutput(stdout.toFile()).redirectError(stderr.toFile())
                .start();
        if (!process.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new AssertionError("Chromium timed out after " + TIMEOUT_SECONDS + " s: " + command);
        }
        String err = Files.readString(stderr, StandardCharsets.UTF_8);
        assertThat(process.exitValue()).as("Chromium exit code; stderr:%n%s", err).isZero();
        return new Output(Files.readString(stdout, StandardCharsets.UTF_8), err);
    }

    private static Path findChromium() {
        String configured = System.getProperty("shotload.chromium");
        List<Path> candidates = new ArrayList<>();
        if (configured != null && !configured.isBlank()) {
            candidates.add(Path.of(configured));
        }
        candidates.add(Path.of("/usr/bin/chromium"));
        for (String directory : System.getenv().getOrDefault("PATH", "").split(":")) {
            if (!directory.isBlank()) {
                candidates.add(Path.of(directory, "chromium"));
            }
        }
        for (Path candidate : candidates) {
            if (Files.isExecutable(candidate)) {
                return candidate;
            }
        }
        Assumptions.abort("Chromium not found at " + candidates + "; install the chromium package or pass "
                + "-Dshotload.chromium=PATH to run the browser tests.");
        return null;
    }
}
