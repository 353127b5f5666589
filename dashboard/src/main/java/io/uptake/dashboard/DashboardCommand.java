package io.uptake.dashboard;

import io.javalin.Javalin;
import io.uptake.dashboard.auth.Accounts;
import io.uptake.dashboard.auth.TlsCredentials;
import io.uptake.dashboard.snapshot.SnapshotStore;
import io.uptake.warehouse.DataLayout;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;

/**
 * {@code ./uptake dashboard [--data DIR] [--port N] --users FILE [--tls-cert FILE --tls-key FILE]}: serves
 * the dashboard, over HTTPS when given a certificate and key.
 */
public final class DashboardCommand {

    static final String USAGE = "Usage: ./uptake dashboard [--data DIR] [--port N] --users FILE [--tls-cert FILE --tls-key FILE]";

    /** The command line, read; {@code tls} is null for plain HTTP. */
    record Options(DataLayout layout, int port, Path users, TlsCredentials tls) {}

    private DashboardCommand() {}

    public static void main(String[] args) {
        Options options;
        try {
            options = parse(args);
        } catch (IllegalArgumentException e) {
            System.err.println("dashboard: " + e.getMessage());
            System.err.println(USAGE);
            System.exit(2);
            return;
        }
        if (options == null) {
            System.out.println(USAGE);
            return;
        }
        Accounts accounts;
        try {
            accounts = Accounts.load(options.users());
        } catch (IOException | IllegalArgumentException e) {
            System.err.println("dashboard: cannot read the users file: " + e.getMessage());
            System.exit(1);
            return;
        }
        SnapshotStore snapshots = new SnapshotStore(options.layout().snapshot(), Clock.systemUTC(), DashboardApp.json());
        if (snapshots.current().isEmpty()) {
            System.out.println(snapshots.problem().filter(p -> p.trouble() != SnapshotStore.Trouble.NO_SNAPSHOT)
                    .map(p -> "The KPI snapshot cannot be served: " + p.message() + ".")
                    .orElse("No KPI snapshot at " + options.layout().snapshot() + " yet.")
                    + " The pages show an empty state until ./uptake jobs publishes one.");
        }
        Javalin app;
        try {
            app = DashboardApp.create(accounts, snapshots, Clock.systemUTC(), options.tls());
        } catch (IllegalArgumentException | UncheckedIOException e) {
            System.err.println("dashboard: cannot use the TLS certificate and key: " + e.getMessage());
            System.exit(1);
            return;
        }
        Runtime.getRuntime().addShutdownHook(new Thread(app::stop, "dashboard-shutdown"));
        app.start(options.port());
        String scheme = options.tls() == null ? "http" : "https";
        System.out.println("Dashboard on " + scheme + "://localhost:" + app.port() + " (" + accounts.size() + " accounts)");
    }

    /** The options, or null when help was asked for. */
    static Options parse(String[] args) {
        String data = "./data";
        int port = 7070;
        Path users = null;
        Path tlsCert = null;
        Path tlsKey = null;
        for (int i = 0; i < args.length; i++) {
            String arg = args[i];
            if (arg.equals("--help") || arg.equals("-h")) {
                return null;
            }
            if (i + 1 >= args.length) {
                throw new IllegalArgumentException(arg.startsWith("--") ? arg + " needs a value" : "unexpected argument '" + arg + "'");
            }
            String value = args[++i];
            switch (arg) {
                case "--data" -> data = value;
                case "--users" -> users = Path.of(value);
                case "--port" -> port = port(value);
                case "--tls-cert" -> tlsCert = Path.of(value);
                case "--tls-key" -> tlsKey = Path.of(value);
                default -> throw new IllegalArgumentException("unknown option '" + arg + "'");
            }
        }
        if (users == null) {
            throw new IllegalArgumentException("--users FILE is required: the accounts allowed to sign in "
                    + "(./uptake demo writes one with demo accounts)");
        }
        if (!Files.isRegularFile(users)) {
            throw new IllegalArgumentException("--users " + users + ": no such file");
        }
        return new Options(DataLayout.of(data), port, users, tls(tlsCert, tlsKey));
    }

    /** Both PEM files or neither: a certificate without its key cannot serve HTTPS. */
    private static TlsCredentials tls(Path cert, Path key) {
        if (cert == null && key == null) {
            return null;
        }
        if (key == null) {
            throw new IllegalArgumentException("--tls-cert needs --tls-key FILE too: the PEM private key of the certificate");
        }
        if (cert == null) {
            throw new IllegalArgumentException("--tls-key needs --tls-cert FILE too: the PEM certificate (chain) of the key");
        }
        if (!Files.isRegularFile(cert)) {
            throw new IllegalArgumentException("--tls-cert " + cert + ": no such file");
        }
        if (!Files.isRegularFile(key)) {
            throw new IllegalArgumentException("--tls-key " + key + ": no such file");
        }
        return new TlsCredentials(cert, key);
    }

    private static int port(String value) {
        try {
            int port = Integer.parseInt(value);
            if (port < 0 || port > 65535) {
                throw new NumberFormatException();
            }
            return port;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("--port must be a number from 0 to 65535, got '" + value + "'");
        }
    }
}
