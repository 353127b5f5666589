package io.uptake.jobs;

import java.io.IOException;
import java.io.PrintStream;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import org.apache.spark.sql.SparkSession;
import sun.misc.Signal;

/**
 * {@code ./uptake jobs [--data DIR|URI] [--as-of YYYY-MM-DD] [--full] [--master URL] [--max-days N]
 * [--max-user-days N] [--watch [--interval SECONDS]]}: computes the marts. The data directory may be any
 * Hadoop file system URI ({@code hdfs://…}, {@code s3a://…}); the limits are those of {@link RunLimits}.
 * With {@code --watch} it stays up as a {@link JobService}, running on each new commit, until SIGTERM or
 * Ctrl-C.
 */
public final class JobsCommand {

    static final String USAGE = "Usage: ./uptake jobs [--data DIR|URI] [--as-of YYYY-MM-DD] [--full] [--master URL]"
            + " [--max-days N] [--max-user-days N] [--watch [--interval SECONDS]]";
    static final String DEFAULT_MASTER = "local[*]";
    private static final String SPARK_MASTER = "spark.master";
    private static final Set<String> OPTIONS_WITH_VALUE = Set.of("--data", "--master", "--as-of", "--interval",
            RunLimits.MAX_DAYS, RunLimits.MAX_USER_DAYS);
    /** The signals that stop a watching service: the service manager's and Ctrl-C's. */
    private static final List<String> STOP_SIGNALS = List.of("TERM", "INT");

    private JobsCommand() {}

    public static void main(String[] args) {
        System.exit(run(args, System.out, System.err));
    }

    static int run(String[] args, PrintStream out, PrintStream err) {
        String data = "./data";
        Optional<LocalDate> asOf = Optional.empty();
        String master = null;
        boolean full = false;
        boolean watch = false;
        Optional<Duration> interval = Optional.empty();
        long maxDays = RunLimits.DEFAULTS.maxDays();
        long maxUserDays = RunLimits.DEFAULTS.maxUserDays();
        for (int i = 0; i < args.length; i++) {
            String arg = args[i];
            if (OPTIONS_WITH_VALUE.contains(arg) && i + 1 >= args.length) {
                return usage(err, arg + " needs a value");
            }
            switch (arg) {
                case "--help", "-h" -> {
                    out.println(USAGE);
                    return 0;
                }
                case "--data" -> data = args[++i];
                case "--full" -> full = true;
                case "--watch" -> watch = true;
                case "--interval" -> {
                    String value = args[++i];
                    long seconds = wholeNumber(value);
                    if (seconds < 1) {
                        return usage(err, "--interval must be a whole number of seconds, at least 1, got '" + value + "'");
                    }
                    interval = Optional.of(Duration.ofSeconds(seconds));
                }
                case "--master" -> master = args[++i];
                case "--as-of" -> {
                    String value = args[++i];
                    try {
                        asOf = Optional.of(LocalDate.parse(value));
                    } catch (DateTimeParseException e) {
                        return usage(err, "--as-of must be a date such as 2025-12-31, got '" + value + "'");
                    }
                }
                case RunLimits.MAX_DAYS, RunLimits.MAX_USER_DAYS -> {
                    String value = args[++i];
                    long limit = wholeNumber(value);
                    if (limit < 1) {
                        return usage(err, arg + " must be a whole number of at least 1, got '" + value + "'");
                    }
                    if (arg.equals(RunLimits.MAX_DAYS)) {
                        maxDays = limit;
                    } else {
                        maxUserDays = limit;
                    }
                }
                default -> {
                    return usage(err, arg.startsWith("--") ? "unknown option '" + arg + "'"
                            : "unexpected argument '" + arg + "'");
                }
            }
        }
        if (interval.isPresent() && !watch) {
            return usage(err, "--interval is for --watch only");
        }
        if (watch && asOf.isPresent()) {
            return usage(err, "--as-of cannot be combined with --watch: a watching service follows today's date");
        }
        // Under spark-submit the master is spark-submit's (the spark.master property); a different
        // --master on the command line would be silently ignored by one of the two, so it is refused.
        Optional<String> submitted = Optional.ofNullable(System.getProperty(SPARK_MASTER));
        if (submitted.isPresent() && master != null && !master.equals(submitted.get())) {
            return usage(err, "--master " + master + " differs from spark-submit's master " + submitted.get()
                    + "; give the master to spark-submit only");
        }
        master = submitted.orElse(master == null ? DEFAULT_MASTER : master);
        JobConfig config = new JobConfig(WarehouseLocation.of(data), asOf, master, Clock.systemUTC(), full,
                new RunLimits(maxDays, maxUserDays));
        SparkSession spark = session(submitted.isPresent() ? Optional.empty() : Optional.of(master));
        if (watch) {
            return watch(spark, new JobService.Settings(config, interval), out, err);
        }
        try {
            long started = System.nanoTime();
            KpiJob.Result result = KpiJob.run(spark, config);
            result.warnings().forEach(w -> err.println("jobs: warning: " + w));
            out.printf(Locale.ROOT, "Run %s as of %s, %s (%d days changed, %d months of activity recomputed):"
                            + " %s rows written (%.1f s); snapshot published to %s%n", result.runId(), result.asOf(),
                    result.activity().mode(), result.activity().daysChanged().size(),
                    result.activity().monthsRecomputed().size(), result.rowsWritten(), (System.nanoTime() - started) / 1e9,
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

    /**
     * Runs the service until SIGTERM or Ctrl-C, then stops it (abandoning a run in progress) and Spark,
     * and returns 0: being stopped is how a watching service ends.
     */
    private static int watch(SparkSession spark, JobService.Settings settings, PrintStream out, PrintStream err) {
        CountDownLatch stopRequested = new CountDownLatch(1);
        // Handled rather than left to the JVM's shutdown, which would stop Spark under the running job
        // and exit with 143: here the run is abandoned first and the exit status says all went well.
        for (String signal : STOP_SIGNALS) {
            try {
                Signal.handle(new Signal(signal), s -> stopRequested.countDown());
            } catch (IllegalArgumentException e) {
                err.println("jobs: SIG" + signal + " is the JVM's here (" + e.getMessage() + "): it stops the"
                        + " service through the JVM's shutdown instead, exiting with 128 + its number");
            }
        }
        JobService service = new JobService(spark, settings, new PrintingListener(out, err));
        // Any other way the JVM goes down (SIGHUP, a signal left to the JVM) still abandons the run first.
        Runtime.getRuntime().addShutdownHook(new Thread(service::stop, "jobs-watch-shutdown"));
        out.printf(Locale.ROOT, "Watching %s: a run on each new commit%s and at each new UTC day; snapshot %s."
                        + " Ctrl-C or SIGTERM stops.%n", settings.job().location().commits(),
                settings.interval().map(i -> ", looked for every " + i.toSeconds() + " s").orElse(""),
                settings.job().location().snapshot());
        try {
            service.start();
            stopRequested.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            out.println("Stopping: abandoning any run in progress");
            service.stop();
            spark.stop();
        }
        out.println("Stopped");
        return 0;
    }

    /** Prints one line per run, and each warning when it first appears rather than at every run. */
    private static final class PrintingListener implements JobService.Listener {
        private final PrintStream out;
        private final PrintStream err;
        private List<String> lastWarnings = List.of();

        PrintingListener(PrintStream out, PrintStream err) {
            this.out = out;
            this.err = err;
        }

        @Override
        public void ended(JobService.Run run) {
            out.println(run.summary());
            run.result().ifPresent(result -> {
                result.warnings().stream().filter(w -> !lastWarnings.contains(w))
                        .forEach(w -> err.println("jobs: warning: " + w));
                lastWarnings = result.warnings();
            });
        }
    }

    /**
     * One session for the whole run, sized for a small machine: few shuffle partitions, AQE on. The
     * master is empty when spark-submit has set it, which must win.
     */
    public static SparkSession session(Optional<String> master) {
        SparkSession.Builder builder = SparkSession.builder().appName("uptake-jobs");
        master.ifPresent(builder::master);
        SparkSession spark = builder
                .config("spark.ui.enabled", "false")
                .config("spark.sql.session.timeZone", "UTC")
                .config("spark.sql.shuffle.partitions", "8")
                .config("spark.sql.adaptive.enabled", "true")
                .config("spark.sql.jsonGenerator.ignoreNullFields", "false")
                .getOrCreate();
        spark.sparkContext().setLogLevel("WARN");
        return spark;
    }

    /** The whole number an option's value spells, or 0 when it spells none (every caller wants at least 1). */
    private static long wholeNumber(String value) {
        try {
            return Long.parseLong(value);
        } catch (NumberFormatException e) {
            return 0;
        }
    }

    private static int usage(PrintStream err, String message) {
        err.println("jobs: " + message);
        err.println(USAGE);
        return 2;
    }
}
