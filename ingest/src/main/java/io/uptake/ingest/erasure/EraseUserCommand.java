package io.uptake.ingest.erasure;

import io.uptake.ingest.IngestException;
import io.uptake.warehouse.DataLayout;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code ./uptake erase-user [--data DIR] USER_ID}: removes every row of one user (right to be
 * forgotten) and prints what it removed, one line per table.
 */
public final class EraseUserCommand {

    static final String USAGE = "Usage: ./uptake erase-user [--data DIR] USER_ID   (the user's CRM id: a 15- or"
            + " 18-character Salesforce id, or any other id, as it was ingested)";

    private EraseUserCommand() {}

    public static void main(String[] args) {
        System.exit(run(args, System.out, System.err, Clock.systemUTC()));
    }

    static int run(String[] args, PrintStream out, PrintStream err, Clock clock) {
        String data = "./data";
        List<String> userIds = new ArrayList<>();
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--help", "-h" -> {
                    out.println(USAGE);
                    return 0;
                }
                case "--data" -> {
                    if (i + 1 >= args.length) {
                        return usage(err, "--data needs a directory");
                    }
                    data = args[++i];
                }
                default -> {
                    if (args[i].startsWith("--")) {
                        return usage(err, "unknown option '" + args[i] + "'");
                    }
                    userIds.add(args[i]);
                }
            }
        }
        if (userIds.size() != 1) {
            return usage(err, userIds.isEmpty() ? "USER_ID is required"
                    : "exactly one USER_ID is erased per run, got " + userIds.size());
        }
        if (userIds.get(0).isBlank()) {
            return usage(err, "USER_ID is empty");
        }
        try {
            Erasure.Report report = Erasure.open(DataLayout.of(data), clock).erase(userIds.get(0));
            print(report, out);
            return 0;
        } catch (IngestException e) {
            err.println("erase-user: " + e.getMessage());
            return 1;
        } catch (IOException | UncheckedIOException e) {
            err.println("erase-user: cannot read or write " + e.getMessage());
            return 1;
        }
    }

    private static void print(Erasure.Report report, PrintStream out) {
        for (Erasure.Outcome outcome : report.outcomes()) {
            if (outcome.dropped()) {
                out.printf("%s: removed whole; the next ./uptake jobs run rebuilds it from the erased events%n",
                        outcome.table());
            } else if (outcome.aggregate()) {
                out.printf("%s: no user column, left as it is; the next ./uptake jobs run recomputes it%n", outcome.table());
            } else {
                out.printf("%s: removed %d, changed %d%n", outcome.table(), outcome.removed(), outcome.changed());
            }
        }
        out.printf("Total: removed %d, changed %d%s%n", report.removed(), report.changed(),
                report.commit() == null ? "" : " (warehouse commit " + report.commit() + ")");
        if (report.foundNowhere()) {
            out.println("The user was found nowhere: nothing was changed.");
        }
    }

    private static int usage(PrintStream err, String message) {
        err.println("erase-user: " + message);
        err.println(USAGE);
        return 2;
    }
}
