package io.uptake.jobs;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.date_sub;
import static org.apache.spark.sql.functions.lit;

import io.uptake.warehouse.Columns;
import io.uptake.warehouse.Vocabulary;
import java.time.LocalDate;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * The conventions every KPI of docs/kpis.md shares, in one place: who is a person, when a person is
 * licensed, what an active event is, and the windows a day is counted in. A mart that needs one of
 * them asks here, so a change of convention is one edit.
 *
 * <p>Windows end on their day and include it: the 28-day window of day D is [D-27, D], the 7-day one
 * [D-6, D]. Days are UTC days.
 */
public final class KpiConventions {

    /** The rolling window of MAU, adoption, stickiness and every "in the last 28 days" figure. */
    public static final int WINDOW_DAYS = 28;
    /** The rolling window of WAU, and the "last 7 days" of source freshness. */
    public static final int WEEK_DAYS = 7;

    private KpiConventions() {}

    /** The first day of the 28-day window ending on {@code day}: {@code day - 27}. */
    public static LocalDate windowStart(LocalDate day) {
        return day.minusDays(WINDOW_DAYS - 1);
    }

    /** The first day of the 7-day window ending on {@code day}: {@code day - 6}. */
    public static LocalDate weekStart(LocalDate day) {
        return day.minusDays(WEEK_DAYS - 1);
    }

    /** The first day of the 28-day window ending on the date in {@code day}, as a column. */
    public static Column windowStart(Column day) {
        return date_sub(day, WINDOW_DAYS - 1);
    }

    /** The first day of the 7-day window ending on the date in {@code day}, as a column. */
    public static Column weekStart(Column day) {
        return date_sub(day, WEEK_DAYS - 1);
    }

    /** True when the date in {@code date} is in the 28-day window ending on {@code day}. */
    public static Column inWindow(Column date, LocalDate day) {
        return date.between(lit(windowStart(day)), lit(day));
    }

    /** Human users: every row of {@code users} whose licence is not {@code integration}. */
    public static Dataset<Row> humans(Dataset<Row> users) {
        return users.filter(col(Columns.LICENSE_TYPE).notEqual(lit(Vocabulary.LICENSE_INTEGRATION)));
    }

    /** True on day {@code date} for a user with {@code activated_at <= date < deactivated_at}. */
    public static Column licensedOn(Column date) {
        return col(Columns.ACTIVATED_AT).leq(date)
                .and(col(Columns.DEACTIVATED_AT).isNull().or(col(Columns.DEACTIVATED_AT).gt(date)));
    }

    /** True when a user licensed from {@code activatedAt} until {@code deactivatedAt} (or null) is licensed on {@code day}. */
    public static boolean licensedOn(LocalDate day, LocalDate activatedAt, LocalDate deactivatedAt) {
        return !activatedAt.isAfter(day) && (deactivatedAt == null || deactivatedAt.isAfter(day));
    }

    /** An active event: status {@code success} from a person's client, {@code web} or {@code mobile}. */
    public static Column activeEvent() {
        return col(Columns.STATUS).equalTo(lit(Vocabulary.STATUS_SUCCESS))
                .and(col(Columns.CLIENT).isin(Vocabulary.HUMAN_CLIENTS.toArray()));
    }
}
