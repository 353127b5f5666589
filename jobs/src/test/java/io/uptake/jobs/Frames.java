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

    private Frames() {}

    /** One local session per test class: two cores, no UI, few shuffle partitions, UTC. */
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
