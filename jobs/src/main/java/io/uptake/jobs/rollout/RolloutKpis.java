package io.uptake.jobs.rollout;

import static io.uptake.jobs.Figures.flag;
import static io.uptake.jobs.Figures.ratio;
import static io.uptake.jobs.KpiConventions.licensedOn;
import static org.apache.spark.sql.functions.abs;
import static org.apache.spark.sql.functions.array_contains;
import static org.apache.spark.sql.functions.array_join;
import static org.apache.spark.sql.functions.array_sort;
import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.collect_set;
import static org.apache.spark.sql.functions.concat;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.datediff;
import static org.apache.spark.sql.functions.explode;
import static org.apache.spark.sql.functions.expr;
import static org.apache.spark.sql.functions.greatest;
import static org.apache.spark.sql.functions.least;
import static org.apache.spark.sql.functions.length;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.max;
import static org.apache.spark.sql.functions.min;
import static org.apache.spark.sql.functions.not;
import static org.apache.spark.sql.functions.sequence;
import static org.apache.spark.sql.functions.substring;
import static org.apache.spark.sql.functions.sum;
import static org.apache.spark.sql.functions.when;

import io.uptake.jobs.KpiConventions;
import io.uptake.jobs.adoption.AdoptionKpis;
import io.uptake.jobs.activity.UserDayActivity;
import io.uptake.warehouse.Columns;
import io.uptake.warehouse.Marts;
import io.uptake.warehouse.Vocabulary;
import java.sql.Date;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/** The rollout and goals marts of KPIS.md: rollout_curve, wave_summary, goals_status, manager_support. */
public final class RolloutKpis {

    /** The KPIs a goal may track, in the order KPIS.md lists them. */
    public static final List<String> GOAL_KPIS = List.of(Marts.ADOPTION_RATE, Marts.STICKINESS, Marts.STALE_SHARE_30D,
            Marts.COMPLETENESS_AVG, Marts.DUPLICATE_RATE, Marts.TRAINED_SHARE, Marts.ROI_CUM);
    /** Goal KPIs where lower is better; every other goal KPI is higher-is-better. */
    public static final List<String> LOWER_IS_BETTER = List.of(Marts.STALE_SHARE_30D, Marts.DUPLICATE_RATE);
    /** The event types that count as a manager looking at analytics. */
    public static final List<String> ANALYTICS_VIEW_TYPES = List.of("report_run", "dashboard_view");

    /** Goal scope of the whole organisation, and the prefixes of team and wave scopes. */
    public static final String SCOPE_ALL = "all";
    public static final String SCOPE_TEAM = "team:";
    public static final String SCOPE_WAVE = "wave:";

    /** Share of |target - baseline| by which a goal may trail its expected value and still be amber. */
    private static final double AMBER_TOLERANCE = 0.1;
    /** Status boundaries are inclusive; this absorbs the rounding of doubles such as 0.4 - 0.36 vs 0.04. */
    private static final double EPSILON = 1e-9;

    private static final String LICENSED = "licensed";
    private static final String ACTIVE = "active";
    private static final String KNOWN_TEAMS = "known_teams";
    private static final String KNOWN_WAVES = "known_waves";
    private static final String VALUE = "value";

    private RolloutKpis() {}

    /**
     * {@code rollout_curve}: per (wave, day) for day = 0 .. asOf - go_live_date of each wave of
     * {@code waves}; a wave whose go-live is after asOf has no rows. date = go_live_date + day;
     * licensed_users: the wave's human users licensed on date; mau: of them, those with an active day
     * in [date-27, date] (activity before go-live, e.g. in a pilot, counts); adoption_rate =
     * mau / licensed_users, null when nobody is licensed.
     *
     * <p>Reads people ({@link io.uptake.jobs.activity.ActivityBits#people}: wave, activated_at,
     * deactivated_at and their active days from {@code origin}) and waves (wave, go_live_date).
     */
    public static Dataset<Row> rolloutCurve(Dataset<Row> people, Dataset<Row> waves, LocalDate origin, LocalDate asOf) {
        return rolloutCurve(people, waves, origin, LocalDate.of(1, 1, 1), asOf);
    }

    /** The rows of {@code rollout_curve} dated from {@code from} on only, as {@link #rolloutCurve} gives them. */
    public static Dataset<Row> rolloutCurve(Dataset<Row> people, Dataset<Row> waves, LocalDate origin, LocalDate from,
                                            LocalDate asOf) {
        Column goLive = col(Columns.GO_LIVE_DATE);
        Dataset<Row> live = waves.filter(goLive.leq(lit(asOf)));
        Dataset<Row> waveDays = live
                .select(col(Columns.WAVE), goLive, explode(sequence(goLive, lit(asOf), expr("interval 1 day"))).as(Marts.DATE))
                .withColumn(Marts.DAY, datediff(col(Marts.DATE), goLive))
                .filter(col(Marts.DATE).geq(lit(from)));
        Date firstGoLive = live.agg(min(goLive)).first().getDate(0);
        LocalDate first = firstGoLive == null ? asOf.plusDays(1) : firstGoLive.toLocalDate();
        Dataset<Row> counts = AdoptionKpis.dailyCounts(people, Columns.WAVE, new Wave(), origin,
                first.isBefore(from) ? from : first, asOf);
        // left join: a live wave without users still has its days, with nobody licensed
        return waveDays
                .join(counts, new String[] {Columns.WAVE, Marts.DATE}, "left")
                .select(col(Columns.WAVE), col(Marts.DAY), col(Marts.DATE),
                        coalesce(col(Marts.LICENSED_USERS), lit(0L)).as(Marts.LICENSED_USERS),
                        coalesce(col(Marts.MAU), lit(0L)).as(Marts.MAU),
                        ratio(col(Marts.MAU), col(Marts.LICENSED_USERS)).as(Marts.ADOPTION_RATE));
    }

    /** A person's wave, if they have one. */
    private static final class Wave implements AdoptionKpis.Groups {
        @Override
        public List<String> of(Row person) {
            String wave = person.getAs(Columns.WAVE);
            return wave == null ? List.of() : List.of(wave);
        }
    }

    /**
     * {@code wave_summary}: one row per wave of {@code waves}, live or not. users: the wave's human
     * users licensed on asOf (the denominator of adoption_rate_now); days_to_50pct / days_to_80pct:
     * the first day of the rollout curve with adoption_rate >= 0.5 / 0.8, null if not reached yet;
     * adoption_rate_now: the curve's adoption_rate on asOf, null for a wave not live yet.
     *
     * <p>Reads rolloutCurve (wave, day, date, adoption_rate), waves (wave, go_live_date) and humans
     * (wave, activated_at, deactivated_at).
     */
    public static Dataset<Row> waveSummary(Dataset<Row> rolloutCurve, Dataset<Row> waves, Dataset<Row> humans,
                                           LocalDate asOf) {
        Column rate = col(Marts.ADOPTION_RATE);
        Dataset<Row> reached = rolloutCurve
                .groupBy(Columns.WAVE)
                .agg(min(when(rate.geq(lit(0.5)), col(Marts.DAY))).as(Marts.DAYS_TO_50PCT),
                        min(when(rate.geq(lit(0.8)), col(Marts.DAY))).as(Marts.DAYS_TO_80PCT),
                        max(when(col(Marts.DATE).equalTo(lit(asOf)), rate)).as(Marts.ADOPTION_RATE_NOW));
        Dataset<Row> users = humans
                .filter(licensedOn(lit(asOf)))
                .groupBy(Columns.WAVE)
                .agg(count(lit(1)).as(Marts.USERS));
        return waves.select(Columns.WAVE, Columns.GO_LIVE_DATE)
                .join(users, new String[] {Columns.WAVE}, "left")
                .join(reached, new String[] {Columns.WAVE}, "left")
                .select(col(Columns.WAVE), col(Columns.GO_LIVE_DATE), coalesce(col(Marts.USERS), lit(0L)).as(Marts.USERS),
                        col(Marts.DAYS_TO_50PCT), col(Marts.DAYS_TO_80PCT), col(Marts.ADOPTION_RATE_NOW));
    }

    /**
     * {@code goals_status}: one row per goal, with the goal's own columns plus:
     * <ul>
     *   <li>current: the goal's KPI for its scope on asOf. adoption_rate, stickiness: adoption_daily on
     *   asOf (scope {@code all} is team {@code __all__}). stale_share_30d, completeness_avg,
     *   duplicate_rate: {@link io.uptake.jobs.freshness.FreshnessKpis#recordTotals}, record_freshness
     *   summed over object types (from summed numerators and denominators, never a mean of ratios).
     *   trained_share: {@link io.uptake.jobs.training.TrainingKpis#trainedShare}, the share of licensed
     *   people trained in any module. roi_cum: roi_monthly in asOf's month, scope {@code all} only. A
     *   wave scope supports adoption_rate only: wave_summary's adoption_rate_now.</li>
     *   <li>expected = baseline + (target - baseline) * elapsed, elapsed = (asOf - start_date) /
     *   (due_date - start_date) clamped to [0, 1] (a goal with due_date = start_date is 0 before it, 1 on
     *   and after it).</li>
     *   <li>status: {@code done} when current has reached target, else {@code green} when current is at or
     *   beyond expected, {@code amber} when it falls short of expected by at most 10% of
     *   |target - baseline|, else {@code red}. Lower is better for stale_share_30d and duplicate_rate.
     *   KPIS.md lists completeness_avg among the lower-is-better KPIs too; a completeness falling
     *   towards 0 is no improvement, so we read that as a slip and treat completeness_avg as
     *   higher-is-better, like adoption_rate, stickiness, trained_share and roi_cum.</li>
     *   <li>problem: null, or a sentence saying why the goal cannot be evaluated (an unknown KPI, scope,
     *   team or wave, a KPI the scope does not support, a KPI whose input was not loaded
     *   ({@code unavailable}: KPI to the reason), or no value on asOf); such a goal has current
     *   and status null, so one bad goal never stops the mart.</li>
     * </ul>
     * Known teams are those of adoption_daily on asOf; known waves those of wave_summary.
     *
     * <p>Reads goals (kpi, scope, baseline, target, start_date, due_date and any other columns),
     * adoptionDaily (date, team, adoption_rate, stickiness), records (team, stale_share_30d,
     * completeness_avg, duplicate_rate), training (team, trained_share), roiMonthly (month as yyyy-MM or a date, roi_cum), waveSummary (wave,
     * adoption_rate_now).
     */
    public static Dataset<Row> goalsStatus(Dataset<Row> goals, Dataset<Row> adoptionDaily, Dataset<Row> records,
                                           Dataset<Row> training, Dataset<Row> roiMonthly, Dataset<Row> waveSummary,
                                           Map<String, String> unavailable, LocalDate asOf) {
        Dataset<Row> adoptionNow = adoptionDaily.filter(col(Marts.DATE).equalTo(lit(asOf)));
        // roi_monthly's month is compared by its first 7 characters, so "2025-03" and 2025-03-01 both match.
        Dataset<Row> roiNow = roiMonthly
                .filter(substring(col(Columns.MONTH).cast("string"), 1, 7).equalTo(lit(YearMonth.from(asOf).toString())));
        Column waveScope = concat(lit(SCOPE_WAVE), col(Columns.WAVE));
        Dataset<Row> values = teamValue(adoptionNow, Marts.ADOPTION_RATE)
                .unionByName(teamValue(adoptionNow, Marts.STICKINESS))
                .unionByName(teamValue(records, Marts.STALE_SHARE_30D))
                .unionByName(teamValue(records, Marts.COMPLETENESS_AVG))
                .unionByName(teamValue(records, Marts.DUPLICATE_RATE))
                .unionByName(teamValue(training, Marts.TRAINED_SHARE))
                .unionByName(roiNow.select(lit(Marts.ROI_CUM).as(Columns.KPI), lit(SCOPE_ALL).as(Columns.SCOPE),
                        col(Marts.ROI_CUM).cast("double").as(VALUE)))
                .unionByName(waveSummary.select(lit(Marts.ADOPTION_RATE).as(Columns.KPI), waveScope.as(Columns.SCOPE),
                        col(Marts.ADOPTION_RATE_NOW).cast("double").as(VALUE)));
        Dataset<Row> known = adoptionNow
                .filter(col(Columns.TEAM).notEqual(lit(Vocabulary.ALL_TEAMS)))
                .agg(array_sort(collect_set(col(Columns.TEAM))).as(KNOWN_TEAMS))
                .crossJoin(waveSummary.agg(array_sort(collect_set(col(Columns.WAVE))).as(KNOWN_WAVES)));

        Column kpi = col(Columns.KPI);
        Column scope = col(Columns.SCOPE);
        Column name = scope.substr(lit(SCOPE_TEAM.length() + 1), length(scope));
        Column isAll = scope.equalTo(lit(SCOPE_ALL));
        Column isTeam = scope.startsWith(SCOPE_TEAM).and(length(scope).gt(SCOPE_TEAM.length()));
        Column isWave = scope.startsWith(SCOPE_WAVE).and(length(scope).gt(SCOPE_WAVE.length()));
        Column problem = when(not(coalesce(kpi.isin(GOAL_KPIS.toArray()), lit(false))),
                        concat(lit("unknown KPI '"), kpi, lit("': expected one of " + String.join(", ", GOAL_KPIS))))
                .when(not(coalesce(isAll.or(isTeam).or(isWave), lit(false))),
                        concat(lit("unknown scope '"), scope, lit("': expected all, team:<name> or wave:<name>")))
                .when(isTeam.and(not(array_contains(col(KNOWN_TEAMS), name))),
                        concat(lit("unknown team '"), name, lit("' in scope '"), scope, lit("': expected one of "),
                                array_join(col(KNOWN_TEAMS), ", ")))
                .when(isWave.and(not(array_contains(col(KNOWN_WAVES), name))),
                        concat(lit("unknown wave '"), name, lit("' in scope '"), scope, lit("': expected one of "),
                                array_join(col(KNOWN_WAVES), ", ")))
                .when(kpi.equalTo(lit(Marts.ROI_CUM)).and(not(isAll)),
                        concat(lit("KPI 'roi_cum' is organisation-wide only: use scope 'all', not '"), scope, lit("'")))
                .when(isWave.and(kpi.notEqual(lit(Marts.ADOPTION_RATE))),
                        concat(lit("KPI '"), kpi, lit("' is not available for a wave scope ('"), scope,
                                lit("'): wave goals support adoption_rate only")))
                .when(unavailableReason(kpi, unavailable).isNotNull(), concat(lit("no value of '"), kpi,
                        lit("': "), unavailableReason(kpi, unavailable)))
                .when(col(VALUE).isNull(),
                        concat(lit("no value of '"), kpi, lit("' for scope '"), scope, lit("' on " + asOf
                                + ": nobody in its denominator, no data, or a wave not live yet")));

        Column direction = when(kpi.isin(LOWER_IS_BETTER.toArray()), lit(-1.0)).otherwise(lit(1.0));
        Column baseline = col(Columns.BASELINE);
        Column target = col(Columns.TARGET);
        Column span = datediff(col(Columns.DUE_DATE), col(Columns.START_DATE));
        Column passed = datediff(lit(asOf), col(Columns.START_DATE));
        Column elapsed = when(span.leq(lit(0)), when(lit(asOf).geq(col(Columns.DUE_DATE)), lit(1.0)).otherwise(lit(0.0)))
                .otherwise(least(lit(1.0), greatest(lit(0.0), passed.cast("double").divide(span))));
        Column current = col(Marts.CURRENT);
        Column expected = col(Marts.EXPECTED);
        Column status = when(col(Marts.PROBLEM).isNotNull(), lit(null).cast("string"))
                .when(direction.multiply(current.minus(target)).geq(lit(-EPSILON)), lit(Marts.GOAL_DONE))
                .when(direction.multiply(current.minus(expected)).geq(lit(-EPSILON)), lit(Marts.GOAL_GREEN))
                .when(direction.multiply(expected.minus(current))
                        .leq(abs(target.minus(baseline)).multiply(lit(AMBER_TOLERANCE)).plus(lit(EPSILON))), lit(Marts.GOAL_AMBER))
                .otherwise(lit(Marts.GOAL_RED));

        List<Column> out = new ArrayList<>();
        Arrays.stream(goals.columns()).map(c -> col(c)).forEach(out::add);
        out.add(current);
        out.add(expected);
        out.add(status.as(Marts.GOAL_STATUS));
        out.add(col(Marts.PROBLEM));
        return goals
                .crossJoin(known)
                .join(values, new String[] {Columns.KPI, Columns.SCOPE}, "left")
                .withColumn(Marts.PROBLEM, problem)
                .withColumn(Marts.CURRENT, when(col(Marts.PROBLEM).isNull(), col(VALUE)))
                .withColumn(Marts.EXPECTED, baseline.plus(target.minus(baseline).multiply(elapsed)))
                .select(out.toArray(Column[]::new));
    }

    /**
     * {@code manager_support}: one row per manager, i.e. per {@code users.manager_key} that is the
     * user_key of a row of {@code users}. own_analytics_views_28d: the manager's report_run and
     * dashboard_view events in [asOf-27, asOf], whatever their client and status, as KPIS.md counts them.
     * team_adoption_rate = MAU / licensed among the manager's direct human reports: licensed on asOf,
     * and of them, active in [asOf-27, asOf]; null when no direct report is licensed.
     *
     * <p>Reads users (user_key, display_name, team, manager_key), humans (user_key, manager_key,
     * activated_at, deactivated_at), the {@link UserDayActivity#aggregate user-day table} and
     * activeUserDays (user_key, date).
     */
    public static Dataset<Row> managerSupport(Dataset<Row> users, Dataset<Row> humans, Dataset<Row> userDays,
                                              Dataset<Row> activeUserDays, LocalDate asOf) {
        LocalDate from = KpiConventions.windowStart(asOf);
        Dataset<Row> managers = users
                .select(col(Columns.MANAGER_KEY).as(Columns.USER_KEY))
                .filter(col(Columns.USER_KEY).isNotNull())
                .distinct()
                .join(users.select(Columns.USER_KEY, Columns.DISPLAY_NAME, Columns.TEAM), Columns.USER_KEY)
                .withColumnRenamed(Columns.USER_KEY, Columns.MANAGER_KEY);
        Dataset<Row> views = userDays
                .filter(col(Columns.EVENT_TYPE).isin(ANALYTICS_VIEW_TYPES.toArray())
                        .and(col(Columns.EVENT_DATE).between(lit(from), lit(asOf))))
                .groupBy(col(Columns.USER_KEY).as(Columns.MANAGER_KEY))
                .agg(sum(UserDayActivity.EVENTS).as(Marts.OWN_ANALYTICS_VIEWS_28D));
        Dataset<Row> activeRecently = activeUserDays
                .filter(col(Marts.DATE).between(lit(from), lit(asOf)))
                .select(Columns.USER_KEY).distinct()
                .withColumn(ACTIVE, lit(true));
        Column licensed = coalesce(licensedOn(lit(asOf)), lit(false));
        Dataset<Row> reports = humans
                .filter(col(Columns.MANAGER_KEY).isNotNull())
                .withColumn(LICENSED, licensed)
                .join(activeRecently, new String[] {Columns.USER_KEY}, "left")
                .groupBy(Columns.MANAGER_KEY)
                .agg(sum(flag(col(LICENSED))).as(Marts.LICENSED_USERS),
                        sum(flag(col(LICENSED).and(coalesce(col(ACTIVE), lit(false))))).as(Marts.MAU));
        return managers
                .join(views, new String[] {Columns.MANAGER_KEY}, "left")
                .join(reports, new String[] {Columns.MANAGER_KEY}, "left")
                .select(col(Columns.MANAGER_KEY), col(Columns.DISPLAY_NAME), col(Columns.TEAM),
                        coalesce(col(Marts.OWN_ANALYTICS_VIEWS_28D), lit(0L)).as(Marts.OWN_ANALYTICS_VIEWS_28D),
                        ratio(col(Marts.MAU), col(Marts.LICENSED_USERS)).as(Marts.TEAM_ADOPTION_RATE));
    }

    /** The reason a KPI has no input, or null. */
    private static Column unavailableReason(Column kpi, Map<String, String> unavailable) {
        Column reason = lit(null).cast("string");
        for (Map.Entry<String, String> e : unavailable.entrySet()) {
            reason = when(kpi.equalTo(lit(e.getKey())), lit(e.getValue())).otherwise(reason);
        }
        return reason;
    }

    /** (kpi, scope, value) rows of a per-team frame: team __all__ becomes scope all, team X scope team:X. */
    private static Dataset<Row> teamValue(Dataset<Row> perTeam, String kpi) {
        Column scope = when(col(Columns.TEAM).equalTo(lit(Vocabulary.ALL_TEAMS)), lit(SCOPE_ALL))
                .otherwise(concat(lit(SCOPE_TEAM), col(Columns.TEAM)));
        return perTeam.select(lit(kpi).as(Columns.KPI), scope.as(Columns.SCOPE), col(kpi).cast("double").as(VALUE));
    }
}
