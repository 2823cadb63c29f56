package io.shotload.stub.chromium;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One headless Chromium process tree with its own temporary user data directory.
 *
 * <p>Every process Chromium starts (zygotes, GPU, network service, renderers) carries the
 * {@code --user-data-dir} path on its command line, so {@link #kill()} finds them in /proc even after
 * the browser process died and they were re-parented, then deletes the directory. Chromium's own
 * temporary files go there too, through {@code TMPDIR}. Public for the benchmark's direct DevTools
 * loop; the backend's pool is its only user in the server.
 */
public final class ChromiumProcess {

    private static final Logger LOG = LoggerFactory.getLogger(ChromiumProcess.class);
    private static final String DEVTOOLS_PREFIX = "DevTools listening on ";

    private final Process process;
    private final Path userDataDir;
    private final URI webSocketUrl;
    private final Set<ProcessHandle> seenProcesses = ConcurrentHashMap.newKeySet();

    private ChromiumProcess(Process process, Path userDataDir, URI webSocketUrl) {
        this.process = process;
        this.userDataDir = userDataDir;
        this.webSocketUrl = webSocketUrl;
    }

    /**
     * Throws an {@link IllegalStateException} naming the install command when {@code executablePath} is
     * not an executable file.
     */
    public static void requireExecutable(String executablePath) {
        Path path = Path.of(executablePath);
        if (!Files.isRegularFile(path) || !Files.isExecutable(path)) {
            throw new IllegalStateException("Chromium not found at " + executablePath
                    + "; install it with `apt-get install -y chromium` or set chromium.executable_path.");
        }
    }

    /**
     * Starts Chromium and waits for its DevTools URL.
     *
     * @param extraArgs flags added after the fixed ones, such as the proxy guard
     * @throws IOException if Chromium cannot start or prints no DevTools URL within {@code timeout}
     */
    public static ChromiumProcess launch(String executablePath, List<String> extraArgs, Duration timeout, String name)
            throws IOException {
        requireExecutable(executablePath);
        Path userDataDir = Files.createTempDirectory("shotload-chromium-");
        List<String> command = new ArrayList<>(List.of(executablePath,
                "--headless",
                "--disable-gpu",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
                "--disable-quic",
                "--disable-default-apps",
                "--disable-extensions",
                "--disable-breakpad",
                "--disable-domain-reliability",
                "--disable-client-side-phishing-detection",
                // Pages behind the first one are background tabs; without these they get throttled.
                "--disable-background-timer-throttling",
                "--disable-backgrounding-occluded-windows",
                "--disable-renderer-backgrounding",
                // No capture goes back, so the back-forward cache only kept each page left for about:blank
                // alive in its renderer and made the next capture start another one.
                "--disable-features=Translate,MediaRouter,OptimizationHints,InterestFeedContentSuggestions,"
                        + "BackForwardCache",
                "--no-first-run",
                "--no-default-browser-check",
                "--no-service-autorun",
                "--password-store=basic",
                "--use-mock-keychain",
                "--mute-audio",
                "--hide-scrollbars",
                "--force-color-profile=srgb",
                "--remote-debugging-port=0",
                "--user-data-dir=" + userDataDir));
        if (runningAsRoot()) {
            // Chromium's sandbox refuses to start as root.
            command.add("--no-sandbox");
        }
        command.addAll(extraArgs);
        command.add("about:blank");

        ProcessBuilder builder = new ProcessBuilder(command)
                .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                .redirectErrorStream(false);
        Map<String, String> environment = builder.environment();
        environment.put("TMPDIR", userDataDir.toString());
        Process process;
        try {
            process = builder.start();
        } catch (IOException e) {
            deleteRecursively(userDataDir);
            throw new IOException("Failed to start Chromium at " + executablePath + ": " + e.getMessage(), e);
        }

        CompletableFuture<URI> devToolsUrl = new CompletableFuture<>();
        Thread reader = new Thread(() -> readStderr(process, devToolsUrl, name), name + "-stderr");
        reader.setDaemon(true);
        reader.start();
        try {
            URI url = devToolsUrl.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
            return new ChromiumProcess(process, userDataDir, url);
        } catch (Exception e) {
            ChromiumProcess failed = new ChromiumProcess(process, userDataDir, null);
            failed.kill();
            throw new IOException("Chromium at " + executablePath + " printed no DevTools URL within "
                    + timeout.toMillis() + " ms (exit code " + (process.isAlive() ? "none" : process.exitValue())
                    + "): " + e, e);
        }
    }

    private static void readStderr(Process process, CompletableFuture<URI> devToolsUrl, String name) {
        try (BufferedReader reader = new BufferedReader(
                new InputStreamReader(process.getErrorStream(), StandardCharsets.UTF_8))) {
            String line;
            while ((line = reader.readLine()) != null) {
                if (!devToolsUrl.isDone() && line.startsWith(DEVTOOLS_PREFIX)) {
                    devToolsUrl.complete(URI.create(line.substring(DEVTOOLS_PREFIX.length()).trim()));
                } else if (LOG.isDebugEnabled()) {
                    LOG.debug("{} stderr: {}", name, line);
                }
            }
        } catch (IOException e) {
            LOG.debug("{}: stderr closed: {}", name, e.toString());
        }
        devToolsUrl.completeExceptionally(new IOException("Chromium closed its stderr before printing a DevTools URL"));
    }

    private static boolean runningAsRoot() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
                if (line.startsWith("Uid:")) {
                    return line.split("\\s+")[1].equals("0");
                }
            }
        } catch (IOException e) {
            LOG.debug("Could not read /proc/self/status: {}", e.toString());
        }
        return "root".equals(System.getProperty("user.name"));
    }

    public URI webSocketUrl() {
        return webSocketUrl;
    }

    public long pid() {
        return process.pid();
    }

    /** Completes when the browser process exits. */
    CompletableFuture<Process> onExit() {
        return process.onExit();
    }

    boolean isAlive() {
        return process.isAlive();
    }

    /** Returns the live processes of this browser: the browser process and every descendant. */
    public List<ProcessHandle> processTree() {
        List<ProcessHandle> tree = new ArrayList<>();
        ProcessHandle root = process.toHandle();
        if (root.isAlive()) {
            tree.add(root);
            root.descendants().forEach(tree::add);
        }
        seenProcesses.addAll(tree);
        return tree;
    }

    /**
     * Kills the whole process tree with SIGKILL, waits up to two seconds for it to exit and deletes the
     * user data directory. Safe to call more than once.
     */
    public void kill() {
        List<ProcessHandle> targets = new ArrayList<>(processTree());
        targets.addAll(seenProcesses);
        targets.addAll(findByUserDataDir());
        for (ProcessHandle handle : targets) {
            handle.destroyForcibly();
        }
        long waitUntil = System.nanoTime() + TimeUnit.SECONDS.toNanos(2);
        for (ProcessHandle handle : targets) {
            long remainingNanos = waitUntil - System.nanoTime();
            if (remainingNanos > 0) {
                try {
                    handle.onExit().get(remainingNanos, TimeUnit.NANOSECONDS);
                } catch (Exception notYet) {
                    // Checked once more below.
                }
            }
        }
        List<ProcessHandle> survivors = findByUserDataDir();
        if (!survivors.isEmpty()) {
            LOG.warn("{} Chromium processes of {} survived SIGKILL: {}", survivors.size(), userDataDir,
                    survivors.stream().map(ProcessHandle::pid).toList());
        }
        deleteRecursively(userDataDir);
    }

    /** Finds processes whose command line names this browser's user data directory. */
    private List<ProcessHandle> findByUserDataDir() {
        String marker = userDataDir.toString();
        List<ProcessHandle> found = new ArrayList<>();
        try (Stream<Path> entries = Files.list(Path.of("/proc"))) {
            entries.map(path -> path.getFileName().toString())
                    .filter(fileName -> !fileName.isEmpty() && fileName.chars().allMatch(Character::isDigit))
                    .forEach(pid -> {
                        try {
                            byte[] cmdline = Files.readAllBytes(Path.of("/proc", pid, "cmdline"));
                            if (new String(cmdline, StandardCharsets.UTF_8).contains(marker)) {
                                ProcessHandle.of(Long.parseLong(pid)).ifPresent(found::add);
                            }
                        } catch (IOException | RuntimeException gone) {
                            // The process exited while we listed /proc.
                        }
                    });
        } catch (IOException e) {
            LOG.debug("Could not list /proc: {}", e.toString());
        }
        return found;
    }

    private static void deleteRecursively(Path directory) {
        try (Stream<Path> paths = Files.walk(directory)) {
            paths.sorted(Comparator.reverseOrder()).forEach(path -> {
                try {
                    Files.deleteIfExists(path);
                } catch (IOException e) {
                    LOG.debug("Could not delete {}: {}", path, e.toString());
                }
            });
        } catch (IOException e) {
            LOG.debug("Could not delete {}: {}", directory, e.toString());
        }
    }
}
