package io.uptake.jobs;

import io.uptake.warehouse.Columns;
import java.time.LocalDate;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/** What every jobs test builds its tiny input frames with: one local session and the warehouse schemas. */
public final class Frames {

    /** A Monday; fixtures name their dates {@code day(n)} = this date + n days, so weeks are easy to check. */
    public static final LocalDate DAY0 = LocalDate.of(2025, 3, 3);

    /** The users table, as far as the KPIs read it. */
    public static final StructType USERS = new StructType()
            .add(Columns.USER_KEY, DataTypes.StringType, false)
            .add(Columns.DISPLAY_NAME, DataTypes.StringType, false)
            .add(Columns.TEAM, DataTypes.StringType, false)
            .add(Columns.LICENSE_TYPE, DataTypes.StringType, false)
            .add(Columns.ACTIVATED_AT, DataTypes.DateType, false)
            .add(Columns.DEACTIVATED_AT, DataTypes.DateType, true)
            .add(Columns.WAVE, DataTypes.StringType, true);

    /** The events columns the KPIs read. */
    public static final StructType EVENTS = new StructType()
            .add(Columns.USER_KEY, DataTypes.StringType, false)
            .add(Columns.EVENT_DATE, DataTypes.DateType, false)
            .add(Columns.EVENT_TYPE, DataTypes.StringType, false)
            .add(Columns.MODULE, DataTypes.StringType, false)
            .add(Columns.CLIENT, DataTypes.StringType, false)
            .add(Columns.STATUS, DataTypes.StringType, false);

    public static final StructType WAVES = new StructType()
            .add(Columns.WAVE, DataTypes.StringType, false)
            .add(Columns.GO_LIVE_DATE, DataTypes.DateType, false);

    public static final StructType TRAINING = new StructType()
            .add(Columns.USER_KEY, DataTypes.StringType, false)
            .add(Columns.COURSE_ID, DataTypes.StringType, false)
            .add(Columns.MODULE, DataTypes.StringType, false)
            .add(Columns.COMPLETED_AT, DataTypes.DateType, false)
            .add(Columns.FORMAT, DataTypes.StringType, true)
            .add(Columns.SCORE, DataTypes.IntegerType, true)
            .add(Columns.HOURS, DataTypes.DoubleType, true);

    public static final StructType RECORDS = new StructType()
            .add(Columns.OBJECT_TYPE, DataTypes.StringType, false)
            .add(Columns.RECORD_ID, DataTypes.StringType, false)
            .add(Columns.OWNER_KEY, DataTypes.StringType, true)
            .add(Columns.CREATED_AT, DataTypes.TimestampType, false)
            .add(Columns.LAST_MODIFIED_AT, DataTypes.TimestampType, false)
            .add(Columns.REQUIRED_FIELDS_TOTAL, DataTypes.IntegerType, false)
            .add(Columns.REQUIRED_FIELDS_FILLED, DataTypes.IntegerType, false)
            .add(Columns.DEDUPE_KEY, DataTypes.StringType, true)
            .add(Columns.IS_CLOSED, DataTypes.BooleanType, false)
            .add(Columns.IS_WON, DataTypes.BooleanType, false)
            .add(Columns.AMOUNT, DataTypes.DoubleType, true)
            .add(Columns.CLOSE_DATE, DataTypes.DateType, true)
            .add(Columns.SOURCE_SYSTEM, DataTypes.StringType, true);

    public static final StructType COSTS = new StructType()
            .add(Columns.MONTH, DataTypes.StringType, false)
            .add(Columns.CATEGORY, DataTypes.StringType, false)
            .add(Columns.AMOUNT, DataTypes.DoubleType, false)
            .add(Columns.CURRENCY, DataTypes.StringType, false);

    public static final StructType GOALS = new StructType()
            .add(Columns.GOAL_ID, DataTypes.StringType, false)
            .add(Columns.KPI, DataTypes.StringType, false)
            .add(Columns.SCOPE, DataTypes.StringType, false)
            .add(Columns.BASELINE, DataTypes.DoubleType, false)
            .add(Columns.TARGET, DataTypes.DoubleType, false)
            .add(Columns.START_DATE, DataTypes.DateType, false)
            .add(Columns.DUE_DATE, DataTypes.DateType, false);

    /** Every column of the events table, as ingest writes it (event_date from the partition). */
    public static final StructType ALL_EVENT_COLUMNS = new StructType()
            .add(Columns.EVENT_ID, DataTypes.StringType, false)
            .add(Columns.OCCURRED_AT, DataTypes.TimestampType, false)
            .add(Columns.INGESTED_AT, DataTypes.TimestampType, false)
            .add(Columns.USER_KEY, DataTypes.StringType, false)
            .add(Columns.SESSION_KEY, DataTypes.StringType, true)
            .add(Columns.SOURCE, DataTypes.StringType, false)
            .add(Columns.SOURCE_EVENT_TYPE, DataTypes.StringType, true)
            .add(Columns.EVENT_TYPE, DataTypes.StringType, false)
            .add(Columns.MODULE, DataTypes.StringType, false)
            .add(Columns.OBJECT_TYPE, DataTypes.StringType, true)
            .add(Columns.RECORD_ID, DataTypes.StringType, true)
            .add(Columns.CLIENT, DataTypes.StringType, false)
            .add(Columns.STATUS, DataTypes.StringType, false)
            .add(Columns.ERROR_CODE, DataTypes.StringType, true)
            .add(Columns.DURATION_MS, DataTypes.LongType, true)
            .add(Columns.EVENT_DATE, DataTypes.DateType, false);

    private Frames() {}

    /**
     * The local session the tests share (two cores, no UI, few shuffle partitions, UTC): the first test
     * class creates it and the test JVM's exit stops it, so the suite starts Spark once, not per class.
     * {@code appName} names it only when this call creates it.
     */
    public static SparkSession localSpark(String appName) {
        return SparkSession.builder()
                .master("local[2]")
                .appName(appName)
                .config("spark.ui.enabled", "false")
                .config("spark.sql.shuffle.partitions", "2")
                .config("spark.sql.session.timeZone", "UTC")
                .getOrCreate();
    }

    public static LocalDate day(int n) {
        return DAY0.plusDays(n);
    }
}
