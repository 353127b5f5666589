package io.uptake.sampledata;

import io.uptake.warehouse.RoiAssumptions;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.YearMonth;
import java.util.Locale;
import java.util.Map;

/**
 * {@code ./uptake generate --out DIR [--seed N] [--size small|medium|large]}: writes a sample
 * organisation in the CRM's real input formats. The same seed and size give the same bytes.
 */
public final class GenerateCommand {

    static final String USAGE = "Usage: ./uptake generate --out DIR [--seed N] [--size small|medium|large]";

    /**
     * What a generation wrote: EventLogFile rows in {@code elf/}, JSON lines in {@code jsonl/}, the events
     * of {@code exports/} (EventLogFile rows in other shapes, Setup's downloads, HubSpot and Dynamics 365),
     * and every event by who acted in it ({@code web}, {@code mobile}, {@code api}, {@code automation}).
     */
    public record Summary(int users, long elfEvents, long jsonEvents, long exportEvents, Map<String, Long> eventsByClient,
                          long files) {
        public Summary {
            eventsByClient = Map.copyOf(eventsByClient);
        }

        /** Events in elf/ and jsonl/, the inputs the benchmark reads. */
        public long events() {
            return elfEvents + jsonEvents;
        }

        /** Every event written, exports included. */
        public long allEvents() {
            return events() + exportEvents;
        }
    }

    private GenerateCommand() {}

    public static void main(String[] args) {
        Path out = null;
        long seed = 42;
        Size size = Size.SMALL;
        try {
            for (int i = 0; i < args.length; i++) {
                String arg = args[i];
                if (arg.equals("--help") || arg.equals("-h")) {
                    System.out.println(USAGE);
                    return;
                }
                if (i + 1 >= args.length) {
                    throw new IllegalArgumentException(arg.startsWith("--") ? arg + " needs a value" : "unexpected argument '" + arg + "'");
                }
                switch (arg) {
                    case "--out" -> out = Path.of(args[++i]);
                    case "--seed" -> seed = parseSeed(args[++i]);
                    case "--size" -> size = Size.parse(args[++i]);
                    default -> throw new IllegalArgumentException("unexpected argument '" + arg + "'");
                }
            }
            if (out == null) {
                throw new IllegalArgumentException("--out DIR is required");
            }
        } catch (IllegalArgumentException e) {
            System.err.println("generate: " + e.getMessage());
            System.err.println(USAGE);
            System.exit(2);
            return;
        }
        long started = System.nanoTime();
        try {
            Summary summary = generate(out, seed, size);
            System.out.printf(Locale.ROOT, "Generated %s organisation (seed %d) in %s: %d users, %d events (%d EventLogFile, "
                            + "%d JSON lines, %d in exports; by client %s), %d files, %.1f s%n",
                    size.name().toLowerCase(), seed, out, summary.users(), summary.allEvents(), summary.elfEvents(),
                    summary.jsonEvents(), summary.exportEvents(), new java.util.TreeMap<>(summary.eventsByClient()),
                    summary.files(), (System.nanoTime() - started) / 1e9);
        } catch (IOException | UncheckedIOException e) {
            System.err.println("Cannot write the sample organisation to " + out + ": " + e.getMessage());
            System.exit(1);
        }
    }

    private static long parseSeed(String value) {
        try {
            return Long.parseLong(value);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("--seed must be a whole number, got '" + value + "'");
        }
    }

    /** Writes the organisation to {@code out}: reference/, elf/, jsonl/, exports/ and README.md. */
    public static Summary generate(Path out, long seed, Size size) throws IOException {
        Organisation org = Organisation.create(size, seed);
        CrmRecords records = CrmRecords.create(org, seed);
        RoiAssumptions roi = RoiAssumptions.defaults();
        Path reference = out.resolve("reference");
        Files.createDirectories(reference);

        Activity activity = new Activity(org, records, roi, seed);
        activity.writeAll(out);

        ReferenceFiles.writeUsers(reference.resolve("users.csv"), org);
        ReferenceFiles.writeWaves(reference.resolve("waves.csv"), org);
        ReferenceFiles.writeTraining(reference.resolve("training.csv"), org, seed);
        ReferenceFiles.writeRecords(reference.resolve("records.csv"), records);
        Map<YearMonth, Double> benefit =
                ReferenceFiles.writeCosts(reference.resolve("costs.csv"), org, records, activity.minutesSaved, roi);
        ReferenceFiles.writeGoals(reference.resolve("goals.csv"), org);
        Files.writeString(reference.resolve("roi_assumptions.json"), roi.toJson());
        Files.writeString(out.resolve("README.md"), SampleReadme.text(org, size, seed, benefit, activity.eventsByClient),
                StandardCharsets.UTF_8);
        return new Summary(org.users.size(), activity.elfEvents, activity.jsonEvents, activity.exportEvents,
                activity.eventsByClient, activity.files + 8);
    }
}
