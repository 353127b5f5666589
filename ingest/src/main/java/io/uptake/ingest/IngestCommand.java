package io.uptake.ingest;

import io.uptake.ingest.privacy.Pseudonymizer;
import io.uptake.warehouse.DataLayout;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.text.DecimalFormat;
import java.text.DecimalFormatSymbols;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import me.tongfei.progressbar.ConsoleProgressBarConsumer;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;

/**
 * {@code ./uptake ingest [--data DIR] INPUT...}: loads files or directories into the warehouse. On a
 * terminal it shows a progress bar over the inputs' bytes; otherwise it prints one line per input.
 * Both end with the total line.
 */
public final class IngestCommand {

    static final String USAGE = "Usage: ./uptake ingest [--data DIR] [--skip-unrecognized] INPUT...   (files or directories)";
    private static final String TASK = "Ingest";

    private IngestCommand() {}

    public static void main(String[] args) {
        System.exit(run(args, System.out, System.err, System.console() != null));
    }

    static int run(String[] args, PrintStream out, PrintStream err) {
        return run(args, out, err, false);
    }

    /** Runs the command; {@code terminal} says whether {@code out} is a terminal that can show a progress bar. */
    static int run(String[] args, PrintStream out, PrintStream err, boolean terminal) {
        String data = "./data";
        boolean skipUnrecognized = false;
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
                case "--skip-unrecognized" -> skipUnrecognized = true;
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
        long[] totals = new long[6];
        List<String> refused = new ArrayList<>();
        try {
            Pseudonymizer pseudonymizer = Pseudonymizer.loadOrCreate(layout.keyFile());
            // Removed as reported, so an input named twice (a file and its directory) counts once.
            Map<String, Long> unreported = terminal ? inputSizes(inputs) : new HashMap<>();
            long totalBytes = unreported.values().stream().mapToLong(Long::longValue).sum();
            double seconds;
            // A null bar (not a terminal) is allowed by try-with-resources; a failed run closes the bar
            // where it stopped, so the error appears on its own line.
            try (ProgressBar bar = terminal ? progressBar(totalBytes, out) : null) {
                Ingest ingest = new Ingest(layout, pseudonymizer, Clock.systemUTC(), report -> {
                    if (bar != null) {
                        Long size = unreported.remove(report.input());
                        bar.stepBy(size == null ? 0 : size);
                    }
                    if (report.wasRefused()) {
                        totals[0]++;
                        refused.add(report.refused());
                        out.printf("%s: %s, refused, nothing of it is loaded: %s%n", report.input(), report.kind(), report.refused());
                        return;
                    }
                    if (report.wasSkipped()) {
                        totals[5]++;
                        // Documentation beside the data is counted, not announced.
                        if (!report.skipped().equals(Ingest.DOCUMENTATION)) {
                            out.printf("%s: skipped, %s%n", report.input(), report.skipped());
                        }
                        return;
                    }
                    if (bar == null) {
                        // Said before the commit: what it will add. The total line, after the commit, says what it did.
                        out.printf("%s: %s, read %d, to commit %d, duplicates %d, to quarantine %d%s%s%n", report.input(),
                                report.kind(), report.read(), report.committed(), report.duplicates(), report.quarantined(),
                                report.unmatchedPeople() > 0 ? ", " + report.unmatchedPeople()
                                        + (report.unmatchedPeople() == 1 ? " person" : " people") + " not found in users" : "",
                                report.alreadyIngested() ? " (already ingested)" : "");
                    } else if (report.unmatchedPeople() > 0) {
                        out.printf("%s: %d %s not found in users%n", report.input(), report.unmatchedPeople(),
                                report.unmatchedPeople() == 1 ? "person" : "people");
                    }
                    totals[0]++;
                    totals[1] += report.read();
                    totals[2] += report.committed();
                    totals[3] += report.duplicates();
                    totals[4] += report.quarantined();
                }, skipUnrecognized);
                long started = System.nanoTime();
                ingest.run(inputs);
                seconds = (System.nanoTime() - started) / 1e9;
                if (bar != null) {
                    // Hidden files are never reported; once the run has committed, every byte is dealt with.
                    bar.stepTo(totalBytes);
                }
            }
            out.printf(Locale.ROOT, "Total: %d inputs, %d skipped, read %d, committed %d, duplicates %d, quarantined %d in %.1f s%n",
                    totals[0], totals[5], totals[1], totals[2], totals[3], totals[4], seconds);
            if (!refused.isEmpty()) {
                err.println("ingest: " + refused.size() + (refused.size() == 1 ? " input was" : " inputs were")
                        + " refused and nothing of " + (refused.size() == 1 ? "it" : "them")
                        + " loaded (the live version stays); the other inputs were committed:");
                refused.forEach(reason -> err.println("  " + reason));
                return 1;
            }
            return 0;
        } catch (IngestException e) {
            err.println("ingest: " + e.getMessage());
            return 1;
        } catch (IOException e) {
            err.println("ingest: " + plainly(e));
            return 1;
        } catch (UncheckedIOException e) {
            err.println("ingest: " + plainly(e.getCause()));
            return 1;
        }
    }

    /** What went wrong reading or writing a file, in words: which file, and why when the system says. */
    static String plainly(IOException e) {
        if (e instanceof AccessDeniedException denied) {
            return "cannot read or write " + denied.getFile() + ": permission denied for the user running ingest";
        }
        if (e instanceof NoSuchFileException missing) {
            return "cannot read or write " + missing.getFile() + ": no such file or directory";
        }
        if (e instanceof FileSystemException other && other.getReason() != null) {
            return "cannot read or write " + other.getFile() + ": " + other.getReason();
        }
        return "cannot read or write " + e.getMessage();
    }

    /**
     * The size of every file the ingest will read, by its name as the ingest reports it: the inputs
     * expanded as {@link Ingest} expands them; a link that is skipped counts nothing. A missing input is
     * left out here; the ingest itself reports it.
     */
    static Map<String, Long> inputSizes(List<Path> inputs) throws IOException, IngestException {
        Map<String, Long> sizes = new HashMap<>();
        for (Path file : Ingest.expand(inputs.stream().filter(Files::exists).toList())) {
            if (Files.isRegularFile(file)) {
                sizes.put(file.toString(), Files.size(file));
            }
        }
        return sizes;
    }

    /** A bar over the inputs' bytes with rate and ETA, in a unit that keeps whole numbers readable. */
    private static ProgressBar progressBar(long totalBytes, PrintStream out) {
        String unit;
        long unitSize;
        if (totalBytes >= 10_000_000L) {
            unit = " MB";
            unitSize = 1_000_000L;
        } else if (totalBytes >= 10_000L) {
            unit = " KB";
            unitSize = 1_000L;
        } else {
            unit = " B";
            unitSize = 1L;
        }
        return new ProgressBarBuilder()
                .setTaskName(TASK)
                .setInitialMax(totalBytes)
                .setUnit(unit, unitSize)
                .showSpeed(new DecimalFormat("0.0", DecimalFormatSymbols.getInstance(Locale.ROOT)))
                .setStyle(ProgressBarStyle.ASCII)
                .setConsumer(new ConsoleProgressBarConsumer(out) {
                    @Override
                    public void accept(String drawing) {
                        super.accept(drawing);
                        // Back to the start of the line: a log line written meanwhile (a commit, a skipped
                        // file) then replaces the bar instead of running on after it.
                        out.print('\r');
                    }
                })
                .build();
    }

    private static int usage(PrintStream err, String message) {
        err.println("ingest: " + message);
        err.println(USAGE);
        return 2;
    }
}
