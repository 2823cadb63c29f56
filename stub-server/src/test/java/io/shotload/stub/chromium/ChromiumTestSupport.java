package io.shotload.stub.chromium;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.prometheus.metrics.expositionformats.PrometheusTextFormatWriter;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import io.shotload.stub.capture.CaptureRequest;
import io.shotload.stub.capture.CaptureType;
import io.shotload.stub.capture.ImageFormat;
import io.shotload.stub.urlpolicy.HostResolver;
import io.shotload.stub.urlpolicy.UrlPolicy;
import io.shotload.stub.urlpolicy.UrlPolicyConfig;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/** Helpers shared by the tests that drive a real Chromium. */
final class ChromiumTestSupport {

    private static final AtomicInteger REQUEST_IDS = new AtomicInteger();

    private ChromiumTestSupport() {
    }

    /** Skips the test when Debian's Chromium is missing (install it with apt-get install -y chromium). */
    static void assumeChromiumInstalled() {
        Path chromium = Path.of(ChromiumConfig.DEFAULT_EXECUTABLE_PATH);
        assumeTrue(Files.isExecutable(chromium), "Chromium is not installed at " + chromium
                + "; run apt-get install -y chromium");
    }

    /** A policy that allows only the fixture server and never resolves a name. */
    static UrlPolicy fixtureOnlyPolicy(FixtureServer server) {
        HostResolver noLookups = host -> {
            throw new UnknownHostException("tests resolve no names: " + host);
        };
        return new UrlPolicy(UrlPolicyConfig.DEFAULTS, List.of(server.origin()), noLookups);
    }

    static BrowserPoolLimits limits(int maxPoolSize) {
        return BrowserPoolLimits.of(maxPoolSize, 3600, 30, 4096);
    }

    static CaptureRequest request(String url, CaptureType type, String selector, ImageFormat format, int width,
            int height) {
        return new CaptureRequest("test-" + REQUEST_IDS.incrementAndGet(), URI.create(url), type, selector, format,
                80, width, height);
    }

    static String scrape(PrometheusRegistry registry) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            PrometheusTextFormatWriter.create().write(out, registry.scrape());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toString(StandardCharsets.UTF_8);
    }

    /** Returns the value of one sample line such as {@code screenshot_blocked_total{reason="private"}}. */
    static double sample(PrometheusRegistry registry, String nameWithLabels) {
        Matcher matcher = Pattern.compile("(?m)^" + Pattern.quote(nameWithLabels) + " (\\S+)$")
                .matcher(scrape(registry));
        return matcher.find() ? Double.parseDouble(matcher.group(1)) : Double.NaN;
    }

    /** Returns the pids of live processes started with a shotload Chromium user data directory. */
    static List<Long> shotloadChromiumPids() {
        return pidsWhoseCommandContains("shotload-chromium-");
    }

    /**
     * Returns the {@code --user-data-dir} values of these Chromium processes. Each backend starts its
     * browsers with fresh folders, so the folders tell its processes apart from other runs' on the machine.
     */
    static java.util.Set<String> userDataDirs(List<Long> pids) {
        java.util.Set<String> dirs = new java.util.HashSet<>();
        for (long pid : pids) {
            for (String argument : commandLine(Long.toString(pid)).split("\u0000")) {
                if (argument.startsWith("--user-data-dir=")) {
                    dirs.add(argument);
                }
            }
        }
        return dirs;
    }

    /** Returns the processes, orphans included, that run with one of these {@code --user-data-dir} arguments. */
    static List<Long> pidsUsing(java.util.Set<String> userDataDirArguments) {
        return userDataDirArguments.stream()
                .flatMap(argument -> pidsWhoseCommandContains(argument).stream())
                .distinct()
                .toList();
    }

    private static List<Long> pidsWhoseCommandContains(String text) {
        try (Stream<Path> entries = Files.list(Path.of("/proc"))) {
            return entries.map(path -> path.getFileName().toString())
                    .filter(name -> name.chars().allMatch(Character::isDigit))
                    .filter(pid -> commandLine(pid).contains(text))
                    .map(Long::parseLong)
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String commandLine(String pid) {
        try {
            return Files.readString(Path.of("/proc", pid, "cmdline"), StandardCharsets.ISO_8859_1);
        } catch (IOException | RuntimeException gone) {
            return "";
        }
    }
}
