package io.uptake.jobs;

import java.io.IOException;
import java.io.PrintStream;
import java.time.Clock;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.Optional;
import org.apache.spark.sql.SparkSession;

/** {@code ./uptake jobs [--data DIR] [--as-of YYYY-MM-DD] [--master URL]}: computes the marts. */
public final class JobsCommand {

    static final String USAGE = "Usage: ./uptake jobs [--data DIR|URI] [--as-of YYYY-MM-DD] [--full] [--master URL]";

    private JobsCommand() {}

    public static void main(String[] args) {
        System.exit(run(args, System.out, System.err));
    }

    static int run(String[] args, PrintStream out, PrintStream err) {
        String data = "./data";
        Optional<LocalDate> asOf = Optional.empty();
        String master = "local[*]";
        boolean full = false;
        for (int i = 0; i < args.length; i++) {
            String arg = args[i];
            if (arg.equals("--help") || arg.equals("-h")) {
                out.println(USAGE);
                return 0;
            }
            if (arg.equals("--full")) {
                full = true;
                continue;
            }
            if (i + 1 >= args.length || !arg.startsWith("--")) {
                return usage(err, arg.startsWith("--") ? arg + " needs a value" : "unexpected argument '" + arg + "'");
            }
            String value = args[++i];
            switch (arg) {
                case "--data" -> data = value;
                case "--master" -> master = value;
                case "--as-of" -> {
                    try {
                        asOf = Optional.of(LocalDate.parse(value));
                    } catch (DateTimeParseException e) {
                        return usage(err, "--as-of must be a date such as 2025-12-31, got '" + value + "'");
                    }
                }
                default -> {
                    return usage(err, "unknown option '" + arg + "'");
                }
            }
        }
        JobConfig config = new JobConfig(WarehouseLocation.of(data), asOf, master, Clock.systemUTC(), full);
        SparkSession spark = session(master);
        try {
            long started = System.nanoTime();
            KpiJob.Result result = KpiJob.run(spark, config);
            result.warnings().forEach(w -> err.println("jobs: warning: " + w));
            out.printf(Locale.ROOT, "Run %s as of %s, %s (%d days of activity recomputed): %s rows written (%.1f s);"
                            + " snapshot published to %s%n", result.runId(), result.asOf(), result.activity().mode(),
                    result.activity().daysRecomputed().size(), result.rowsWritten(), (System.nanoTime() - started) / 1e9,
                    config.location().snapshot());
            return 0;
        } catch (JobException e) {
            err.println("jobs: " + e.getMessage());
            return 1;
        } catch (IOException e) {
            err.println("jobs: cannot read or write the warehouse: " + e.getMessage());
            return 1;
        } finally {
            spark.stop();
        }
    }

    /** One session for the whole run, sized for a small machine: few shuffle partitions, AQE on. */
    static SparkSession session(String master) {
        SparkSession spark = SparkSession.builder()
                .appName("uptake-jobs")
                .master(master)
                .config("spark.ui.enabled", "false")
                .config("spark.sql.session.timeZone", "UTC")
                .config("spark.sql.shuffle.partitions", "8")
                .config("spark.sql.adaptive.enabled", "true")
                .config("spark.sql.jsonGenerator.ignoreNullFields", "false")
                .getOrCreate();
        spark.sparkContext().setLogLevel("WARN");
        return spark;
    }

    private static int usage(PrintStream err, String message) {
        err.println("jobs: " + message);
        err.println(USAGE);
        return 2;
    }
}
