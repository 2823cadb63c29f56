package io.shotload.stub;

import io.shotload.stub.backend.BackendUnavailableException;
import io.shotload.stub.backend.CaptureBackends;
import io.shotload.stub.config.InvalidConfigException;
import io.shotload.stub.config.StubConfig;
import java.util.concurrent.CountDownLatch;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs the stub server from the command line until SIGTERM or Ctrl-C. Exit codes: 0 after a normal
 * stop, 1 when the server failed to start, 2 for an invalid option, config or backend.
 */
public final class StubMain {

    /** Exit code for an invalid option, config file or backend name. */
    public static final int EXIT_USAGE = 2;
    /** Exit code for a server that could not start, such as a port already in use. */
    public static final int EXIT_FAILURE = 1;

    private static final Logger LOG = LoggerFactory.getLogger(StubMain.class);

    private StubMain() {
    }

    public static void main(String[] args) {
        int exitCode = run(args);
        // After a normal stop this thread wakes inside the JVM's shutdown, where System.exit would block.
        if (exitCode != 0) {
            System.exit(exitCode);
        }
    }

    /** Runs the stub and returns the exit code; returns at once for {@code --help} and errors. */
    static int run(String... args) {
        StubCommandLine commandLine;
        try {
            commandLine = StubCommandLine.parse(args);
        } catch (StubCommandLine.UsageException e) {
            System.err.println(e.getMessage());
            return EXIT_USAGE;
        }
        if (commandLine.helpRequested()) {
            System.out.print(StubCommandLine.helpText());
            return 0;
        }

        StubServer server;
        try {
            StubConfig config = commandLine.configFile() == null
                    ? StubConfig.defaults()
                    : StubConfig.load(commandLine.configFile());
            server = StubServer.start(
                    config, commandLine.host(), commandLine.port(), CaptureBackends.forName(commandLine.backend()));
        } catch (InvalidConfigException | BackendUnavailableException | IllegalArgumentException e) {
            LOG.error(e.getMessage());
            return EXIT_USAGE;
        } catch (RuntimeException e) {
            LOG.error("The stub server failed to start on {}:{}: {}", commandLine.host(), commandLine.port(), e.toString(), e);
            return EXIT_FAILURE;
        }

        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            server.close();
            stopped.countDown();
        }, "stub-shutdown"));
        try {
            stopped.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            server.close();
        }
        return 0;
    }
}
