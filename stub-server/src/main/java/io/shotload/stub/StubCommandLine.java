package io.shotload.stub;

import io.shotload.stub.backend.CaptureBackends;
import io.shotload.stub.config.ConfigField;
import io.shotload.stub.config.StubConfig;
import java.nio.file.Path;
import java.util.Locale;

/**
 * The flags of {@link StubMain}. Parsing throws {@link UsageException} with a message that names the
 * flag and the fix; help text is built from the same default constants the code uses.
 *
 * @param host the listen address, loopback only
 * @param port the TCP port, 0 for a free one
 * @param configFile the JSON config file, or {@code null} for the built-in defaults
 * @param backend the backend name
 * @param helpRequested whether {@code --help} was given
 */
record StubCommandLine(String host, int port, Path configFile, String backend, boolean helpRequested) {

    /** Listen address used without {@code --host}. */
    static final String DEFAULT_HOST = "127.0.0.1";
    /** Port used without {@code --port}. */
    static final int DEFAULT_PORT = 8080;

    /** A command line the stub cannot run; the message names the option and what to change. */
    static final class UsageException extends Exception {
        UsageException(String message) {
            super(message);
        }
    }

    static StubCommandLine parse(String... args) throws UsageException {
        String host = DEFAULT_HOST;
        int port = DEFAULT_PORT;
        Path configFile = null;
        String backend = CaptureBackends.DEFAULT;
        boolean help = false;
        for (int i = 0; i < args.length; i++) {
            String flag = args[i];
            String inlineValue = null;
            int equals = flag.indexOf('=');
            if (flag.startsWith("--") && equals > 0) {
                inlineValue = flag.substring(equals + 1);
                flag = flag.substring(0, equals);
            }
            switch (flag) {
                case "--help", "-h" -> help = true;
                case "--host" -> host = inlineValue != null ? inlineValue : valueAfter(args, ++i, flag);
                case "--port" -> port = parsePort(inlineValue != null ? inlineValue : valueAfter(args, ++i, flag));
                case "--config" -> configFile = Path.of(inlineValue != null ? inlineValue : valueAfter(args, ++i, flag));
                case "--backend" -> backend = inlineValue != null ? inlineValue : valueAfter(args, ++i, flag);
                default -> throw new UsageException("Unknown option '" + args[i] + "'; run with --help for the options.");
            }
        }
        return new StubCommandLine(host, port, configFile, backend, help);
    }

    private static String valueAfter(String[] args, int index, String flag) throws UsageException {
        if (index >= args.length || args[index].startsWith("--")) {
            throw new UsageException("Option " + flag + " needs a value; run with --help for the options.");
        }
        return args[index];
    }

    private static int parsePort(String text) throws UsageException {
        try {
            int port = Integer.parseInt(text);
            if (port >= 0 && port <= 65_535) {
                return port;
            }
        } catch (NumberFormatException e) {
            // reported below with the same message as an out-of-range port
        }
        throw new UsageException("Invalid --port " + text + "; expected 0..65535 (0 picks a free port).");
    }

    /** Returns the {@code --help} text: the flags, the exit codes and every config field with its default. */
    static String helpText() {
        StringBuilder text = new StringBuilder();
        text.append("Usage: StubMain [--host ADDRESS] [--port PORT] [--config FILE] [--backend NAME]\n\n");
        text.append("Runs the screenshot-service stub until it is stopped (Ctrl-C or SIGTERM).\n\n");
        text.append("Options:\n");
        text.append(String.format(Locale.ROOT, "  --host ADDRESS   loopback address to listen on (default %s)%n", DEFAULT_HOST));
        text.append(String.format(Locale.ROOT, "  --port PORT      TCP port, 0 for a free one (default %d)%n", DEFAULT_PORT));
        text.append("  --config FILE    JSON config file; absent sections and fields take the defaults below\n");
        text.append(String.format(Locale.ROOT, "  --backend NAME   capture backend: %s (default %s)%n",
                CaptureBackends.names(), CaptureBackends.DEFAULT));
        text.append("  --help           print this text\n\n");
        text.append("Exit codes: 0 stopped normally, 1 failed to start or run, 2 invalid option or config.\n\n");
        text.append("Config fields (default; allowed values; meaning):\n");
        for (ConfigField field : StubConfig.fields()) {
            text.append(String.format(Locale.ROOT, "  %-48s %s; %s; %s%n",
                    field.path(), field.defaultText(), field.allowedText(), field.description()));
        }
        return text.toString();
    }
}
