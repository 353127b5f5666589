package io.uptake.ingest.collector;

import io.javalin.Javalin;
import io.uptake.http.HttpServers;
import io.uptake.http.ServerArguments;
import io.uptake.http.ServerOptions;
import io.uptake.ingest.privacy.Pseudonymizer;
import io.uptake.warehouse.DataLayout;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;

/**
 * {@code ./uptake collect [--data DIR] [--port N] [--token-file FILE]}: runs the HTTP collector until
 * SIGTERM, then commits everything it accepted and exits.
 */
public final class CollectorCommand {

    static final String TOKEN_ENV = "UPTAKE_INGEST_TOKEN";
    static final int DEFAULT_PORT = 7071;
    static final String USAGE = """
            Usage: ./uptake collect [--data DIR] [--port N] [--token-file FILE]
                                    [--flush-interval SECONDS] [--max-backlog EVENTS] [--max-body-bytes BYTES]
                                    [--max-in-flight REQUESTS] [--host ADDR] [--tls-cert PEM --tls-key PEM]
                                    [--trusted-proxy ADDR]
              The ingest token comes from $UPTAKE_INGEST_TOKEN or from --token-file; there is no default.
              Defaults: --data ./data, --host 0.0.0.0 (every network interface), --port 7071,
              --flush-interval 30, --max-backlog 100000, --max-body-bytes 5242880 (5 MiB),
              --max-in-flight 4.""";

    /** The command line, read. */
    record Options(CollectorConfig config, ServerOptions server) {
        int port() {
            return server.port();
        }
    }

    /** Bad usage: the message says what to fix. */
    static final class UsageException extends Exception {
        UsageException(String message) {
            super(message, null, false, false);
        }
    }

    private CollectorCommand() {}

    public static void main(String[] args) {
        Options options;
        try {
            options = parse(args, System.getenv());
        } catch (UsageException e) {
            System.err.println("collect: " + e.getMessage());
            System.err.println(USAGE);
            System.exit(2);
            return;
        }
        if (options == null) {
            System.out.println(USAGE);
            return;
        }
        CollectorConfig config = options.config();
        Javalin app;
        try {
            Pseudonymizer pseudonymizer = Pseudonymizer.loadOrCreate(config.layout().keyFile());
            app = CollectorApp.create(config, pseudonymizer, Clock.systemUTC(), options.server());
            app.start(options.port());
        } catch (IOException | RuntimeException e) {
            System.err.println("collect: cannot start: " + message(e));
            System.exit(1);
            return;
        }
        // SIGTERM: stop taking events, commit everything accepted, then let the JVM exit.
        Runtime.getRuntime().addShutdownHook(new Thread(app::stop, "collector-shutdown"));
        HttpServers.Startup startup = HttpServers.startup("Collector", options.server(), app.port(), "/v1/events",
                "the ingest token and the events");
        System.out.println(startup.line() + ", write-ahead log in " + config.walDir());
        if (startup.warning() != null) {
            System.err.println(startup.warning());
        }
    }

    /** The options, or null when help was asked for. */
    static Options parse(String[] args, Map<String, String> env) throws UsageException {
        String data = "./data";
        int port = DEFAULT_PORT;
        Path tokenFile = null;
        Duration flushInterval = CollectorConfig.DEFAULT_FLUSH_INTERVAL;
        long maxBacklog = CollectorConfig.DEFAULT_MAX_BACKLOG;
        long maxBodyBytes = CollectorConfig.DEFAULT_MAX_BODY_BYTES;
        int maxInFlight = CollectorConfig.DEFAULT_MAX_IN_FLIGHT;
        ServerArguments server = new ServerArguments(ServerOptions.EVERY_INTERFACE, DEFAULT_PORT);
        for (int i = 0; i < args.length; i++) {
            String arg = args[i];
            if (arg.equals("--help") || arg.equals("-h")) {
                return null;
            }
            if (!arg.startsWith("--")) {
                throw new UsageException("unexpected argument '" + arg + "'");
            }
            if (i + 1 >= args.length) {
                throw new UsageException(arg + " needs a value");
            }
            String value = args[++i];
            switch (arg) {
                case "--data" -> data = value;
                case "--port" -> port = (int) number(arg, value, 0, 65535);
                case "--token-file" -> tokenFile = Path.of(value);
                case "--flush-interval" -> flushInterval = seconds(arg, value);
                case "--max-backlog" -> maxBacklog = number(arg, value, 1, Long.MAX_VALUE);
                case "--max-body-bytes" -> maxBodyBytes = number(arg, value, 1, Integer.MAX_VALUE);
                case "--max-in-flight" -> maxInFlight = (int) number(arg, value, 1, 1000);
                default -> {
                    if (!serverOption(server, arg, value)) {
                        throw new UsageException("unknown option '" + arg + "'");
                    }
                }
            }
        }
        String token = token(tokenFile, env);
        CollectorConfig config = CollectorConfig.defaults(DataLayout.of(data), token)
                .withFlushInterval(flushInterval)
                .withMaxBacklog(maxBacklog)
                .withMaxBodyBytes(maxBodyBytes)
                .withMaxInFlight(maxInFlight);
        return new Options(config, serverOptions(server).withPort(port));
    }

    private static boolean serverOption(ServerArguments server, String option, String value) throws UsageException {
        try {
            return server.accept(option, value);
        } catch (IllegalArgumentException e) {
            throw new UsageException(e.getMessage());
        }
    }

    private static ServerOptions serverOptions(ServerArguments server) throws UsageException {
        try {
            return server.options();
        } catch (IllegalArgumentException e) {
            throw new UsageException(e.getMessage());
        }
    }

    /** From --token-file when given, else from the environment; never a default. */
    private static String token(Path tokenFile, Map<String, String> env) throws UsageException {
        if (tokenFile != null) {
            String token;
            try {
                token = Files.readString(tokenFile, StandardCharsets.UTF_8).strip();
            } catch (IOException e) {
                throw new UsageException("cannot read the token file " + tokenFile + " (--token-file)");
            }
            if (token.isEmpty()) {
                throw new UsageException("the token file " + tokenFile + " is empty: put the ingest token in it");
            }
            return token;
        }
        String token = env.get(TOKEN_ENV);
        if (token == null || token.isBlank()) {
            throw new UsageException("no ingest token: set the environment variable " + TOKEN_ENV
                    + " or pass --token-file FILE (there is no default token)");
        }
        return token.strip();
    }

    private static long number(String option, String value, long min, long max) throws UsageException {
        try {
            long number = Long.parseLong(value);
            if (number < min || number > max) {
                throw new NumberFormatException();
            }
            return number;
        } catch (NumberFormatException e) {
            throw new UsageException(option + " must be a whole number from " + min + " to " + max + ", got '" + value + "'");
        }
    }

    private static Duration seconds(String option, String value) throws UsageException {
        try {
            long millis = new BigDecimal(value).movePointRight(3).longValueExact();
            if (millis < 1) {
                throw new ArithmeticException();
            }
            return Duration.ofMillis(millis);
        } catch (NumberFormatException | ArithmeticException e) {
            throw new UsageException(option + " must be a positive number of seconds (such as 30 or 0.5), got '" + value + "'");
        }
    }

    /** The first message along the causes: Javalin's own ("Port already in use...") is the clearest. */
    private static String message(Throwable e) {
        for (Throwable cause = e; cause != null; cause = cause.getCause()) {
            if (cause.getMessage() != null) {
                return cause.getMessage();
            }
        }
        return e.toString();
    }
}
