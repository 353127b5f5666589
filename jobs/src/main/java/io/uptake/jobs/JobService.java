package io.uptake.jobs;

import static java.util.Objects.requireNonNull;

import io.uptake.jobs.JobServiceSchedule.Trigger;
import io.uptake.warehouse.CommitLog;
import java.io.FileNotFoundException;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.Locale;
import java.util.Arrays;
import java.util.Optional;
import java.util.SortedSet;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.spark.JobExecutionStatus;
import org.apache.spark.SparkStatusTracker;
import org.apache.spark.sql.SparkSession;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The KPI job as a resident service: one SparkSession for its whole life (a session costs seconds to
 * start, an incremental run on a day's new events about as much), and a run whenever the warehouse's
 * commit log has a new commit, or the UTC day changed ({@link JobServiceSchedule} has the rules). It
 * looks at the commit log's latest number once per check, by listing the commit file names; it reads
 * no commit until a run does.
 *
 * <p>{@code ./uptake jobs --watch} hosts it, and any other program can: {@link #start()}, {@link #stop()},
 * and a {@link Listener} told of every run. The caller owns the session and stops it after
 * {@link #stop()}. A failed run is reported and the service keeps watching. {@link #stop()} abandons a
 * run in progress by cancelling its Spark jobs: the job then removes what it staged, and the snapshot,
 * which the job only ever replaces by an atomic rename, stays the previous run's.
 */
public final class JobService {

    private static final Logger LOG = LoggerFactory.getLogger(JobService.class);
    /** How often the commit log is looked at when no interval is given. */
    public static final Duration POLL = Duration.ofSeconds(1);
    /** How often {@link #stop()} cancels the run's Spark jobs until the run has ended. */
    private static final Duration CANCEL_EVERY = Duration.ofMillis(100);

    /**
     * The service's settings: the runs' own (the as-of date always empty: it follows the clock), and
     * {@code interval}, when given, the time between checks instead of {@link #POLL}, so that a stream of
     * small commits (the collector's) makes one run per interval. {@code job.full()} applies until a run
     * has published: a rebuild, then incremental runs.
     */
    public record Settings(JobConfig job, Optional<Duration> interval) {
        public Settings {
            requireNonNull(job, "job is null");
            requireNonNull(interval, "interval is null");
            if (job.asOf().isPresent()) {
                throw new IllegalArgumentException("a watching service follows today's date; asOf must be empty, got "
                        + job.asOf().get());
            }
            if (interval.isPresent() && (interval.get().isNegative() || interval.get().isZero())) {
                throw new IllegalArgumentException("interval must be positive, got " + interval.get());
            }
        }

        Duration checkEvery() {
            return interval.orElse(POLL);
        }
    }

    /** Told of each run, on the service's thread; a slow listener delays the next check. */
    public interface Listener {
        /** A run begins; {@code latestCommit} is the commit log's latest number at that moment. */
        default void starting(Trigger trigger, long latestCommit) {}

        /** A run ended, or, with an interval, a check found nothing to do. */
        void ended(Run run);
    }

    /** How a run ended. */
    public enum Outcome {
        /** The snapshot of this run is published. */
        PUBLISHED,
        /** The run failed; the previous snapshot stays published and the service tries again. */
        FAILED,
        /** The service stopped during the run; the previous snapshot stays published. */
        ABANDONED,
        /** With an interval: nothing changed since the last attempt (or it waits for its backoff). */
        SKIPPED
    }

    /**
     * One run, or one check that found nothing to do: the commits it saw ({@code previousCommit} was the
     * latest at the last attempt, {@code latestCommit} at this one), the job's result when it published,
     * the problem when it failed, and when the next attempt may come after a failure ({@code nextTry};
     * empty when only a new commit or day will bring one).
     */
    public record Run(Outcome outcome, Optional<Trigger> trigger, Instant startedAt, Duration duration,
                      long previousCommit, long latestCommit, Optional<KpiJob.Result> result,
                      Optional<String> problem, Optional<Instant> nextTry) {
        public Run {
            requireNonNull(outcome, "outcome is null");
            requireNonNull(trigger, "trigger is null");
            requireNonNull(startedAt, "startedAt is null");
            requireNonNull(duration, "duration is null");
            requireNonNull(result, "result is null");
            requireNonNull(problem, "problem is null");
            requireNonNull(nextTry, "nextTry is null");
        }

        /** The run as one line of the service's output, beginning with when it started (UTC). */
        public String summary() {
            String at = startedAt.truncatedTo(ChronoUnit.SECONDS).toString();
            String why = trigger.map(t -> t.label() + ", " + commits()).orElse(commits());
            double seconds = duration.toMillis() / 1e3;
            return switch (outcome) {
                case PUBLISHED -> {
                    KpiJob.Result r = result.orElseThrow();
                    long rows = r.rowsWritten().values().stream().mapToLong(Long::longValue).sum();
                    yield String.format(Locale.ROOT, "%s published run %s as of %s (%s; %s, %s; %d marts, %d rows)"
                                    + " in %.1f s", at, r.runId(), r.asOf(), why, r.activity().mode(),
                            days(r.activity().daysChanged()), r.rowsWritten().size(), rows, seconds);
                }
                case FAILED -> String.format(Locale.ROOT, "%s run failed (%s) after %.1f s: %s; next try %s", at, why,
                        seconds, problem.orElseThrow(), nextTry.map(t -> "at " + t.truncatedTo(ChronoUnit.SECONDS)
                                + " at the earliest").orElse("on a new commit or a new day"));
                case ABANDONED -> String.format(Locale.ROOT, "%s run abandoned after %.1f s (%s): the service is"
                        + " stopping; the previous snapshot stays published", at, seconds, why);
                case SKIPPED -> nextTry.map(t -> at + " nothing run: waiting until " + t.truncatedTo(ChronoUnit.SECONDS)
                        + " after failed runs").orElse(at + " nothing new: latest commit " + latestCommit
                        + " already read, same day");
            };
        }

        private String commits() {
            if (latestCommit == previousCommit) {
                return "no new commit";
            }
            return latestCommit == previousCommit + 1 ? "commit " + latestCommit
                    : "commits " + (previousCommit + 1) + " to " + latestCommit;
        }

        private static String days(SortedSet<LocalDate> days) {
            return switch (days.size()) {
                case 0 -> "no day changed";
                case 1 -> "1 day changed: " + days.first();
                case 2 -> "2 days changed: " + days.first() + ", " + days.last();
                default -> days.size() + " days changed, " + days.first() + " to " + days.last();
            };
        }
    }

    private final SparkSession spark;
    private final Settings settings;
    private final Listener listener;
    private final Clock clock;
    /** The prefix of the Spark job group of each run; {@link #stop()} cancels the current run's. */
    private final String jobGroups = "uptake-jobs-watch-" + UUID.randomUUID() + "-";
    private final AtomicLong runs = new AtomicLong();
    private volatile String runGroup = "";
    private final ScheduledExecutorService checks = Executors.newSingleThreadScheduledExecutor(task -> {
        Thread thread = new Thread(task, "uptake-job-service");
        thread.setDaemon(false);
        return thread;
    });
    /** Read and written only on the service's thread. */
    private JobServiceSchedule schedule = JobServiceSchedule.initial();
    private boolean published;
    private volatile boolean stopping;
    private boolean started;

    public JobService(SparkSession spark, Settings settings, Listener listener) {
        this.spark = requireNonNull(spark, "spark is null");
        this.settings = requireNonNull(settings, "settings is null");
        this.listener = requireNonNull(listener, "listener is null");
        this.clock = settings.job().clock();
    }

    /** Begins watching: the first check runs at once, the next ones every second (or interval). */
    public synchronized void start() {
        if (started) {
            throw new IllegalStateException("the job service is already started");
        }
        started = true;
        long every = settings.checkEvery().toMillis();
        checks.scheduleWithFixedDelay(this::check, 0, every, TimeUnit.MILLISECONDS);
    }

    /**
     * Stops watching and returns once no run is in progress: a run in progress is abandoned (its Spark
     * jobs cancelled, and any it starts after that) unless it ends first. Safe to call more than once.
     */
    public void stop() {
        stopping = true;
        checks.shutdown();
        try {
            // The job starts new Spark jobs one after the other: each is cancelled as it appears, so the
            // run fails at its next Spark step and removes what it staged. A run already past its last
            // one finishes, and its snapshot is published whole or not at all (an atomic rename).
            while (!checks.awaitTermination(CANCEL_EVERY.toMillis(), TimeUnit.MILLISECONDS)) {
                cancelRunningJobs(runGroup);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Cancels the group's running Spark jobs; only when it has some, as Spark warns of every other try. */
    private void cancelRunningJobs(String group) {
        if (spark.sparkContext().isStopped()) {
            return; // stopped under the run (the JVM's shutdown): its jobs are gone with it
        }
        SparkStatusTracker status = spark.sparkContext().statusTracker();
        boolean running = Arrays.stream(status.getJobIdsForGroup(group)).mapToObj(status::getJobInfo)
                .anyMatch(job -> job.isEmpty() || job.get().status() == JobExecutionStatus.RUNNING);
        if (running) {
            spark.sparkContext().cancelJobGroup(group);
        }
    }

    /** One check, on the service's thread; nothing escapes it, or the executor would stop checking. */
    private void check() {
        try {
            checkOnce();
        } catch (RuntimeException e) {
            LOG.error("A check of the job service failed (a listener's error?); it checks again in {}",
                    settings.checkEvery(), e);
        }
    }

    private void checkOnce() {
        if (stopping) {
            return;
        }
        Instant now = clock.instant();
        long latest;
        try {
            latest = latestCommit();
        } catch (IOException | RuntimeException e) {
            // Reported once per backoff, not at every check of an outage.
            if (!now.isBefore(schedule.notBefore())) {
                fail(Optional.empty(), schedule.lastCommit(), schedule.lastCommit(), now, Duration.ZERO,
                        "cannot read the commit log " + settings.job().location().commits() + ": " + e.getMessage(), false);
            }
            return;
        }
        Optional<Trigger> trigger = schedule.due(latest, now);
        if (trigger.isEmpty()) {
            if (settings.interval().isPresent()) {
                Optional<Instant> next = schedule.backingOff(latest, now) ? Optional.of(schedule.notBefore()) : Optional.empty();
                listener.ended(new Run(Outcome.SKIPPED, Optional.empty(), now, Duration.ZERO, schedule.lastCommit(),
                        latest, Optional.empty(), Optional.empty(), next));
            }
            return;
        }
        run(trigger.get(), latest, now);
    }

    private void run(Trigger trigger, long latest, Instant started) {
        long previous = schedule.lastCommit();
        listener.starting(trigger, latest);
        JobConfig base = settings.job();
        boolean full = base.full() && !published;
        JobConfig config = new JobConfig(base.location(), Optional.empty(), base.master(), clock, full, base.limits());
        long t0 = System.nanoTime();
        // Every Spark job of the run, including those of the threads it starts, is in this group.
        runGroup = jobGroups + runs.incrementAndGet();
        spark.sparkContext().setJobGroup(runGroup, "uptake jobs --watch: " + trigger.label(), false);
        try {
            KpiJob.Result result = KpiJob.run(spark, config);
            schedule = schedule.published(latest, started);
            published = true;
            listener.ended(new Run(Outcome.PUBLISHED, Optional.of(trigger), started, since(t0), previous, latest,
                    Optional.of(result), Optional.empty(), Optional.empty()));
        } catch (JobException e) {
            fail(Optional.of(trigger), previous, latest, started, since(t0), e.getMessage(), true);
        } catch (IOException e) {
            fail(Optional.of(trigger), previous, latest, started, since(t0),
                    "cannot read or write the warehouse: " + e.getMessage(), false);
        } catch (Exception e) {
            // Spark's SparkException (a cancelled or failed Spark job) is checked yet undeclared: Scala
            // throws it through KpiJob.run, so only a catch of every Exception keeps the service alive.
            fail(Optional.of(trigger), previous, latest, started, since(t0), firstLine(e), false);
        } finally {
            spark.sparkContext().clearJobGroup();
        }
    }

    private void fail(Optional<Trigger> trigger, long previous, long latest, Instant started, Duration took,
                      String problem, boolean badInput) {
        if (stopping) {
            listener.ended(new Run(Outcome.ABANDONED, trigger, started, took, previous, latest, Optional.empty(),
                    Optional.empty(), Optional.empty()));
            return;
        }
        // A failed run may leave tables the job cached: the session lives on, so they must not pile up.
        spark.catalog().clearCache();
        schedule = schedule.failed(latest, started, clock.instant(), badInput);
        listener.ended(new Run(Outcome.FAILED, trigger, started, took, previous, latest, Optional.empty(),
                Optional.of(problem), badInput ? Optional.empty() : Optional.of(schedule.notBefore())));
    }

    /** The commit log's latest commit number, from the file names alone; 0 when there is none yet. */
    private long latestCommit() throws IOException {
        Path dir = new Path(settings.job().location().commits());
        FileSystem fs = dir.getFileSystem(spark.sparkContext().hadoopConfiguration());
        FileStatus[] files;
        try {
            files = fs.listStatus(dir, p -> CommitLog.isCommitFile(p.getName()));
        } catch (FileNotFoundException e) {
            return 0;
        }
        long latest = 0;
        for (FileStatus file : files) {
            String name = file.getPath().getName();
            latest = Math.max(latest, Long.parseLong(name.substring(0, name.indexOf('.'))));
        }
        return latest;
    }

    /** Spark's messages run over many lines (a plan, a driver stack trace): the first says what failed. */
    private static String firstLine(Exception e) {
        String message = e.getMessage() == null ? "" : e.getMessage().strip();
        int end = message.indexOf('\n');
        return e.getClass().getSimpleName() + ": " + (end < 0 ? message : message.substring(0, end));
    }

    private static Duration since(long t0) {
        return Duration.ofNanos(System.nanoTime() - t0);
    }
}
