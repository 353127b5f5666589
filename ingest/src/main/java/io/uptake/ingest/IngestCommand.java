package io.uptake.ingest;

import io.uptake.ingest.privacy.Pseudonymizer;
import io.uptake.warehouse.DataLayout;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** {@code ./uptake ingest [--data DIR] INPUT...}: loads files or directories into the warehouse. */
public final class IngestCommand {

    static final String USAGE = "Usage: ./uptake ingest [--data DIR] INPUT...   (files or directories)";

    private IngestCommand() {}

    public static void main(String[] args) {
        System.exit(run(args, System.out, System.err));
    }

    static int run(String[] args, PrintStream out, PrintStream err) {
        String data = "./data";
        List<Path> inputs = new ArrayList<>();
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
                    inputs.add(Path.of(args[i]));
                }
            }
        }
        if (inputs.isEmpty()) {
            return usage(err, "at least one INPUT file or directory is required");
        }
        DataLayout layout = DataLayout.of(data);
        long[] totals = new long[5];
        try {
            Pseudonymizer pseudonymizer = Pseudonymizer.loadOrCreate(layout.keyFile());
            Ingest ingest = new Ingest(layout, pseudonymizer, Clock.systemUTC(), report -> {
                out.printf("%s: read %d, committed %d, duplicates %d, quarantined %d%s%n", report.input(),
                        report.read(), report.committed(), report.duplicates(), report.quarantined(),
                        report.alreadyIngested() ? " (already ingested)" : "");
                totals[0]++;
                totals[1] += report.read();
                totals[2] += report.committed();
                totals[3] += report.duplicates();
                totals[4] += report.quarantined();
            });
            long started = System.nanoTime();
            ingest.run(inputs);
            double seconds = (System.nanoTime() - started) / 1e9;
            out.printf(Locale.ROOT, "Total: %d inputs, read %d, committed %d, duplicates %d, quarantined %d in %.1f s%n",
                    totals[0], totals[1], totals[2], totals[3], totals[4], seconds);
            return 0;
        } catch (IngestException e) {
            err.println("ingest: " + e.getMessage());
            return 1;
        } catch (IOException | UncheckedIOException e) {
            err.println("ingest: cannot read or write " + e.getMessage());
            return 1;
        }
    }

    private static int usage(PrintStream err, String message) {
        err.println("ingest: " + message);
        err.println(USAGE);
        return 2;
    }
}
