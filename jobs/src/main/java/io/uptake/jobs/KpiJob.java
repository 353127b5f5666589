package io.uptake.jobs;

import static org.apache.spark.sql.functions.max;
import static org.apache.spark.sql.functions.min;

import io.uptake.jobs.activity.UserDayActivity;
import io.uptake.jobs.adoption.AdoptionKpis;
import io.uptake.jobs.publish.MartWriter;
import io.uptake.jobs.publish.SnapshotPublisher;
import io.uptake.warehouse.Columns;
import io.uptake.warehouse.DataLayout;
import io.uptake.warehouse.Marts;
import io.uptake.warehouse.Tables;
import java.io.IOException;
import java.sql.Date;
import java.time.Instant;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SaveMode;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The KPI job: reads the live warehouse files named by the commit log, computes every mart from one
 * shared user-day activity table, swaps the marts in, records the run and publishes the snapshot.
 */
public final class KpiJob {

    private static final Logger LOG = LoggerFactory.getLogger(KpiJob.class);
    private static final DateTimeFormatter RUN_ID = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss.SSS'Z'")
            .withZone(ZoneOffset.UTC);

    /** What a run did. */
    public record Result(String runId, LocalDate asOf, Map<String, Long> rowsWritten) {}

    private KpiJob() {}

    public static Result run(SparkSession spark, JobConfig config) throws IOException {
        Instant started = config.clock().instant();
        String runId = RUN_ID.format(started);
        DataLayout layout = config.layout();
        WarehouseReader warehouse = new WarehouseReader(spark, layout);
        List<String> inputCommits = warehouse.commitNames();

        Dataset<Row> events = warehouse.require(Tables.EVENTS)
                .select(Columns.USER_KEY, Columns.EVENT_DATE, Columns.EVENT_TYPE, Columns.MODULE, Columns.CLIENT,
                        Columns.STATUS);
        Dataset<Row> users = warehouse.require(Tables.USERS);
        Dataset<Row> waves = warehouse.require(Tables.WAVES);

        Row range = events.agg(min(Columns.EVENT_DATE), max(Columns.EVENT_DATE)).first();
        LocalDate firstDate = range.getDate(0).toLocalDate();
        LocalDate asOf = config.asOf().orElse(range.getDate(1).toLocalDate());
        if (asOf.isBefore(firstDate)) {
            throw new JobException("--as-of " + asOf + " is before the first event date " + firstDate);
        }

        Dataset<Row> humans = UserDayActivity.humans(users).cache();
        Dataset<Row> activeModules = UserDayActivity.activeUserDayModules(events, humans, asOf).cache();
        Dataset<Row> activeDays = UserDayActivity.activeUserDays(activeModules).cache();
        Dataset<Row> valueDays = UserDayActivity.valueDays(events, asOf);

        Map<String, Dataset<Row>> marts = new LinkedHashMap<>();
        marts.put(Marts.ADOPTION_DAILY, AdoptionKpis.adoptionDaily(humans, activeDays,
                UserDayActivity.dates(spark, firstDate, asOf)).orderBy(Marts.DATE, Columns.TEAM));
        marts.put(Marts.MODULE_ADOPTION, AdoptionKpis.moduleAdoption(humans, activeModules, asOf)
                .orderBy(Columns.TEAM, Columns.MODULE));
        marts.put(Marts.USER_ACTIVITY, AdoptionKpis.userActivity(humans, activeDays, valueDays, waves, asOf)
                .orderBy(Columns.TEAM, Columns.DISPLAY_NAME, Columns.USER_KEY));
        marts.put(Marts.LIFECYCLE_WEEKLY, AdoptionKpis.lifecycleWeekly(humans, activeDays, firstDate, asOf)
                .orderBy(Marts.WEEK_START, Columns.TEAM));

        MartWriter writer = new MartWriter(spark.sparkContext().hadoopConfiguration(),
                layout.marts().toUri().toString(), runId);
        try {
            for (Map.Entry<String, Dataset<Row>> mart : marts.entrySet()) {
                long rows = writer.stage(mart.getKey(), mart.getValue());
                LOG.info("Run {}: {} rows in {}", runId, rows, mart.getKey());
            }
            writer.swapIn();
        } catch (RuntimeException | IOException e) {
            writer.abandon();
            throw e;
        }

        Map<String, Dataset<Row>> published = new LinkedHashMap<>();
        for (String mart : marts.keySet()) {
            published.put(mart, spark.read().parquet(layout.mart(mart).toString()));
        }
        List<String> teams = humans.select(Columns.TEAM).distinct().orderBy(Columns.TEAM).as(
                org.apache.spark.sql.Encoders.STRING()).collectAsList();
        Instant ended = config.clock().instant();
        recordRun(spark, layout, runId, asOf, started, ended, inputCommits, writer.rowsWritten());
        SnapshotPublisher.publish(layout.snapshot(), runId, asOf, ended, teams, published);
        humans.unpersist();
        activeModules.unpersist();
        activeDays.unpersist();
        return new Result(runId, asOf, writer.rowsWritten());
    }

    private static void recordRun(SparkSession spark, DataLayout layout, String runId, LocalDate asOf, Instant started,
                                  Instant ended, List<String> inputCommits, Map<String, Long> rowsWritten) {
        StructType schema = new StructType()
                .add(Marts.RUN_ID, DataTypes.StringType, false)
                .add(Marts.AS_OF, DataTypes.DateType, false)
                .add(Marts.STARTED_AT, DataTypes.TimestampType, false)
                .add(Marts.ENDED_AT, DataTypes.TimestampType, false)
                .add(Marts.MODE, DataTypes.StringType, false)
                .add(Marts.INPUT_COMMITS, DataTypes.createArrayType(DataTypes.StringType), false)
                .add(Marts.ROWS_WRITTEN, DataTypes.createMapType(DataTypes.StringType, DataTypes.LongType), false);
        Row row = RowFactory.create(runId, Date.valueOf(asOf), java.sql.Timestamp.from(started),
                java.sql.Timestamp.from(ended), "full",
                scala.jdk.javaapi.CollectionConverters.asScala(new ArrayList<>(inputCommits)).toSeq(),
                scala.jdk.javaapi.CollectionConverters.asScala(rowsWritten));
        spark.createDataFrame(List.of(row), schema).coalesce(1).write().mode(SaveMode.Append)
                .parquet(layout.mart(Marts.RUNS).toUri().toString());
    }
}
