package io.uptake.jobs;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;

import io.uptake.jobs.activity.ActivityStore;
import io.uptake.jobs.activity.UserDayActivity;
import io.uptake.jobs.adoption.AdoptionKpis;
import io.uptake.jobs.freshness.FreshnessKpis;
import io.uptake.jobs.publish.ConcurrentStaging;
import io.uptake.jobs.publish.MartWriter;
import io.uptake.jobs.publish.SnapshotPublisher;
import io.uptake.jobs.publish.SnapshotPublisher.RoiBasis;
import io.uptake.jobs.roi.RoiKpis;
import io.uptake.jobs.rollout.RolloutKpis;
import io.uptake.jobs.training.TrainingKpis;
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
                         List<String> warnings, ActivityStore.Refresh activity) {}

    private final SparkSession spark;
    private final JobConfig config;
    private final WarehouseReader warehouse;
    private final MartWriter writer;
    private final String runId;
    private final Instant started;
    private final Map<String, String> unavailable = new LinkedHashMap<>();
    private final List<String> warnings = new ArrayList<>();
    /** Goal KPIs whose input is missing, with the reason (goals_status says it per goal). */
    private final Map<String, String> unavailableKpis = new LinkedHashMap<>();
    private ActivityStore.Refresh refresh;

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
        Optional<Dataset<Row>> training = optional(Tables.TRAINING, "training.csv", Marts.TRAINING_GAP,
                Marts.TEAMS_NEEDING_HELP, Marts.TRAINING_EFFECT, Marts.TRAINING_USERS);
        Optional<Dataset<Row>> records = optional(Tables.RECORDS, "records.csv", Marts.RECORD_FRESHNESS,
                Marts.RECORD_OWNERS);
        Optional<Dataset<Row>> costs = optional(Tables.COSTS, "costs.csv", Marts.ROI_MONTHLY, Marts.ROI_SUMMARY);
        Optional<Dataset<Row>> goals = optional(Tables.GOALS, "goals.csv", Marts.GOALS_STATUS);

        LocalDate firstDate = eventFiles.firstKey();
        LocalDate asOf = asOf(eventFiles);
        config.limits().check(firstDate, asOf, UserDayActivity.humans(users).count());

        ActivityStore store = new ActivityStore(spark, spark.sparkContext().hadoopConfiguration(),
                location.warehouse());
        refresh = store.refresh(warehouse.commits(), eventFiles, config.full(), warehouse::events);
        LOG.info("Run {}: daily activity {} ({} days changed, {} months recomputed)", runId, refresh.mode(),
                refresh.daysChanged().size(), refresh.monthsRecomputed().size());
        // Not cached: the few marts that read it read a dozen Parquet files again faster than an
        // in-memory copy of its 1.9M rows (medium) is built. The smaller tables derived from it are cached.
        Dataset<Row> userDays = store.userDays().filter(col(Columns.EVENT_DATE).leq(lit(asOf)));
        List<String> recentFiles = eventFiles.subMap(asOf.minusDays(6), asOf.plusDays(1)).values().stream()
                .flatMap(List::stream).toList();
        Dataset<Row> recentEvents = (recentFiles.isEmpty()
                        ? warehouse.events(eventFiles.get(firstDate)).where(lit(false)) : warehouse.events(recentFiles))
                .select(Columns.SOURCE, Columns.OCCURRED_AT, Columns.INGESTED_AT, Columns.EVENT_DATE, Columns.STATUS);
        Dataset<Row> humans = UserDayActivity.humans(users).cache();
        Dataset<Row> activeModules = UserDayActivity.activeUserDayModules(userDays, humans, asOf).cache();
        Dataset<Row> activeDays = UserDayActivity.activeUserDays(activeModules).cache();
        Optional<RoiBasis> roiBasis = Optional.empty();
        Map<String, Dataset<Row>> lists = new LinkedHashMap<>();
        Map<String, Long> rowsWritten;
        try (ConcurrentStaging marts = new ConcurrentStaging(writer, runId, CONCURRENT_MARTS)) {
            try {
                marts.stage(Marts.ADOPTION_DAILY, List.of(), () -> AdoptionKpis.adoptionDaily(humans, activeDays,
                        UserDayActivity.dates(spark, firstDate, asOf)), Marts.DATE, Columns.TEAM);
                marts.stage(Marts.MODULE_ADOPTION, List.of(), () -> AdoptionKpis.moduleAdoption(humans, activeModules, asOf),
                        Columns.TEAM, Columns.MODULE);
                marts.stage(Marts.USER_ACTIVITY, List.of(), () -> AdoptionKpis.userActivity(humans, activeDays,
                                UserDayActivity.valueDays(userDays, asOf), waves, asOf),
                        Columns.TEAM, Columns.DISPLAY_NAME, Columns.USER_KEY);
                marts.stage(Marts.LIFECYCLE_WEEKLY, List.of(),
                        () -> AdoptionKpis.lifecycleWeekly(humans, activeDays, firstDate, asOf), Marts.WEEK_START, Columns.TEAM);

                marts.stage(Marts.SOURCE_FRESHNESS, List.of(),
                        () -> FreshnessKpis.sourceFreshness(store.sourceDays(), recentEvents, asOf, started),
                        Columns.SOURCE);
                Dataset<Row> recordTotals = emptyRecordTotals();
                if (records.isPresent()) {
                    marts.stage(Marts.RECORD_FRESHNESS, List.of(),
                            () -> FreshnessKpis.recordFreshness(records.get(), users, asOf), Columns.TEAM, Columns.OBJECT_TYPE);
                    marts.stage(Marts.RECORD_OWNERS, List.of(), () -> FreshnessKpis.recordOwners(records.get(), users, asOf),
                            Columns.TEAM, Columns.DISPLAY_NAME, Columns.OWNER_KEY);
                    recordTotals = FreshnessKpis.recordTotals(records.get(), users, asOf);
                } else {
                    String reason = unavailable.get(Marts.RECORD_FRESHNESS);
                    List.of(Marts.STALE_SHARE_30D, Marts.COMPLETENESS_AVG, Marts.DUPLICATE_RATE)
                            .forEach(kpi -> unavailableKpis.put(kpi, reason));
                }

                Dataset<Row> trainedShare = emptyTeamValue(Marts.TRAINED_SHARE);
                if (training.isPresent()) {
                    marts.stage(Marts.TRAINING_GAP, List.of(),
                            () -> TrainingKpis.trainingGap(humans, userDays, activeModules, training.get(), asOf),
                            Columns.TEAM, Columns.MODULE);
                    marts.stage(Marts.TEAMS_NEEDING_HELP, List.of(Marts.TRAINING_GAP, Marts.ADOPTION_DAILY),
                            () -> TrainingKpis.teamsNeedingHelp(staged(Marts.TRAINING_GAP), staged(Marts.ADOPTION_DAILY), asOf),
                            Marts.RANK);
                    marts.stage(Marts.TRAINING_EFFECT, List.of(),
                            () -> TrainingKpis.trainingEffect(training.get(), activeModules, asOf),
                            Columns.COURSE_ID, Columns.MODULE);
                    trainedShare = TrainingKpis.trainedShare(humans, training.get(), asOf);
                    marts.stage(Marts.TRAINING_USERS, List.of(),
                            () -> TrainingKpis.userLists(humans, activeModules, training.get(), asOf),
                            Columns.TEAM, Columns.MODULE, TrainingKpis.LIST, Columns.DISPLAY_NAME);
                } else {
                    unavailableKpis.put(Marts.TRAINED_SHARE, unavailable.get(Marts.TRAINING_GAP));
                }

                roiBasis = roiBasis(costs, records);
                if (roiBasis.isPresent()) {
                    RoiAssumptions assumptions = roiBasis.get().assumptions();
                    marts.stage(Marts.ROI_MONTHLY, List.of(), () -> RoiKpis.roiMonthly(costs.get(), humans, activeDays,
                            UserDayActivity.activeEventCounts(userDays, humans, asOf).select(Columns.USER_KEY,
                                    Columns.EVENT_DATE, Columns.EVENT_TYPE, UserDayActivity.EVENTS),
                            records.get(), assumptions, asOf), Columns.MONTH);
                    marts.stage(Marts.ROI_SUMMARY, List.of(Marts.ROI_MONTHLY),
                            () -> RoiKpis.roiSummary(staged(Marts.ROI_MONTHLY), assumptions));
                } else {
                    unavailableKpis.put(Marts.ROI_CUM, unavailable.get(Marts.ROI_MONTHLY));
                }

                marts.stage(Marts.ROLLOUT_CURVE, List.of(), () -> RolloutKpis.rolloutCurve(humans, activeDays, waves, asOf),
                        Columns.WAVE, Marts.DAY);
                marts.stage(Marts.WAVE_SUMMARY, List.of(Marts.ROLLOUT_CURVE),
                        () -> RolloutKpis.waveSummary(staged(Marts.ROLLOUT_CURVE), waves, humans, asOf),
                        Columns.GO_LIVE_DATE, Columns.WAVE);
                if (goals.isPresent()) {
                    boolean roi = marts.planned(Marts.ROI_MONTHLY);
                    List<String> after = roi ? List.of(Marts.ADOPTION_DAILY, Marts.WAVE_SUMMARY, Marts.ROI_MONTHLY)
                            : List.of(Marts.ADOPTION_DAILY, Marts.WAVE_SUMMARY);
                    Dataset<Row> totals = recordTotals;
                    Dataset<Row> trained = trainedShare;
                    marts.stage(Marts.GOALS_STATUS, after, () -> RolloutKpis.goalsStatus(goals.get(),
                            staged(Marts.ADOPTION_DAILY), totals, trained, roi ? staged(Marts.ROI_MONTHLY) : emptyRoiMonthly(),
                            staged(Marts.WAVE_SUMMARY), unavailableKpis, asOf), Columns.GOAL_ID);
                }
                marts.stage(Marts.MANAGER_SUPPORT, List.of(),
                        () -> RolloutKpis.managerSupport(users, humans, userDays, activeDays, asOf),
                        Columns.TEAM, Columns.DISPLAY_NAME);

                lists.put(Snapshot.DIRECTORY, UserDayActivity.teamDirectory(humans).cache());
                lists.values().forEach(Dataset::count);
                rowsWritten = marts.awaitAll();
                if (goals.isPresent()) {
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
        }

        Map<String, Dataset<Row>> published = new LinkedHashMap<>();
        for (String mart : rowsWritten.keySet()) {
            published.put(mart, spark.read().parquet(location.mart(mart)));
        }
        List<String> teams = UserDayActivity.humans(users).select(Columns.TEAM).distinct().orderBy(Columns.TEAM).as(Encoders.STRING()).collectAsList();
        Instant ended = config.clock().instant();
        recordRun(location, asOf, ended, inputCommits, rowsWritten);
        SnapshotPublisher.publish(location.snapshot(), spark.sparkContext().hadoopConfiguration(), runId, asOf, ended, teams, published, lists, unavailable, roiBasis);
        lists.values().forEach(Dataset::unpersist);
        return new Result(runId, asOf, rowsWritten, Map.copyOf(unavailable), List.copyOf(warnings), refresh);
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
     * A reference table the named marts need, or empty, with those marts marked unavailable, when the
     * warehouse has none.
     */
    private Optional<Dataset<Row>> optional(String table, String inputName, String... marts) throws IOException {
        Optional<Dataset<Row>> data = warehouse.table(table);
        if (data.isEmpty()) {
            unavailableBecause(inputName + " has not been loaded (./uptake ingest a directory holding it)", marts);
        }
        return data;
    }

    private void unavailableBecause(String reason, String... marts) {
        warnings.add(String.join(" and ", marts) + " not computed: " + reason);
        for (String mart : marts) {
            unavailable.put(mart, reason);
        }
    }

    /**
     * The ROI assumptions, when costs and records are loaded and costs are in the assumptions' one
     * currency; otherwise empty, with the ROI marts marked unavailable and the reason given.
     */
    private Optional<RoiBasis> roiBasis(Optional<Dataset<Row>> costs, Optional<Dataset<Row>> records)
            throws IOException {
        if (costs.isEmpty()) {
            return Optional.empty();
        }
        if (records.isEmpty()) {
            unavailableBecause("records.csv has not been loaded, and won opportunities are part of the benefit",
                    Marts.ROI_MONTHLY, Marts.ROI_SUMMARY);
            return Optional.empty();
        }
        RoiBasis basis;
        Optional<WarehouseReader.ConfigFile> file = warehouse.config(ROI_ASSUMPTIONS_FILE);
        if (file.isEmpty()) {
            basis = new RoiBasis(Snapshot.DEFAULT_ASSUMPTIONS, RoiAssumptions.defaults());
            warnings.add("No " + ROI_ASSUMPTIONS_FILE + " has been loaded: the ROI uses the documented defaults");
        } else {
            String source = file.get().path();
            try {
                basis = new RoiBasis(source, RoiAssumptions.parse(file.get().text(), source));
            } catch (IllegalArgumentException e) {
                unavailableBecause(e.getMessage(), Marts.ROI_MONTHLY, Marts.ROI_SUMMARY);
                return Optional.empty();
            }
        }
        List<Row> currencies = RoiKpis.currencies(costs.get()).collectAsList();
        try {
            RoiKpis.requireOneCurrency(currencies);
        } catch (JobException e) {
            unavailableBecause(e.getMessage(), Marts.ROI_MONTHLY, Marts.ROI_SUMMARY);
            return Optional.empty();
        }
        String currency = basis.assumptions().currency();
        if (currencies.size() == 1 && !currency.equals(currencies.get(0).getAs(Columns.CURRENCY))) {
            unavailableBecause("costs.csv is in " + currencies.get(0).getAs(Columns.CURRENCY)
                    + " but the ROI assumptions (" + basis.source() + ") value time in " + currency
                    + ": set their currency to match the costs", Marts.ROI_MONTHLY, Marts.ROI_SUMMARY);
            return Optional.empty();
        }
        return Optional.of(basis);
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

    private Dataset<Row> emptyRecordTotals() {
        return spark.createDataFrame(List.of(), new StructType()
                .add(Columns.TEAM, DataTypes.StringType)
                .add(Marts.STALE_SHARE_30D, DataTypes.DoubleType)
                .add(Marts.COMPLETENESS_AVG, DataTypes.DoubleType)
                .add(Marts.DUPLICATE_RATE, DataTypes.DoubleType));
    }

    private Dataset<Row> emptyTeamValue(String kpi) {
        return spark.createDataFrame(List.of(), new StructType()
                .add(Columns.TEAM, DataTypes.StringType)
                .add(kpi, DataTypes.DoubleType));
    }

    private Dataset<Row> emptyRoiMonthly() {
        return spark.createDataFrame(List.of(), new StructType()
                .add(Columns.MONTH, DataTypes.StringType)
                .add(Marts.ROI_CUM, DataTypes.DoubleType));
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
