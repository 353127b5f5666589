package io.uptake.jobs.roi;

import static io.uptake.jobs.Figures.ratio;
import static io.uptake.jobs.KpiConventions.licensedOn;
import static org.apache.spark.sql.functions.array;
import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.collect_set;
import static org.apache.spark.sql.functions.count_distinct;
import static org.apache.spark.sql.functions.date_format;
import static org.apache.spark.sql.functions.explode;
import static org.apache.spark.sql.functions.expr;
import static org.apache.spark.sql.functions.greatest;
import static org.apache.spark.sql.functions.last_day;
import static org.apache.spark.sql.functions.least;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.map;
import static org.apache.spark.sql.functions.min;
import static org.apache.spark.sql.functions.sequence;
import static org.apache.spark.sql.functions.sort_array;
import static org.apache.spark.sql.functions.struct;
import static org.apache.spark.sql.functions.sum;
import static org.apache.spark.sql.functions.to_date;
import static org.apache.spark.sql.functions.try_element_at;
import static org.apache.spark.sql.functions.when;

import io.uptake.jobs.JobException;
import io.uptake.jobs.KpiConventions;
import io.uptake.jobs.activity.UserDayActivity;
import io.uptake.warehouse.Columns;
import io.uptake.warehouse.Marts;
import io.uptake.warehouse.RoiAssumptions;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.expressions.Window;
import org.apache.spark.sql.expressions.WindowSpec;

/**
 * The ROI marts of KPIS.md ({@code roi_monthly}, {@code roi_summary}) as pure functions. Months are
 * {@code yyyy-MM} strings, as in costs.csv. Amounts are in the one currency of costs.csv (see
 * {@link #currencies}); the job checks that before it calls {@link #roiMonthly}.
 */
public final class RoiKpis {

    /** The records.csv object type whose won amounts are revenue. */
    static final String OPPORTUNITY = "Opportunity";
    /** A column of {@link #currencies}: the sorted months that have costs in that currency. */
    public static final String MONTHS = "months";

    private static final String MONTH_START = "month_start";
    private static final String MONTH_END = "month_end";
    private static final String FACTOR = "factor";
    private static final String ORDER = "scenario_order";

    private RoiKpis() {}

    /**
     * {@code roi_monthly}: one row per month from the first month in {@code costs} to the month of
     * {@code asOf}, every month, in this column order: month, cost_&lt;category&gt; for each of
     * {@link Marts#COST_CATEGORIES}, cost_total, idle_seat_cost, mau, cost_per_active_user, hours_saved,
     * benefit_time, won_amount, benefit_revenue, benefit_total, cum_cost, cum_benefit, roi_cum.
     *
     * <p>Window: the calendar month; for asOf's month the days up to asOf (its costs are the whole month's,
     * as booked). Costs of months after asOf's month are left out.
     * <ul>
     * <li>cost_&lt;category&gt;: sum of costs.amount of the month and category, 0 if none; cost_total their
     *     sum (a category outside the list is in no column: costs.csv is checked on load).
     * <li>idle_seat_cost: sum of license_monthly_cost (a whole month, also for asOf's partial month) over
     *     human users licensed on some day of the window with no active day in it.
     * <li>mau: human users licensed on some day of the window with an active day in it (so the users of
     *     idle_seat_cost and mau are together the licensed users of the month).
     * <li>cost_per_active_user = cost_total / mau, null when mau is 0.
     * <li>hours_saved = sum over active events of the window of minutes_saved[event_type] / 60 (0 for a
     *     type without an assumption), computed as (sum of minutes) / 60; benefit_time = hours_saved *
     *     hourly_rate.
     * <li>won_amount: sum of amount of Opportunity records with is_won and close_date in the window;
     *     benefit_revenue = won_amount * revenue_attribution; benefit_total = benefit_time + benefit_revenue.
     * <li>cum_cost, cum_benefit: running sums of cost_total and benefit_total from the first month;
     *     roi_cum = (cum_benefit - cum_cost) / cum_cost, null when cum_cost is 0.
     * </ul>
     * These are the base scenario's figures: {@link RoiAssumptions} requires its factor to be 1.0.
     *
     * @param costs          costs: month (yyyy-MM string), category, amount
     * @param humans         {@code KpiConventions.humans(users)}: user_key, activated_at, deactivated_at,
     *                       license_monthly_cost
     * @param activeUserDays {@code UserDayActivity.activeUserDays(...)}: user_key, date
     * @param activeEvents   active events (KPIS.md: success, web or mobile) counted per user, day and
     *                       type ({@link UserDayActivity#activeEventCounts}): user_key, event_date,
     *                       event_type, events; rows of users that are not in {@code humans} and rows
     *                       after asOf are dropped here
     * @param records        records: object_type, is_won, amount, close_date
     */
    public static Dataset<Row> roiMonthly(Dataset<Row> costs, Dataset<Row> humans, Dataset<Row> activeUserDays,
                                          Dataset<Row> activeEvents, Dataset<Row> records, RoiAssumptions assumptions,
                                          LocalDate asOf) {
        Dataset<Row> months = months(costs, asOf);
        Column inWindow = col(Marts.DATE).between(col(MONTH_START), col(MONTH_END));

        List<Column> costSums = new ArrayList<>();
        for (String category : Marts.COST_CATEGORIES) {
            costSums.add(sum(when(col(Columns.CATEGORY).equalTo(lit(category)), col(Columns.AMOUNT)).otherwise(lit(0.0)))
                    .as(costColumn(category)));
        }
        Dataset<Row> monthlyCosts = costs.groupBy(Columns.MONTH)
                .agg(costSums.get(0), costSums.subList(1, costSums.size()).toArray(Column[]::new));

        // licensed on some day of [start, end]: licensed on the later of start and activated_at, if that is <= end
        Column firstLicensedDay = greatest(col(MONTH_START), col(Columns.ACTIVATED_AT));
        Dataset<Row> activeInMonth = activeUserDays
                .join(months, inWindow)
                .select(col(Columns.USER_KEY), col(Columns.MONTH), lit(true).as("active"))
                .distinct();
        Dataset<Row> seats = humans
                .select(Columns.USER_KEY, Columns.ACTIVATED_AT, Columns.DEACTIVATED_AT, Columns.LICENSE_MONTHLY_COST)
                .join(months, firstLicensedDay.leq(col(MONTH_END)).and(licensedOn(firstLicensedDay)))
                .join(activeInMonth, new String[] {Columns.USER_KEY, Columns.MONTH}, "left")
                .groupBy(Columns.MONTH)
                .agg(sum(when(col("active").isNull(), col(Columns.LICENSE_MONTHLY_COST)).otherwise(lit(0.0)))
                                .as(Marts.IDLE_SEAT_COST),
                        count_distinct(when(col("active"), col(Columns.USER_KEY))).as(Marts.MAU));

        Dataset<Row> timeSaved = activeEvents
                .join(humans.select(Columns.USER_KEY), Columns.USER_KEY, "left_semi")
                .withColumnRenamed(Columns.EVENT_DATE, Marts.DATE)
                .join(months, inWindow)
                .groupBy(Columns.MONTH)
                .agg(sum(minutesSaved(assumptions).multiply(col(UserDayActivity.EVENTS))).divide(lit(60.0))
                        .as(Marts.HOURS_SAVED));

        Dataset<Row> won = records
                .filter(col(Columns.OBJECT_TYPE).equalTo(lit(OPPORTUNITY)).and(col(Columns.IS_WON)))
                .withColumnRenamed(Columns.CLOSE_DATE, Marts.DATE)
                .join(months, inWindow)
                .groupBy(Columns.MONTH)
                .agg(sum(coalesce(col(Columns.AMOUNT), lit(0.0))).as(Marts.WON_AMOUNT));

        WindowSpec toDate = Window.orderBy(Columns.MONTH)
                .rowsBetween(Window.unboundedPreceding(), Window.currentRow());
        Column costTotal = Marts.COST_CATEGORIES.stream()
                .map(c -> coalesce(col(costColumn(c)), lit(0.0))).reduce(Column::plus)
                .orElseThrow();
        Column benefitTime = col(Marts.HOURS_SAVED).multiply(lit(assumptions.hourlyRate()));
        Column benefitRevenue = col(Marts.WON_AMOUNT).multiply(lit(assumptions.revenueAttribution()));

        List<Column> columns = new ArrayList<>();
        columns.add(col(Columns.MONTH));
        Marts.COST_CATEGORIES.forEach(c -> columns.add(zero(costColumn(c))));
        columns.add(costTotal.as(Marts.COST_TOTAL));
        columns.add(zero(Marts.IDLE_SEAT_COST));
        columns.add(coalesce(col(Marts.MAU), lit(0L)).as(Marts.MAU));
        columns.add(zero(Marts.HOURS_SAVED));
        columns.add(zero(Marts.WON_AMOUNT));
        Dataset<Row> filled = months
                .join(monthlyCosts, Columns.MONTH, "left")
                .join(seats, Columns.MONTH, "left")
                .join(timeSaved, Columns.MONTH, "left")
                .join(won, Columns.MONTH, "left")
                .select(columns.toArray(Column[]::new));

        List<Column> out = new ArrayList<>();
        out.add(col(Columns.MONTH));
        Marts.COST_CATEGORIES.forEach(c -> out.add(col(costColumn(c))));
        out.add(col(Marts.COST_TOTAL));
        out.add(col(Marts.IDLE_SEAT_COST));
        out.add(col(Marts.MAU));
        out.add(ratio(col(Marts.COST_TOTAL), col(Marts.MAU)).as(Marts.COST_PER_ACTIVE_USER));
        out.add(col(Marts.HOURS_SAVED));
        out.add(benefitTime.as(Marts.BENEFIT_TIME));
        out.add(col(Marts.WON_AMOUNT));
        out.add(benefitRevenue.as(Marts.BENEFIT_REVENUE));
        out.add(benefitTime.plus(benefitRevenue).as(Marts.BENEFIT_TOTAL));
        return filled
                .select(out.toArray(Column[]::new))
                .withColumn(Marts.CUM_COST, sum(Marts.COST_TOTAL).over(toDate))
                .withColumn(Marts.CUM_BENEFIT, sum(Marts.BENEFIT_TOTAL).over(toDate))
                .withColumn(Marts.ROI_CUM, ratio(col(Marts.CUM_BENEFIT).minus(col(Marts.CUM_COST)), col(Marts.CUM_COST)))
                .orderBy(Columns.MONTH);
    }

    /**
     * {@code roi_summary}: one row per scenario of {@link Marts#SCENARIOS} (low, base, high, in that order)
     * over all months of {@code roiMonthly}, with f the scenario's factor: cost_to_date = sum of cost_total;
     * benefit_to_date = f * sum of benefit_total; roi_to_date = (benefit_to_date - cost_to_date) /
     * cost_to_date, null when cost_to_date is 0; payback_month = the first month with f * cum_benefit
     * &gt;= cum_cost, null if none. Costs do not depend on the scenario.
     */
    public static Dataset<Row> roiSummary(Dataset<Row> roiMonthly, RoiAssumptions assumptions) {
        List<Column> scenarios = new ArrayList<>();
        for (int i = 0; i < Marts.SCENARIOS.size(); i++) {
            String scenario = Marts.SCENARIOS.get(i);
            scenarios.add(struct(lit(i).as(ORDER), lit(scenario).as(Marts.SCENARIO),
                    lit(assumptions.factor(scenario)).as(FACTOR)));
        }
        Dataset<Row> factors = roiMonthly.sparkSession().range(1)
                .select(explode(array(scenarios.toArray(Column[]::new))).as("s"))
                .select("s.*");
        Column factor = col(FACTOR);
        // left join: a mart without months still has its three scenario rows
        return factors
                .join(roiMonthly, lit(true), "left")
                .groupBy(ORDER, Marts.SCENARIO, FACTOR)
                .agg(coalesce(sum(Marts.COST_TOTAL), lit(0.0)).as(Marts.COST_TO_DATE),
                        coalesce(sum(Marts.BENEFIT_TOTAL), lit(0.0)).multiply(factor).as(Marts.BENEFIT_TO_DATE),
                        min(when(col(Marts.CUM_BENEFIT).multiply(factor).geq(col(Marts.CUM_COST)), col(Columns.MONTH)))
                                .as(Marts.PAYBACK_MONTH))
                .orderBy(ORDER)
                .select(col(Marts.SCENARIO), col(Marts.COST_TO_DATE), col(Marts.BENEFIT_TO_DATE),
                        ratio(col(Marts.BENEFIT_TO_DATE).minus(col(Marts.COST_TO_DATE)), col(Marts.COST_TO_DATE))
                                .as(Marts.ROI_TO_DATE),
                        col(Marts.PAYBACK_MONTH));
    }

    /**
     * The currencies of {@code costs} (month, currency): one row per currency with {@link #MONTHS}, the
     * sorted months that have costs in it. More than one row is an input error: see
     * {@link #requireOneCurrency}.
     */
    public static Dataset<Row> currencies(Dataset<Row> costs) {
        return costs.groupBy(Columns.CURRENCY)
                .agg(sort_array(collect_set(col(Columns.MONTH))).as(MONTHS))
                .orderBy(col(MONTHS).getItem(0), col(Columns.CURRENCY));
    }

    /**
     * Throws a {@link JobException} naming every currency with its months when the collected rows of
     * {@link #currencies} hold more than one currency.
     */
    public static void requireOneCurrency(List<Row> currencies) {
        Map<String, List<String>> monthsByCurrency = new LinkedHashMap<>();
        for (Row row : currencies) {
            monthsByCurrency.put(row.getAs(Columns.CURRENCY), row.getList(row.fieldIndex(MONTHS)));
        }
        if (monthsByCurrency.size() > 1) {
            throw new JobException(mixedCurrenciesMessage(monthsByCurrency));
        }
    }

    /**
     * "Costs in more than one currency: USD in 2025-10, 2025-11; EUR in 2025-12. Convert them to one
     * currency in costs.csv": currencies in the order of their first month, then by name.
     */
    static String mixedCurrenciesMessage(Map<String, List<String>> monthsByCurrency) {
        List<Map.Entry<String, List<String>>> entries = new ArrayList<>();
        monthsByCurrency.forEach((currency, months) -> entries.add(Map.entry(currency, months.stream().sorted().toList())));
        entries.sort(Comparator.<Map.Entry<String, List<String>>, String>comparing(e -> e.getValue().isEmpty() ? "" : e.getValue().get(0))
                .thenComparing(Map.Entry::getKey));
        StringBuilder message = new StringBuilder("Costs in more than one currency: ");
        for (int i = 0; i < entries.size(); i++) {
            message.append(i == 0 ? "" : "; ").append(entries.get(i).getKey()).append(" in ")
                    .append(String.join(", ", entries.get(i).getValue()));
        }
        return message.append(". Convert them to one currency in costs.csv").toString();
    }

    /** The column of a cost category: {@code cost_<category>}. */
    public static String costColumn(String category) {
        return Marts.COST_PREFIX + category;
    }

    /** month (yyyy-MM), month_start and month_end (the month's last day, or asOf in asOf's month). */
    private static Dataset<Row> months(Dataset<Row> costs, LocalDate asOf) {
        Column first = to_date(min(col(Columns.MONTH)), "yyyy-MM");
        Column last = lit(asOf.withDayOfMonth(1));
        // no months (rather than an error from sequence) when costs start after asOf's month or are empty
        return costs.agg(first.as("first"))
                .select(explode(when(col("first").leq(last),
                        sequence(col("first"), last, expr("interval 1 month")))).as(MONTH_START))
                .select(date_format(col(MONTH_START), "yyyy-MM").as(Columns.MONTH), col(MONTH_START),
                        least(last_day(col(MONTH_START)), lit(asOf)).as(MONTH_END));
    }

    /** Minutes saved by the event in {@code event_type}, 0 for a type without an assumption. */
    private static Column minutesSaved(RoiAssumptions assumptions) {
        if (assumptions.minutesSaved().isEmpty()) {
            return lit(0.0);
        }
        List<Column> entries = new ArrayList<>();
        assumptions.minutesSaved().forEach((type, minutes) -> {
            entries.add(lit(type));
            entries.add(lit(minutes));
        });
        return coalesce(try_element_at(map(entries.toArray(Column[]::new)), col(Columns.EVENT_TYPE)), lit(0.0));
    }

    private static Column zero(String column) {
        return coalesce(col(column), lit(0.0)).as(column);
    }
}
