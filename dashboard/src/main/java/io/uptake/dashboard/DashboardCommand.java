package io.uptake.dashboard;

import io.javalin.Javalin;
import io.uptake.dashboard.auth.Accounts;
import io.uptake.dashboard.snapshot.SnapshotStore;
import io.uptake.http.HttpServers;
import io.uptake.http.ServerArguments;
import io.uptake.http.ServerOptions;
import io.uptake.warehouse.DataLayout;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;

/**
 * {@code ./uptake dashboard [--data DIR] --users FILE [--host ADDR] [--port N] [--tls-cert PEM --tls-key PEM]
 * [--trusted-proxy ADDR]}: serves the dashboard, over HTTPS when given a certificate and key.
 */
public final class DashboardCommand {

    static final String USAGE = "Usage: ./uptake dashboard [--data DIR] --users FILE " + ServerArguments.USAGE + "\n"
            + "  Defaults: --host " + ServerOptions.EVERY_INTERFACE + " (every network interface), --port 7070; "
            + "--trusted-proxy may be given several times.";
    static final int DEFAULT_PORT = 7070;

    /** The command line, read. */
    record Options(DataLayout layout, Path users, ServerOptions server) {}

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
            app = DashboardApp.create(accounts, snapshots, Clock.systemUTC(), options.server());
        } catch (IllegalArgumentException | UncheckedIOException e) {
            System.err.println("dashboard: cannot use the TLS certificate and key: " + e.getMessage());
            System.exit(1);
            return;
        }
        try {
            app.start(options.server().port());
        } catch (RuntimeException e) {
            // An address not of this machine, or a port in use: the user's to fix, said without a stack trace.
            System.err.println("dashboard: cannot listen on " + options.server().host() + " port " + options.server().port()
                    + ": " + (e.getCause() != null && e.getCause().getMessage() != null ? e.getCause().getMessage() : e.getMessage()));
            System.exit(1);
            return;
        }
        Runtime.getRuntime().addShutdownHook(new Thread(app::stop, "dashboard-shutdown"));
        HttpServers.Startup startup = HttpServers.startup("Dashboard", options.server(), app.port(), "",
                "passwords and session cookies");
        System.out.println(startup.line() + ", " + accounts.size() + " accounts");
        if (startup.warning() != null) {
            System.err.println(startup.warning());
        }
    }

    /** The options, or null when help was asked for. */
    static Options parse(String[] args) {
        String data = "./data";
        ServerArguments server = new ServerArguments(ServerOptions.EVERY_INTERFACE, DEFAULT_PORT);
        Path users = null;
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
                default -> {
                    if (!server.accept(arg, value)) {
                        throw new IllegalArgumentException("unknown option '" + arg + "'");
                    }
                }
            }
        }
        if (users == null) {
            throw new IllegalArgumentException("--users FILE is required: the accounts allowed to sign in "
                    + "(./uptake demo writes one with demo accounts)");
        }
        if (!Files.isRegularFile(users)) {
            throw new IllegalArgumentException("--users " + users + ": no such file");
        }
        return new Options(DataLayout.of(data), users, server.options());
    }
}
