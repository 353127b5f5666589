package io.uptake.jobs.activity;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.datediff;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.when;

import io.uptake.warehouse.Columns;
import io.uptake.warehouse.Marts;
import io.uptake.warehouse.Vocabulary;
import java.sql.Date;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import org.apache.spark.api.java.function.MapFunction;
import org.apache.spark.api.java.function.MapGroupsFunction;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import scala.jdk.javaapi.CollectionConverters;

/**
 * The people of a run with their active days as {@link DayBits}: one row per human user, the columns of
 * {@code humans} plus {@link #DAYS} (active in any module) and {@link #MODULE_DAYS} (one set per module
 * of {@link Vocabulary#MODULES}, in its order). Day {@code i} of a set is {@code origin + i}, the origin
 * being the run's first event date. Every rolling-window figure is counted from these rows, a few
 * thousand of them at most, instead of a row per person and day.
 */
public final class ActivityBits {

    /** The binary column of the days a person was active in any module. */
    public static final String DAYS = "active_days";
    /** The array column of the days a person was active in each module. */
    public static final String MODULE_DAYS = "module_days";

    private static final String DAY = "day";
    private static final String MODULE_INDEX = "module_index";
    private static final StructType BITS = new StructType()
            .add(Columns.USER_KEY, DataTypes.StringType, false)
            .add(DAYS, DataTypes.BinaryType, false)
            .add(MODULE_DAYS, DataTypes.createArrayType(DataTypes.BinaryType, false), false);

    private ActivityBits() {}

    /**
     * The people with their active days up to the as-of date.
     *
     * @param humans        the people, one row per user_key
     * @param activeModules {@link UserDayActivity#activeUserDayModules}: user_key, date, module, up to as-of
     * @param origin        day 0 of the sets: the run's first event date (no activity is earlier)
     */
    public static Dataset<Row> people(Dataset<Row> humans, Dataset<Row> activeModules, LocalDate origin) {
        List<String> modules = Vocabulary.MODULES;
        Dataset<Row> days = activeModules.select(col(Columns.USER_KEY),
                datediff(col(Marts.DATE), lit(origin)).as(DAY),
                moduleIndex(col(Columns.MODULE)).as(MODULE_INDEX));
        Dataset<Row> bits = days
                .groupByKey((MapFunction<Row, String>) r -> r.getString(0), Encoders.STRING())
                .mapGroups((MapGroupsFunction<String, Row, Row>) (user, rows) -> bitsOf(user, rows, modules.size()),
                        Encoders.row(BITS));
        return humans.join(bits, humans.col(Columns.USER_KEY).equalTo(bits.col(Columns.USER_KEY)), "left")
                .drop(bits.col(Columns.USER_KEY));
    }

    /** A person's active days in any module, from a row of {@link #people}. */
    public static DayBits days(Row person) {
        return DayBits.read(person.getAs(DAYS));
    }

    /** A person's active days in module {@code index} of {@link Vocabulary#MODULES}, from a row of {@link #people}. */
    public static DayBits moduleDays(Row person, int index) {
        List<byte[]> sets = person.getList(person.fieldIndex(MODULE_DAYS));
        return sets == null ? DayBits.empty() : DayBits.read(sets.get(index));
    }

    /** The index of a date among the days of sets whose day 0 is {@code origin}. */
    public static int index(LocalDate origin, LocalDate date) {
        return (int) ChronoUnit.DAYS.between(origin, date);
    }

    /** The index of a date column's value, or {@code none} when it is null. */
    public static int index(LocalDate origin, Row row, String dateColumn, int none) {
        Date date = row.getAs(dateColumn);
        return date == null ? none : index(origin, date.toLocalDate());
    }

    private static Column moduleIndex(Column module) {
        Column index = lit(-1);
        for (int i = Vocabulary.MODULES.size() - 1; i >= 0; i--) {
            index = when(module.equalTo(lit(Vocabulary.MODULES.get(i))), lit(i))
                    .otherwise(index);
        }
        return index;
    }

    private static Row bitsOf(String user, Iterator<Row> rows, int moduleCount) {
        List<List<Integer>> byModule = new ArrayList<>();
        for (int m = 0; m < moduleCount; m++) {
            byModule.add(new ArrayList<>());
        }
        List<Integer> any = new ArrayList<>();
        while (rows.hasNext()) {
            Row row = rows.next();
            int day = row.getInt(1);
            int module = row.getInt(2);
            any.add(day);
            if (module >= 0) {
                byModule.get(module).add(day);
            }
        }
        List<byte[]> modules = new ArrayList<>();
        for (List<Integer> days : byModule) {
            modules.add(DayBits.of(days.stream().mapToInt(Integer::intValue).toArray()).bytes());
        }
        return RowFactory.create(user, DayBits.of(any.stream().mapToInt(Integer::intValue).toArray()).bytes(),
                CollectionConverters.asScala(modules).toSeq());
    }
}
