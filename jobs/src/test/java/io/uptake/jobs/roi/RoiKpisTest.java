package io.uptake.jobs.roi;

import static io.uptake.jobs.Frames.COSTS;
import static io.uptake.jobs.Frames.EVENTS;
import static io.uptake.jobs.Frames.RECORDS;
import static io.uptake.jobs.Frames.USERS;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.uptake.jobs.Frames;
import io.uptake.jobs.JobException;
import io.uptake.jobs.KpiConventions;
import io.uptake.jobs.activity.UserDayActivity;
import io.uptake.warehouse.Columns;
import io.uptake.warehouse.Marts;
import io.uptake.warehouse.RoiAssumptions;
import io.uptake.warehouse.Vocabulary;
import java.sql.Date;
import java.sql.Timestamp;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The ROI marts on an organisation of four people and three months, checked on paper.
 *
 * <p>The fixture, as of 2025-03-10:
 * <ul>
 * <li>costs: 2025-01 license 100 + implementation 1000; 2025-02 none; 2025-03 license 100 + support 50;
 *     2025-04 license 100 (after A's month).
 * <li>ann (40/month, since 2024-12-01): active 01-10, 01-20, 03-05. bob (30, since 2025-01-01): never active.
 *     cat (20, since 2025-02-20): active only on 03-11, after A. dan (50, 2024-11-01 to 2025-02-01, so not
 *     licensed on 02-01): never active. bot (integration, 100): web events, counts nowhere.
 * <li>assumptions: record_create 30, record_update 15, record_view 7.5, report_run 60 minutes (no login);
 *     hourly_rate 40; revenue_attribution 0.5; scenarios 0.5 / 1 / 2.5. Quarter hours keep every double exact.
 * <li>Opportunities: won 1000 closed 01-15; lost 500 closed 01-20; won 1200 closed 02-10; won 800 closed
 *     03-12 (after A); a Case with is_won (not an opportunity) 700 closed 01-05.
 * </ul>
 */
class RoiKpisTest {

    private static final LocalDate AS_OF = LocalDate.of(2025, 3, 10);

    /** Frames.USERS plus the licence cost that idle_seat_cost sums. */
    private static final StructType USERS_WITH_COST = USERS.add(Columns.LICENSE_MONTHLY_COST, DataTypes.DoubleType, true);

    private static final RoiAssumptions ASSUMPTIONS = new RoiAssumptions("USD", 40.0, 0.5,
            Map.of("record_create", 30.0, "record_update", 15.0, "record_view", 7.5, "report_run", 60.0),
            Map.of("low", 0.5, "base", 1.0, "high", 2.5));

    private static SparkSession spark;

    @BeforeAll
    static void startSpark() {
        spark = Frames.localSpark("RoiKpisTest");
    }

    // ---------------------------------------------------------------- roi_monthly

    @Test
    void roiMonthlyHasExactlyTheMartColumnsInOrder() {
        assertThat(fixtureMonthly().columns()).containsExactly(Columns.MONTH,
                "cost_license", "cost_implementation", "cost_training", "cost_support", "cost_customization",
                "cost_infrastructure", Marts.COST_TOTAL, Marts.IDLE_SEAT_COST, Marts.MAU, Marts.COST_PER_ACTIVE_USER,
                Marts.HOURS_SAVED, Marts.BENEFIT_TIME, Marts.WON_AMOUNT, Marts.BENEFIT_REVENUE, Marts.BENEFIT_TOTAL,
                Marts.CUM_COST, Marts.CUM_BENEFIT, Marts.ROI_CUM);
    }

    @Test
    void everyMonthFromTheFirstCostMonthToTheAsOfMonthHasARowAndAMonthWithoutCostsCostsZero() {
        List<Row> rows = fixtureMonthly().collectAsList();

        // 2025-04's costs are after A's month.
        assertThat(rows).extracting(r -> (String) r.getAs(Columns.MONTH)).containsExactly("2025-01", "2025-02", "2025-03");
        assertThat(costs(row(rows, "2025-01"))).containsExactly(100.0, 1000.0, 0.0, 0.0, 0.0, 0.0, 100.0 + 1000.0);
        assertThat(costs(row(rows, "2025-02"))).containsExactly(0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0);
        assertThat(costs(row(rows, "2025-03"))).containsExactly(100.0, 0.0, 0.0, 50.0, 0.0, 0.0, 100.0 + 50.0);
    }

    @Test
    void idleSeatsAreLicensedOnSomeDayOfTheMonthWithoutAnActiveDayInIt() {
        List<Row> rows = fixtureMonthly().collectAsList();

        // January: ann active; bob (licensed all month) and dan (deactivated 02-01) idle; cat not yet licensed.
        assertThat(seats(row(rows, "2025-01"))).isEqualTo(new Seats(30.0 + 50.0, 1, (100.0 + 1000.0) / 1));
        // February: nobody active; ann, bob and cat (licensed from 02-20 only) idle; dan left on 02-01.
        assertThat(seats(row(rows, "2025-02"))).isEqualTo(new Seats(40.0 + 30.0 + 20.0, 0, null));
        // March up to A (03-10): ann active on 03-05; bob idle; cat's only event is on 03-11, after A, so idle.
        assertThat(seats(row(rows, "2025-03"))).isEqualTo(new Seats(30.0 + 20.0, 1, (100.0 + 50.0) / 1));
    }

    @Test
    void hoursSavedUseTheMinutesOfEachEventTypeAndZeroForATypeWithoutAnAssumption() {
        List<Row> rows = fixtureMonthly().collectAsList();

        // January: ann's record_create 30 + record_update 15 + record_view 7.5 + login 0 minutes = 52.5;
        // the bot's record_update is not a person's.
        assertThat(time(row(rows, "2025-01"))).isEqualTo(new Time(52.5 / 60, 52.5 / 60 * 40.0));
        assertThat(time(row(rows, "2025-02"))).isEqualTo(new Time(0.0, 0.0));
        // March: ann's report_run 60 minutes; cat's record_create on 03-11 is after A.
        assertThat(time(row(rows, "2025-03"))).isEqualTo(new Time(60.0 / 60, 60.0 / 60 * 40.0));
    }

    @Test
    void wonOpportunitiesCountInTheirCloseMonthAndLostOnesDoNot() {
        List<Row> rows = fixtureMonthly().collectAsList();

        // January: the won 1000 only (the lost 500 and the won Case 700 do not count).
        assertThat(revenue(row(rows, "2025-01"))).isEqualTo(new Revenue(1000.0, 1000.0 * 0.5));
        assertThat(revenue(row(rows, "2025-02"))).isEqualTo(new Revenue(1200.0, 1200.0 * 0.5));
        // March: the won 800 closes on 03-12, after A.
        assertThat(revenue(row(rows, "2025-03"))).isEqualTo(new Revenue(0.0, 0.0));
    }

    @Test
    void cumulativeSumsRunFromTheFirstMonthAndRoiCumComparesThem() {
        List<Row> rows = fixtureMonthly().collectAsList();

        // benefit_total = benefit_time + benefit_revenue: 35 + 500, 0 + 600, 40 + 0
        assertThat(cumulative(row(rows, "2025-01")))
                .isEqualTo(new Cumulative(35.0 + 500.0, 1100.0, 535.0, (535.0 - 1100.0) / 1100.0));
        assertThat(cumulative(row(rows, "2025-02")))
                .isEqualTo(new Cumulative(0.0 + 600.0, 1100.0 + 0.0, 535.0 + 600.0, (1135.0 - 1100.0) / 1100.0));
        assertThat(cumulative(row(rows, "2025-03")))
                .isEqualTo(new Cumulative(40.0 + 0.0, 1100.0 + 150.0, 1135.0 + 40.0, (1175.0 - 1250.0) / 1250.0));
    }

    @Test
    void roiCumIsNullWhileNothingHasBeenSpent() {
        // a zero cost row opens the months; no events and no opportunities, so no benefit
        Dataset<Row> monthly = RoiKpis.roiMonthly(
                frame(COSTS, cost("2025-01", "support", 0.0), cost("2025-02", "support", 10.0)),
                humans(), activeUserDays(List.of()), activeEventCounts(List.of()), frame(RECORDS), ASSUMPTIONS,
                LocalDate.of(2025, 2, 28));
        List<Row> rows = monthly.collectAsList();

        assertThat(rows).hasSize(2);
        assertThat(cumulative(row(rows, "2025-01"))).isEqualTo(new Cumulative(0.0, 0.0, 0.0, null));
        assertThat(cumulative(row(rows, "2025-02"))).isEqualTo(new Cumulative(0.0, 10.0, 0.0, (0.0 - 10.0) / 10.0));
    }

    @Test
    void noMonthsWhenTheCostsStartAfterTheAsOfMonth() {
        Dataset<Row> monthly = RoiKpis.roiMonthly(frame(COSTS, cost("2025-04", "license", 100.0)), humans(),
                activeUserDays(List.of()), activeEventCounts(List.of()), frame(RECORDS), ASSUMPTIONS, AS_OF);

        assertThat(monthly.count()).isEqualTo(0);
    }

    // ---------------------------------------------------------------- roi_summary

    @Test
    void paybackMonthIsTheFirstMonthTheScenarioBenefitCoversTheCostAndNullWhenItNeverDoes() {
        List<Row> rows = RoiKpis.roiSummary(fixtureMonthly(), ASSUMPTIONS).collectAsList();

        assertThat(rows).extracting(r -> (String) r.getAs(Marts.SCENARIO)).containsExactly("low", "base", "high");
        // cum_cost 1100, 1100, 1250; cum_benefit 535, 1135, 1175.
        // low x0.5: 267.5, 567.5, 587.5 never reach the cost.
        assertThat(summary(rows, "low")).isEqualTo(new Summary(1250.0, 1175.0 * 0.5, (587.5 - 1250.0) / 1250.0, null));
        // base: 1135 >= 1100 in February (and March falls behind again: payback is the first month).
        assertThat(summary(rows, "base")).isEqualTo(new Summary(1250.0, 1175.0, (1175.0 - 1250.0) / 1250.0, "2025-02"));
        // high x2.5: 1337.5 >= 1100 in January.
        assertThat(summary(rows, "high"))
                .isEqualTo(new Summary(1250.0, 1175.0 * 2.5, (2937.5 - 1250.0) / 1250.0, "2025-01"));
    }

    @Test
    void summaryOfAMartWithoutMonthsHasThreeScenariosWithoutRatios() {
        Dataset<Row> empty = RoiKpis.roiMonthly(frame(COSTS), humans(), activeUserDays(List.of()),
                activeEventCounts(List.of()), frame(RECORDS), ASSUMPTIONS, AS_OF);

        List<Row> rows = RoiKpis.roiSummary(empty, ASSUMPTIONS).collectAsList();

        assertThat(rows).hasSize(3);
        for (String scenario : Marts.SCENARIOS) {
            assertThat(summary(rows, scenario)).as(scenario).isEqualTo(new Summary(0.0, 0.0, null, null));
        }
    }

    // ---------------------------------------------------------------- currencies

    @Test
    void currenciesListEachCurrencyWithItsSortedMonths() {
        Dataset<Row> costs = frame(COSTS,
                cost("2025-12", "license", 1.0, "EUR"),
                cost("2025-11", "license", 1.0, "USD"),
                cost("2025-10", "license", 1.0, "USD"),
                cost("2025-10", "support", 1.0, "USD"));

        List<Row> rows = RoiKpis.currencies(costs).collectAsList();

        assertThat(rows).extracting(r -> r.getAs(Columns.CURRENCY) + " " + r.getList(r.fieldIndex(RoiKpis.MONTHS)))
                .containsExactly("USD [2025-10, 2025-11]", "EUR [2025-12]");
        assertThatThrownBy(() -> RoiKpis.requireOneCurrency(rows))
                .isInstanceOf(JobException.class)
                .hasMessage("Costs in more than one currency: USD in 2025-10, 2025-11; EUR in 2025-12."
                        + " Convert them to one currency in costs.csv");
    }

    @Test
    void mixedCurrencyMessageNamesCurrenciesInTheOrderOfTheirFirstMonth() {
        Map<String, List<String>> monthsByCurrency = new LinkedHashMap<>();
        monthsByCurrency.put("EUR", List.of("2025-12"));
        monthsByCurrency.put("USD", List.of("2025-11", "2025-10"));
        monthsByCurrency.put("GBP", List.of("2025-10"));

        // GBP and USD both start in 2025-10: then by name
        assertThat(RoiKpis.mixedCurrenciesMessage(monthsByCurrency))
                .isEqualTo("Costs in more than one currency: GBP in 2025-10; USD in 2025-10, 2025-11; EUR in 2025-12."
                        + " Convert them to one currency in costs.csv");
    }

    @Test
    void oneCurrencyPassesTheCheck() {
        List<Row> rows = RoiKpis.currencies(frame(COSTS, cost("2025-10", "license", 1.0), cost("2025-11", "support", 2.0)))
                .collectAsList();

        assertThat(rows).hasSize(1);
        RoiKpis.requireOneCurrency(rows);
        RoiKpis.requireOneCurrency(List.of());
    }

    // ---------------------------------------------------------------- the fixture

    private static Dataset<Row> fixtureMonthly() {
        Dataset<Row> costs = frame(COSTS,
                cost("2025-01", "license", 100.0),
                cost("2025-01", "implementation", 1000.0),
                cost("2025-03", "license", 100.0),
                cost("2025-03", "support", 50.0),
                cost("2025-04", "license", 100.0));
        List<Row> events = List.of(
                active("ann", "2025-01-10", "record_create"),
                active("ann", "2025-01-10", "record_update"),
                active("ann", "2025-01-20", "record_view"),
                active("ann", "2025-01-20", "login"),
                active("bot", "2025-01-10", "record_update"),
                active("ann", "2025-03-05", "report_run"),
                active("cat", "2025-03-11", "record_create"));
        Dataset<Row> records = frame(RECORDS,
                opportunity("o1", true, 1000.0, "2025-01-15"),
                opportunity("o2", false, 500.0, "2025-01-20"),
                opportunity("o3", true, 1200.0, "2025-02-10"),
                opportunity("o4", true, 800.0, "2025-03-12"),
                record("Case", "c1", true, 700.0, "2025-01-05"));
        return RoiKpis.roiMonthly(costs, humans(), activeUserDays(events), activeEventCounts(events), records,
                ASSUMPTIONS, AS_OF);
    }

    private static Dataset<Row> humans() {
        return KpiConventions.humans(frame(USERS_WITH_COST,
                user("ann", "2024-12-01", null, 40.0),
                user("bob", "2025-01-01", null, 30.0),
                user("cat", "2025-02-20", null, 20.0),
                user("dan", "2024-11-01", "2025-02-01", 50.0),
                RowFactory.create("bot", "Name bot", "Sales", Vocabulary.LICENSE_INTEGRATION,
                        Date.valueOf("2024-11-01"), null, "wave-1", 100.0)));
    }

    /** activeUserDays as the job builds it, from the same (all successful web) events. */
    private static Dataset<Row> activeUserDays(List<Row> activeEvents) {
        return UserDayActivity.activeUserDays(UserDayActivity.activeUserDayModules(userDays(activeEvents), humans(), AS_OF));
    }

    /** What the job passes as activeEvents: the active events of human users counted per user, day and type. */
    private static Dataset<Row> activeEventCounts(List<Row> activeEvents) {
        return UserDayActivity.activeEventCounts(userDays(activeEvents), humans(), AS_OF);
    }

    private static Dataset<Row> userDays(List<Row> activeEvents) {
        List<Row> events = new ArrayList<>();
        for (Row e : activeEvents) {
            events.add(RowFactory.create(e.get(0), e.get(1), e.get(2), "sales", "web", Vocabulary.STATUS_SUCCESS));
        }
        return UserDayActivity.aggregate(frame(EVENTS, events));
    }

    // ---------------------------------------------------------------- rows in, values out

    private static Dataset<Row> frame(StructType schema, Row... rows) {
        return spark.createDataFrame(List.of(rows), schema);
    }

    private static Dataset<Row> frame(StructType schema, List<Row> rows) {
        return spark.createDataFrame(rows, schema);
    }

    private static Row cost(String month, String category, double amount) {
        return cost(month, category, amount, "USD");
    }

    private static Row cost(String month, String category, double amount, String currency) {
        return RowFactory.create(month, category, amount, currency);
    }

    private static Row user(String key, String activatedAt, String deactivatedAt, double monthlyCost) {
        return RowFactory.create(key, "Name " + key, "Sales", "full", Date.valueOf(activatedAt),
                deactivatedAt == null ? null : Date.valueOf(deactivatedAt), "wave-1", monthlyCost);
    }

    private static Row active(String key, String date, String eventType) {
        return RowFactory.create(key, Date.valueOf(date), eventType);
    }

    private static Row opportunity(String id, boolean won, double amount, String closeDate) {
        return record("Opportunity", id, won, amount, closeDate);
    }

    private static Row record(String objectType, String id, boolean won, double amount, String closeDate) {
        Timestamp created = Timestamp.valueOf("2024-12-01 09:00:00");
        return RowFactory.create(objectType, id, "ann", created, created, 4, 4, id, true, won, amount,
                Date.valueOf(closeDate), "crm");
    }

    private record Seats(double idleSeatCost, long mau, Double costPerActiveUser) {}

    private record Time(double hoursSaved, double benefitTime) {}

    private record Revenue(double wonAmount, double benefitRevenue) {}

    private record Cumulative(double benefitTotal, double cumCost, double cumBenefit, Double roiCum) {}

    private record Summary(double costToDate, double benefitToDate, Double roiToDate, String paybackMonth) {}

    private static Row row(List<Row> rows, String month) {
        List<Row> matches = rows.stream().filter(r -> month.equals(r.getAs(Columns.MONTH))).toList();
        assertThat(matches).as("rows for " + month).hasSize(1);
        return matches.get(0);
    }

    /** cost_&lt;category&gt; in Marts.COST_CATEGORIES order, then cost_total. */
    private static List<Double> costs(Row r) {
        List<Double> costs = new ArrayList<>();
        Marts.COST_CATEGORIES.forEach(c -> costs.add(r.getAs(RoiKpis.costColumn(c))));
        costs.add(r.getAs(Marts.COST_TOTAL));
        return costs;
    }

    private static Seats seats(Row r) {
        return new Seats(r.getAs(Marts.IDLE_SEAT_COST), r.getAs(Marts.MAU), r.getAs(Marts.COST_PER_ACTIVE_USER));
    }

    private static Time time(Row r) {
        return new Time(r.getAs(Marts.HOURS_SAVED), r.getAs(Marts.BENEFIT_TIME));
    }

    private static Revenue revenue(Row r) {
        return new Revenue(r.getAs(Marts.WON_AMOUNT), r.getAs(Marts.BENEFIT_REVENUE));
    }

    private static Cumulative cumulative(Row r) {
        return new Cumulative(r.getAs(Marts.BENEFIT_TOTAL), r.getAs(Marts.CUM_COST), r.getAs(Marts.CUM_BENEFIT),
                r.getAs(Marts.ROI_CUM));
    }

    private static Summary summary(List<Row> rows, String scenario) {
        List<Row> matches = rows.stream().filter(r -> scenario.equals(r.getAs(Marts.SCENARIO))).toList();
        assertThat(matches).as("rows for " + scenario).hasSize(1);
        Row r = matches.get(0);
        return new Summary(r.getAs(Marts.COST_TO_DATE), r.getAs(Marts.BENEFIT_TO_DATE), r.getAs(Marts.ROI_TO_DATE),
                r.getAs(Marts.PAYBACK_MONTH));
    }
}
