package io.uptake.jobs;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;

import io.uptake.jobs.activity.ActivityBits;
import io.uptake.jobs.activity.ActivityStore;
import io.uptake.jobs.activity.UserDayActivity;
import io.uptake.jobs.mart.KpiMarts;
import io.uptake.jobs.mart.Mart;
import io.uptake.jobs.mart.RunInputs;
import io.uptake.jobs.publish.ConcurrentStaging;
import io.uptake.jobs.publish.MartWriter;
import io.uptake.jobs.publish.SnapshotPublisher;
import io.uptake.jobs.publish.SnapshotPublisher.RoiBasis;
import io.uptake.jobs.roi.RoiKpis;
import io.uptake.warehouse.Columns;
import io.uptake.warehouse.Marts;
import io.uptake.warehouse.RoiAssumptions;
import io.uptake.warehouse.Snapshot;
import io.uptake.warehouse.Tables;
import java.io.IOException;
import java.sql.Date;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SortedMap;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SaveMode;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import scala.jdk.javaapi.CollectionConverters;

/**
 * The KPI job: reads the live warehouse files named by the commit log, computes every mart of KPIS.md
 * from one shared user-day activity table, swaps the marts in, records the run and publishes the
 * snapshot.
 *
 * <p>events, users and waves are required. Each other input feeds only some marts: without it (or with
 * it in a state that would give a wrong number, such as costs in two currencies) those marts are not
 * produced, the reason is given as a warning and in the snapshot's {@code unavailable}, any previous
 * run's copy of them is removed, and every other mart is produced as usual.
 */
public final class KpiJob {

    private static final Logger LOG = LoggerFactory.getLogger(KpiJob.class);
    private static final DateTimeFormatter RUN_ID = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss.SSS'Z'")
            .withZone(ZoneOffset.UTC);
    private static final String ROI_ASSUMPTIONS_FILE = "roi_assumptions.json";
    /**
     * Marts staged at once, so that one mart's planning on the driver overlaps another's tasks where the
     * executors have cores to spare. On 2 cores the executors are already busy and it gains little.
     */
    private static final int CONCURRENT_MARTS = 3;

    /** What a run did; {@code warnings} are the inputs it could not use and the marts left out for them. */
    public record Result(String runId, LocalDate asOf, Map<String, Long> rowsWritten, Map<String, String> unavailable,
                         List<String> warnings, ActivityStore.Refresh activity, Optional<LocalDate> recomputedFrom) {}

    private final SparkSession spark;
    private final JobConfig config;
    private final WarehouseReader warehouse;
    private final MartWriter writer;
    private final String runId;
    private final Instant started;
    private final Map<String, String> unavailable = new LinkedHashMap<>();
    private final List<String> warnings = new ArrayList<>();
    private ActivityStore.Refresh refresh;
    private Optional<LocalDate> recomputeFrom = Optional.empty();

    private KpiJob(SparkSession spark, JobConfig config) throws IOException {
        this.spark = spark;
        this.config = config;
        this.started = config.clock().instant();
        this.runId = RUN_ID.format(started);
        this.warehouse = new WarehouseReader(spark, config.location());
        this.writer = new MartWriter(spark.sparkContext().hadoopConfiguration(),
                config.location().marts(), runId);
    }

    public static Result run(SparkSession spark, JobConfig config) throws IOException {
        return new KpiJob(spark, config).run();
    }

    private Result run() throws IOException {
        // Days are UTC days and the snapshot spells out nulls, whatever session the caller built.
        spark.conf().set("spark.sql.session.timeZone", "UTC");
        spark.conf().set("spark.sql.jsonGenerator.ignoreNullFields", "false");
        WarehouseLocation location = config.location();
        List<String> inputCommits = warehouse.commitNames();
        SortedMap<LocalDate, List<String>> eventFiles = warehouse.eventFilesByDay();
        if (eventFiles.isEmpty()) {
            throw new JobException("The warehouse " + location.warehouse() + " has no " + Tables.EVENTS
                    + " table: load it with ./uptake ingest first");
        }
        Dataset<Row> users = warehouse.require(Tables.USERS);
        Dataset<Row> waves = warehouse.require(Tables.WAVES);
        Map<String, Dataset<Row>> tables = new LinkedHashMap<>();
        Map<String, String> missing = new LinkedHashMap<>();
        for (String table : List.of(RunInputs.TRAINING, RunInputs.RECORDS, RunInputs.COSTS, RunInputs.GOALS)) {
            Optional<Dataset<Row>> data = warehouse.table(table);
            data.ifPresentOrElse(d -> tables.put(table, d), () -> missing.put(table, table + ".csv has not been loaded"
                    + " (./uptake ingest a directory holding it)"));
        }
        List<String> roiNotes = new ArrayList<>();
        Optional<RoiBasis> roiBasis = roiBasis(tables, missing, roiNotes);
        planAvailability(missing, roiNotes);

        LocalDate firstDate = eventFiles.firstKey();
        LocalDate asOf = asOf(eventFiles);
        config.limits().check(firstDate, asOf, KpiConventions.humans(users).count());

        ActivityStore store = new ActivityStore(spark, spark.sparkContext().hadoopConfiguration(),
                location.warehouse());
        refresh = store.refresh(warehouse.commits(), eventFiles, config.full(), warehouse::events);
        LOG.info("Run {}: daily activity {} ({} days changed, {} months recomputed)", runId, refresh.mode(),
                refresh.daysChanged().size(), refresh.monthsRecomputed().size());
        recomputeFrom = recomputeFrom(asOf);
        recomputeFrom.ifPresent(day -> LOG.info("Run {}: time series recomputed from {}", runId, day));
        // Not cached: the few marts that read it read a dozen Parquet files again faster than an
        // in-memory copy of its 1.9M rows (medium) is built. The smaller tables derived from it are cached.
        Dataset<Row> userDays = store.userDays().filter(col(Columns.EVENT_DATE).leq(lit(asOf)));
        List<String> recentFiles = eventFiles.subMap(KpiConventions.weekStart(asOf), asOf.plusDays(1)).values().stream()
                .flatMap(List::stream).toList();
        Dataset<Row> recentEvents = (recentFiles.isEmpty()
                        ? warehouse.events(eventFiles.get(firstDate)).where(lit(false)) : warehouse.events(recentFiles))
                .select(Columns.SOURCE, Columns.OCCURRED_AT, Columns.INGESTED_AT, Columns.EVENT_DATE, Columns.STATUS);
        Dataset<Row> humans = KpiConventions.humans(users).cache();
        Dataset<Row> activeModules = UserDayActivity.activeUserDayModules(userDays, humans, asOf).cache();
        Dataset<Row> activeDays = UserDayActivity.activeUserDays(activeModules).cache();
        Dataset<Row> people = ActivityBits.people(humans, activeModules, firstDate).cache();
        RunInputs in = new RunInputs(spark, firstDate, asOf, started, users, humans, waves,
                new RunInputs.Activity(userDays, store.sourceDays(), recentEvents, activeModules, activeDays, people),
                tables, roiBasis, missing, unavailable, this::staged, recomputeFrom);
        Map<String, Dataset<Row>> lists = new LinkedHashMap<>();
        Map<String, Long> rowsWritten;
        try (ConcurrentStaging marts = new ConcurrentStaging(writer, runId, CONCURRENT_MARTS)) {
            try {
                for (Mart mart : KpiMarts.ALL) {
                    if (unavailable.containsKey(mart.name())) {
                        continue;
                    }
                    List<String> after = mart.reads().stream().filter(m -> !unavailable.containsKey(m)).toList();
                    marts.stage(mart.name(), after, () -> rows(mart, in), mart.order().toArray(String[]::new));
                }
                // Not cached: a few rows, read once by the publisher; nothing of a run stays in the session.
                lists.put(Snapshot.DIRECTORY, UserDayActivity.teamDirectory(humans));
                rowsWritten = marts.awaitAll();
                if (!unavailable.containsKey(Marts.GOALS_STATUS)) {
                    reportGoalProblems();
                }
                unavailable.keySet().forEach(writer::withdraw);
                writer.swapIn();
            } catch (RuntimeException | IOException e) {
                marts.awaitQuietly();
                writer.abandon();
                throw e;
            }
        } finally {
            humans.unpersist();
            activeModules.unpersist();
            activeDays.unpersist();
            people.unpersist();
        }

        Map<String, Dataset<Row>> published = new LinkedHashMap<>();
        for (String mart : rowsWritten.keySet()) {
            published.put(mart, spark.read().parquet(location.mart(mart)));
        }
        List<String> teams = KpiConventions.humans(users).select(Columns.TEAM).distinct().orderBy(Columns.TEAM)
                .as(Encoders.STRING()).collectAsList();
        Instant ended = config.clock().instant();
        recordRun(location, asOf, ended, inputCommits, rowsWritten);
        SnapshotPublisher.publish(location.snapshot(), spark.sparkContext().hadoopConfiguration(), runId, asOf, ended,
                teams, published, lists, unavailable, roiBasis);
        return new Result(runId, asOf, rowsWritten, Map.copyOf(unavailable), List.copyOf(warnings), refresh,
                recomputeFrom);
    }

    /**
     * The as-of date: the one given, or the latest event date on or before today (UTC, the job's clock).
     * Events dated after today come from a wrong clock at the source: they are left out of every
     * window and named in a warning, so one of them cannot stretch every mart to its date.
     */
    private LocalDate asOf(SortedMap<LocalDate, List<String>> eventFiles) {
        LocalDate today = LocalDate.ofInstant(started, ZoneOffset.UTC);
        LocalDate firstDate = eventFiles.firstKey();
        if (config.asOf().isPresent()) {
            LocalDate asOf = config.asOf().get();
            if (asOf.isAfter(today)) {
                throw new JobException("--as-of " + asOf + " is after today (" + today + ", UTC): there is no"
                        + " activity yet to count on the days in between; give " + today + " or an earlier date");
            }
            if (asOf.isBefore(firstDate)) {
                throw new JobException("--as-of " + asOf + " is before the first event date " + firstDate);
            }
            return asOf;
        }
        SortedMap<LocalDate, List<String>> future = eventFiles.tailMap(today.plusDays(1));
        if (!future.isEmpty()) {
            warnings.add(future.size() + " day(s) of events dated after today (" + today + ", UTC), the first "
                    + future.firstKey() + " and the last " + future.lastKey() + ", are left out of every figure:"
                    + " correct the clock of the source that sent them");
        }
        if (firstDate.isAfter(today)) {
            throw new JobException("Every event is dated after today (" + today + ", UTC), the first on " + firstDate
                    + ": correct the clock of the source that sent them, or check this machine's clock");
        }
        return eventFiles.headMap(today.plusDays(1)).lastKey();
    }

    /**
     * Decides which marts this run computes: a mart requiring an input that is missing is not computed,
     * for the first such input's reason. The warnings say it once per input, naming its marts, in the
     * order of {@link RunInputs#OPTIONAL}; {@code roiNotes} come before the ROI basis's.
     */
    private void planAvailability(Map<String, String> missing, List<String> roiNotes) {
        Map<String, List<String>> martsByInput = new LinkedHashMap<>();
        for (Mart mart : KpiMarts.ALL) {
            mart.requires().stream().filter(missing::containsKey).findFirst().ifPresent(input -> {
                unavailable.put(mart.name(), missing.get(input));
                martsByInput.computeIfAbsent(input, i -> new ArrayList<>()).add(mart.name());
            });
        }
        for (String input : RunInputs.OPTIONAL) {
            if (input.equals(RunInputs.ROI_BASIS)) {
                warnings.addAll(roiNotes);
            }
            List<String> marts = martsByInput.get(input);
            if (marts != null) {
                warnings.add(String.join(" and ", marts) + " not computed: " + missing.get(input));
            }
        }
    }

    /**
     * The ROI assumptions, when costs and records are loaded and costs are in the assumptions' one
     * currency; otherwise empty, with {@link RunInputs#ROI_BASIS} in {@code missing} and the reason.
     */
    private Optional<RoiBasis> roiBasis(Map<String, Dataset<Row>> tables, Map<String, String> missing,
                                        List<String> notes) throws IOException {
        Dataset<Row> costs = tables.get(RunInputs.COSTS);
        if (costs == null) {
            missing.put(RunInputs.ROI_BASIS, missing.get(RunInputs.COSTS));
            return Optional.empty();
        }
        if (!tables.containsKey(RunInputs.RECORDS)) {
            missing.put(RunInputs.ROI_BASIS, "records.csv has not been loaded, and won opportunities are part of the benefit");
            return Optional.empty();
        }
        RoiBasis basis;
        Optional<WarehouseReader.ConfigFile> file = warehouse.config(ROI_ASSUMPTIONS_FILE);
        if (file.isEmpty()) {
            basis = new RoiBasis(Snapshot.DEFAULT_ASSUMPTIONS, RoiAssumptions.defaults());
            notes.add("No " + ROI_ASSUMPTIONS_FILE + " has been loaded: the ROI uses the documented defaults");
        } else {
            String source = file.get().path();
            try {
                basis = new RoiBasis(source, RoiAssumptions.parse(file.get().text(), source));
            } catch (IllegalArgumentException e) {
                missing.put(RunInputs.ROI_BASIS, e.getMessage());
                return Optional.empty();
            }
        }
        List<Row> currencies = RoiKpis.currencies(costs).collectAsList();
        try {
            RoiKpis.requireOneCurrency(currencies);
        } catch (JobException e) {
            missing.put(RunInputs.ROI_BASIS, e.getMessage());
            return Optional.empty();
        }
        String currency = basis.assumptions().currency();
        if (currencies.size() == 1 && !currency.equals(currencies.get(0).getAs(Columns.CURRENCY))) {
            missing.put(RunInputs.ROI_BASIS, "costs.csv is in " + currencies.get(0).getAs(Columns.CURRENCY)
                    + " but the ROI assumptions (" + basis.source() + ") value time in " + currency
                    + ": set their currency to match the costs");
            return Optional.empty();
        }
        return Optional.of(basis);
    }

    /**
     * A mart's rows for this run: computed whole, or, for an incremental mart in an incremental run, the
     * live mart's rows before {@link RunInputs#recomputeFrom()} (and within the series) with the rows
     * computed from then on.
     */
    private Dataset<Row> rows(Mart mart, RunInputs in) {
        Dataset<Row> computed = mart.conform(mart.compute().rows(in));
        if (!in.incremental() || mart.incremental().isEmpty()) {
            return computed;
        }
        Mart.Incremental series = mart.incremental().get();
        Column day = col(series.column());
        Column kept = day.lt(lit(series.rowOf(in.recomputeFrom()))).and(day.leq(lit(in.asOf())));
        if (series.startsAtFirstDate()) {
            kept = kept.and(day.geq(lit(series.rowOf(in.firstDate()))));
        }
        return mart.conform(spark.read().parquet(config.location().mart(mart.name())).filter(kept))
                .unionByName(computed);
    }

    /**
     * The first day from which the time series must be recomputed, when this run may keep their earlier
     * rows: the activity was brought up to date incrementally from the very commit the last published
     * run had read, those commits changed neither users nor waves, and each time series is live with
     * its descriptor's columns.
     * It is the earliest changed day, or the day after the last run's as-of date if that is earlier.
     */
    private Optional<LocalDate> recomputeFrom(LocalDate asOf) throws IOException {
        if (config.full() || !refresh.mode().equals(ActivityStore.Refresh.INCREMENTAL)
                || refresh.otherTablesChanged().contains(Tables.USERS) || refresh.otherTablesChanged().contains(Tables.WAVES)) {
            return Optional.empty();
        }
        for (Mart mart : KpiMarts.ALL) {
            String live = config.location().mart(mart.name());
            // A mart written by another version of its descriptor (an upgrade) is recomputed whole.
            if (mart.incremental().isPresent() && (!warehouse.exists(live)
                    || !List.of(spark.read().parquet(live).columns()).equals(List.of(mart.schema().fieldNames())))) {
                return Optional.empty();
            }
        }
        Optional<WarehouseReader.LastRun> last = warehouse.lastRun();
        if (last.isEmpty() || last.get().throughCommit() != refresh.previousCommit()) {
            return Optional.empty();
        }
        LocalDate from = last.get().asOf().plusDays(1);
        if (!refresh.daysChanged().isEmpty() && refresh.daysChanged().first().isBefore(from)) {
            from = refresh.daysChanged().first();
        }
        return Optional.of(from.isAfter(asOf.plusDays(1)) ? asOf.plusDays(1) : from);
    }

    /** Each goal goals_status cannot evaluate, as a warning naming the goal and why. */
    private void reportGoalProblems() {
        Dataset<Row> problems = staged(Marts.GOALS_STATUS).filter(col(Marts.PROBLEM).isNotNull())
                .select(Columns.GOAL_ID, Marts.PROBLEM).orderBy(Columns.GOAL_ID);
        for (Row row : problems.collectAsList()) {
            warnings.add("goal " + row.getString(0) + " in goals.csv: " + row.getString(1));
        }
    }

    private Dataset<Row> staged(String mart) {
        return spark.read().parquet(writer.stagedPath(mart));
    }

    private void recordRun(WarehouseLocation location, LocalDate asOf, Instant ended, List<String> inputCommits,
                           Map<String, Long> rowsWritten) {
        StructType schema = new StructType()
                .add(Marts.RUN_ID, DataTypes.StringType, false)
                .add(Marts.AS_OF, DataTypes.DateType, false)
                .add(Marts.STARTED_AT, DataTypes.TimestampType, false)
                .add(Marts.ENDED_AT, DataTypes.TimestampType, false)
                .add(Marts.MODE, DataTypes.StringType, false)
                .add(Marts.INPUT_COMMITS, DataTypes.createArrayType(DataTypes.StringType), false)
                .add(Marts.ROWS_WRITTEN, DataTypes.createMapType(DataTypes.StringType, DataTypes.LongType), false);
        Row row = RowFactory.create(runId, Date.valueOf(asOf), Timestamp.from(started), Timestamp.from(ended), refresh.mode(),
                CollectionConverters.asScala(new ArrayList<>(inputCommits)).toSeq(),
                CollectionConverters.asScala(rowsWritten));
        spark.createDataFrame(List.of(row), schema).coalesce(1).write().mode(SaveMode.Append)
                .parquet(location.mart(Marts.RUNS));
    }
}
