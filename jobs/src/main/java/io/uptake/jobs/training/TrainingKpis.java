package io.uptake.jobs.training;

import static io.uptake.jobs.KpiConventions.windowStart;
import static io.uptake.jobs.KpiConventions.WINDOW_DAYS;
import static io.uptake.jobs.Figures.flag;
import static io.uptake.jobs.Figures.ratio;
import static io.uptake.jobs.KpiConventions.licensedOn;
import static org.apache.spark.sql.functions.array;
import static org.apache.spark.sql.functions.avg;
import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.countDistinct;
import static org.apache.spark.sql.functions.date_add;
import static org.apache.spark.sql.functions.date_sub;
import static org.apache.spark.sql.functions.explode;
import static org.apache.spark.sql.functions.filter;
import static org.apache.spark.sql.functions.format_string;
import static org.apache.spark.sql.functions.greatest;
import static org.apache.spark.sql.functions.least;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.min;
import static org.apache.spark.sql.functions.negate;
import static org.apache.spark.sql.functions.not;
import static org.apache.spark.sql.functions.round;
import static org.apache.spark.sql.functions.row_number;
import static org.apache.spark.sql.functions.sort_array;
import static org.apache.spark.sql.functions.struct;
import static org.apache.spark.sql.functions.sum;
import static org.apache.spark.sql.functions.transform;
import static org.apache.spark.sql.functions.when;

import io.uptake.jobs.KpiConventions;
import io.uptake.jobs.activity.UserDayActivity;
import io.uptake.warehouse.Columns;
import io.uptake.warehouse.Marts;
import io.uptake.warehouse.Vocabulary;
import java.time.LocalDate;
import java.util.List;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.expressions.Window;

/**
 * The training marts of KPIS.md ("Training gap"): where teams are untrained, which teams need a trainer
 * first and why, and whether a course changed how much people use its module. Pure functions of the
 * shared user-day activity and the warehouse tables; the job reads and writes.
 */
public final class TrainingKpis {

    /** Event types that mean "looked for help" (KPIS.md help_per_active_user). */
    static final List<String> HELP_EVENT_TYPES = List.of("help_view", "knowledge_view");

    /** Weights of the teams_needing_help score; they sum to 1 so the score stays in [0, 100]. */
    static final double WEIGHT_UNTRAINED = 0.35;
    static final double WEIGHT_ERRORS = 0.25;
    static final double WEIGHT_HELP = 0.15;
    static final double WEIGHT_ADOPTION = 0.25;
    /** An error rate this far (a share: 0.10 = 10 percentage points) above the organisation's gets full weight. */
    static final double FULL_ERROR_EXCESS = 0.10;
    /** Help views per active user at this many times the organisation's get full weight. */
    static final double FULL_HELP_RATIO = 3.0;
    /** A component is given as a reason when it adds at least this many points to the score. */
    static final double REASON_POINTS = 1.0;

    private static final String LICENSED = "licensed";
    private static final String TRAINED = "trained";
    private static final String ACTIVE = "active";
    private static final String ALL_EVENTS = "all_events";
    private static final String FAILURES = "failures";
    private static final String HELP_EVENTS = "help_events";
    private static final String COMPLETED = "first_completed";
    private static final String BEFORE = "active_days_before";
    private static final String AFTER = "active_days_after";
    private static final String ORG = "org_";

    private TrainingKpis() {}

    /**
     * {@code training_gap} at {@code asOf} = A: one row per (team, module) for every module of
     * {@link Vocabulary#MODULES}, plus team {@code __all__}, over the human users licensed on A.
     * <ul>
     *   <li>licensed_users: users licensed on A;</li>
     *   <li>trained_users: of them, with a training record in the module completed on or before A;</li>
     *   <li>active_users: of them, with an active event in the module in [A-27, A];</li>
     *   <li>trained_not_using: trained and not active; using_untrained: active and not trained;</li>
     *   <li>trained_share = trained_users / licensed_users; using_share = active_users / licensed_users;</li>
     *   <li>error_rate = failure events / all events in the module in [A-27, A] by the licensed users,
     *       whatever the client: KPIS.md counts every event, so a failing script a person runs under their
     *       own login shows here too;</li>
     *   <li>help_per_active_user = {@code help_view} + {@code knowledge_view} events in the module in
     *       [A-27, A] by the licensed users, whatever their status or client, / active_users.</li>
     * </ul>
     * A user deactivated before or on A is in no numerator and no denominator, events included. Ratios
     * with a zero denominator are null.
     *
     * @param humans               {@link io.uptake.jobs.activity.UserDayActivity#humans}: user_key, team,
     *                             activated_at, deactivated_at
     * @param userDays             {@link io.uptake.jobs.activity.UserDayActivity#aggregate the user-day table}
     * @param activeUserDayModules {@link io.uptake.jobs.activity.UserDayActivity#activeUserDayModules}:
     *                             user_key, date, module
     * @param training             training: user_key, module, completed_at
     */
    public static Dataset<Row> trainingGap(Dataset<Row> humans, Dataset<Row> userDays, Dataset<Row> activeUserDayModules,
                                           Dataset<Row> training, LocalDate asOf) {
        Column inWindow = lit(windowStart(asOf));
        String[] userModule = {Columns.USER_KEY, Columns.MODULE};
        Dataset<Row> trained = trainedPairs(training, asOf);
        Dataset<Row> active = activePairs(activeUserDayModules, asOf);
        Dataset<Row> eventCounts = userDays
                .filter(col(Columns.EVENT_DATE).between(inWindow, lit(asOf)))
                .groupBy(Columns.USER_KEY, Columns.MODULE)
                .agg(sum(UserDayActivity.EVENTS).as(ALL_EVENTS),
                        sum(UserDayActivity.FAILURES).as(FAILURES),
                        sum(when(col(Columns.EVENT_TYPE).isin(HELP_EVENT_TYPES.toArray()), col(UserDayActivity.EVENTS))
                                .otherwise(lit(0L))).as(HELP_EVENTS));
        Column[] modules = Vocabulary.MODULES.stream().map(m -> lit(m)).toArray(Column[]::new);
        Column licensed = col(LICENSED);
        Column isTrained = coalesce(col(TRAINED), lit(false));
        Column isActive = coalesce(col(ACTIVE), lit(false));
        return humans
                .withColumn(LICENSED, licensedOn(lit(asOf)))
                .select(col(Columns.USER_KEY), col(Columns.TEAM), col(LICENSED), explode(array(modules)).as(Columns.MODULE))
                .join(trained, userModule, "left")
                .join(active, userModule, "left")
                .join(eventCounts, userModule, "left")
                .select(
                        explode(array(col(Columns.TEAM), lit(Vocabulary.ALL_TEAMS))).as(Columns.TEAM),
                        col(Columns.MODULE),
                        flag(licensed).as(Marts.LICENSED_USERS),
                        flag(licensed.and(isTrained)).as(Marts.TRAINED_USERS),
                        flag(licensed.and(isActive)).as(Marts.ACTIVE_USERS),
                        flag(licensed.and(isTrained).and(isActive.equalTo(lit(false)))).as(Marts.TRAINED_NOT_USING),
                        flag(licensed.and(isActive).and(isTrained.equalTo(lit(false)))).as(Marts.USING_UNTRAINED),
                        countIf(licensed, ALL_EVENTS), countIf(licensed, FAILURES), countIf(licensed, HELP_EVENTS))
                .groupBy(Columns.TEAM, Columns.MODULE)
                .agg(sum(Marts.LICENSED_USERS).as(Marts.LICENSED_USERS), sum(Marts.TRAINED_USERS).as(Marts.TRAINED_USERS),
                        sum(Marts.ACTIVE_USERS).as(Marts.ACTIVE_USERS), sum(Marts.TRAINED_NOT_USING).as(Marts.TRAINED_NOT_USING),
                        sum(Marts.USING_UNTRAINED).as(Marts.USING_UNTRAINED), sum(ALL_EVENTS).as(ALL_EVENTS),
                        sum(FAILURES).as(FAILURES), sum(HELP_EVENTS).as(HELP_EVENTS))
                .select(col(Columns.TEAM), col(Columns.MODULE), col(Marts.LICENSED_USERS), col(Marts.TRAINED_USERS),
                        col(Marts.ACTIVE_USERS), col(Marts.TRAINED_NOT_USING), col(Marts.USING_UNTRAINED),
                        ratio(col(Marts.TRAINED_USERS), col(Marts.LICENSED_USERS)).as(Marts.TRAINED_SHARE),
                        ratio(col(Marts.ACTIVE_USERS), col(Marts.LICENSED_USERS)).as(Marts.USING_SHARE),
                        ratio(col(FAILURES), col(ALL_EVENTS)).as(Marts.ERROR_RATE),
                        ratio(col(HELP_EVENTS), col(Marts.ACTIVE_USERS)).as(Marts.HELP_PER_ACTIVE_USER));
    }

    /** The two user lists behind training_gap, as {@link #userLists} names them. */
    public static final String LIST = Marts.LIST;
    public static final String LIST_TRAINED_NOT_USING = Marts.TRAINED_NOT_USING;
    public static final String LIST_USING_UNTRAINED = Marts.USING_UNTRAINED;

    /**
     * The people behind {@code trained_not_using} and {@code using_untrained} of {@link #trainingGap}: one
     * row per (user, module) in either list, with the same definitions (licensed on A, trained on or
     * before A, active in the module in [A-27, A]), so the lists add up to the mart's counts per (team,
     * module). Columns: user_key, display_name, team, module, list.
     */
    public static Dataset<Row> userLists(Dataset<Row> humans, Dataset<Row> activeUserDayModules, Dataset<Row> training,
                                         LocalDate asOf) {
        String[] userModule = {Columns.USER_KEY, Columns.MODULE};
        Dataset<Row> trained = trainedPairs(training, asOf);
        Dataset<Row> active = activePairs(activeUserDayModules, asOf);
        Column isTrained = coalesce(col(TRAINED), lit(false));
        Column isActive = coalesce(col(ACTIVE), lit(false));
        return humans
                .filter(licensedOn(lit(asOf)))
                .select(Columns.USER_KEY, Columns.DISPLAY_NAME, Columns.TEAM)
                .join(trained.join(active, userModule, "full"), new String[] {Columns.USER_KEY})
                .select(col(Columns.USER_KEY), col(Columns.DISPLAY_NAME), col(Columns.TEAM), col(Columns.MODULE),
                        when(isTrained.and(not(isActive)), lit(LIST_TRAINED_NOT_USING))
                                .when(isActive.and(not(isTrained)), lit(LIST_USING_UNTRAINED)).as(LIST))
                .filter(col(LIST).isNotNull());
    }

    /**
     * The {@code trained_share} a goal tracks (KPIS.md: "over all modules"), per team and {@code __all__}:
     * users licensed on A with a training record in any module completed on or before A, divided by the
     * users licensed on A; null when nobody is licensed. A person trained for their own module counts as
     * trained: summing training_gap over its six modules instead would count each person six times and
     * make a goal like "95% of people trained" unreachable for a team that needs only one module.
     *
     * @param humans   {@link io.uptake.jobs.activity.UserDayActivity#humans}: user_key, team, activated_at,
     *                 deactivated_at
     * @param training training: user_key, completed_at
     */
    public static Dataset<Row> trainedShare(Dataset<Row> humans, Dataset<Row> training, LocalDate asOf) {
        Dataset<Row> trained = training
                .filter(col(Columns.COMPLETED_AT).leq(lit(asOf)))
                .select(Columns.USER_KEY).distinct()
                .withColumn(TRAINED, lit(true));
        return humans
                .filter(licensedOn(lit(asOf)))
                .join(trained, new String[] {Columns.USER_KEY}, "left")
                .select(explode(array(col(Columns.TEAM), lit(Vocabulary.ALL_TEAMS))).as(Columns.TEAM),
                        flag(coalesce(col(TRAINED), lit(false))).as(TRAINED))
                .groupBy(Columns.TEAM)
                .agg(sum(TRAINED).as(TRAINED), count(lit(1)).as(LICENSED))
                .select(col(Columns.TEAM), ratio(col(TRAINED), col(LICENSED)).as(Marts.TRAINED_SHARE));
    }

    /**
     * {@code teams_needing_help} at {@code asOf} = A: one row per team of {@code trainingGap} except
     * {@code __all__}, with score, rank and reasons.
     *
     * <p>Each team is judged in its <em>main module</em>: its training_gap row with the most active_users,
     * then the most trained_users, then the first module name (so a team nobody uses or trained for
     * still gets one, deterministically). In that module, with the {@code __all__} row of the same module
     * as "the organisation's":
     * <pre>
     *   untrained = 1 - trained_share                                          (0 when null)
     *   errors    = clamp((error_rate - org error_rate) / 0.10, 0, 1)          (0 when either is null)
     *   help      = clamp((help_per_active_user / org help_per_active_user - 1) / 2, 0, 1)
     *                                                                          (0 when either is null or org is 0)
     *   inactive  = 1 - adoption_rate of the team in adoption_daily at A       (0 when null or missing)
     *   score     = round(100 * (0.35 untrained + 0.25 errors + 0.15 help + 0.25 inactive), 1)
     * </pre>
     * Untrained and inactive people count in full: each is a person to reach. Errors count by how many
     * percentage points the team's rate is above the organisation's (10 points or more: full weight), so
     * a rate of 0.2% against 0.1% is not "twice the errors". Help-seeking counts by ratio (3&times; the
     * organisation's or more: full weight), since its level depends on the module. rank = 1 for the
     * highest score; equal scores are ordered by team name. reasons: one sentence per component that
     * adds at least 1 point, biggest contribution first (equal contributions in the order untrained,
     * errors, help, inactive), each naming its mart figures:
     * <pre>
     *   "60% of the team's users are untrained in service (18 of 30)"        training_gap trained_share, counts
     *   "error rate in service 21.4%, 10.6 points above the organisation's 10.8%"   training_gap error_rate
     *   "5.5 help views per active user in service, 4.5&times; the organisation's 1.2"  help_per_active_user
     *   "76% of licensed users not active in the last 28 days (adoption rate 24%, organisation 81%)"
     *                                                                         adoption_daily adoption_rate at A
     * </pre>
     *
     * @param trainingGap   the output of {@link #trainingGap}
     * @param adoptionDaily adoption_daily: date, team, adoption_rate (rows at A are used, including {@code __all__})
     */
    public static Dataset<Row> teamsNeedingHelp(Dataset<Row> trainingGap, Dataset<Row> adoptionDaily, LocalDate asOf) {
        Column isOrg = col(Columns.TEAM).equalTo(lit(Vocabulary.ALL_TEAMS));
        Dataset<Row> mainModules = trainingGap
                .filter(isOrg.equalTo(lit(false)))
                .withColumn("pick", row_number().over(Window.partitionBy(Columns.TEAM).orderBy(
                        col(Marts.ACTIVE_USERS).desc(), col(Marts.TRAINED_USERS).desc(), col(Columns.MODULE).asc())))
                .filter(col("pick").equalTo(lit(1)));
        Dataset<Row> orgModules = trainingGap
                .filter(isOrg)
                .select(col(Columns.MODULE), col(Marts.ERROR_RATE).as(ORG + Marts.ERROR_RATE),
                        col(Marts.HELP_PER_ACTIVE_USER).as(ORG + Marts.HELP_PER_ACTIVE_USER));
        Dataset<Row> adoptionAtA = adoptionDaily.filter(col(Marts.DATE).equalTo(lit(asOf)));
        Dataset<Row> teamAdoption = adoptionAtA.select(Columns.TEAM, Marts.ADOPTION_RATE);
        Dataset<Row> orgAdoption = adoptionAtA.filter(isOrg)
                .select(col(Marts.ADOPTION_RATE).as(ORG + Marts.ADOPTION_RATE));

        Column module = col(Columns.MODULE);
        Column untrainedShare = lit(1.0).minus(col(Marts.TRAINED_SHARE));
        Column errorExcess = col(Marts.ERROR_RATE).minus(col(ORG + Marts.ERROR_RATE));
        Column helpRatio = ratio(col(Marts.HELP_PER_ACTIVE_USER), col(ORG + Marts.HELP_PER_ACTIVE_USER));
        Column untrained = coalesce(untrainedShare, lit(0.0)).multiply(WEIGHT_UNTRAINED);
        Column errors = clamp(errorExcess.divide(lit(FULL_ERROR_EXCESS))).multiply(WEIGHT_ERRORS);
        Column help = clamp(helpRatio.minus(lit(1.0)).divide(lit(FULL_HELP_RATIO - 1.0))).multiply(WEIGHT_HELP);
        Column inactiveShare = lit(1.0).minus(col(Marts.ADOPTION_RATE));
        Column inactive = coalesce(inactiveShare, lit(0.0)).multiply(WEIGHT_ADOPTION);

        Column reasons = array(
                reason(untrained, 0, format_string("%.0f%% of the team's users are untrained in %s (%d of %d)",
                        untrainedShare.multiply(100), module,
                        col(Marts.LICENSED_USERS).minus(col(Marts.TRAINED_USERS)), col(Marts.LICENSED_USERS))),
                reason(errors, 1, format_string("error rate in %s %.1f%%, %.1f points above the organisation's %.1f%%",
                        module, col(Marts.ERROR_RATE).multiply(100), errorExcess.multiply(100),
                        col(ORG + Marts.ERROR_RATE).multiply(100))),
                reason(help, 2, format_string("%.1f help views per active user in %s, %.1f\u00d7 the organisation's %.1f",
                        col(Marts.HELP_PER_ACTIVE_USER), module, helpRatio, col(ORG + Marts.HELP_PER_ACTIVE_USER))),
                reason(inactive, 3, format_string(
                        "%.0f%% of licensed users not active in the last 28 days (adoption rate %.0f%%, organisation %.0f%%)",
                        inactiveShare.multiply(100), col(Marts.ADOPTION_RATE).multiply(100),
                        col(ORG + Marts.ADOPTION_RATE).multiply(100))));
        // Sorting structs sorts by their first field: minus the contribution, then the fixed order.
        Column sortedReasons = transform(
                sort_array(filter(reasons, r -> r.getField("weight").leq(lit(-REASON_POINTS / 100)))),
                r -> r.getField("sentence"));

        return mainModules
                .join(orgModules, Columns.MODULE, "left")
                .join(teamAdoption, Columns.TEAM, "left")
                .join(orgAdoption, lit(true), "left")
                .select(col(Columns.TEAM),
                        round(untrained.plus(errors).plus(help).plus(inactive).multiply(100), 1).as(Marts.SCORE),
                        sortedReasons.as(Marts.REASONS))
                .withColumn(Marts.RANK, row_number().over(Window.orderBy(col(Marts.SCORE).desc(), col(Columns.TEAM).asc())))
                .select(Columns.TEAM, Marts.SCORE, Marts.RANK, Marts.REASONS);
    }

    /**
     * {@code training_effect} at {@code asOf} = A: one row per (course_id, module) of {@code training}.
     * <ul>
     *   <li>trained_users: users with a completion of the course on or before A;</li>
     *   <li>over the users whose completion C satisfies {@code C + 28 <= A} (the whole "after" window has been
     *       seen): avg_active_days_before = mean number of active days in the module in [C-28, C-1];
     *       avg_active_days_after = the same over [C+1, C+28]; lift = after - before.</li>
     * </ul>
     * The completion day itself is in neither window (a training day is usually spent in the course, so
     * it would bias both sides). A user with several completions of the same course counts once, from the
     * first. Days before a user's activation count as inactive days. The averages and lift are null when
     * no user has completed the course at least 28 days before A.
     *
     * @param training             training: user_key, course_id, module, completed_at
     * @param activeUserDayModules {@link io.uptake.jobs.activity.UserDayActivity#activeUserDayModules}:
     *                             user_key, date, module
     */
    public static Dataset<Row> trainingEffect(Dataset<Row> training, Dataset<Row> activeUserDayModules, LocalDate asOf) {
        Dataset<Row> completions = training
                .filter(col(Columns.COMPLETED_AT).leq(lit(asOf)))
                .groupBy(Columns.USER_KEY, Columns.COURSE_ID, Columns.MODULE)
                .agg(min(Columns.COMPLETED_AT).as(COMPLETED));
        Dataset<Row> days = activeUserDayModules.select(col(Columns.USER_KEY).as("day_user"),
                col(Columns.MODULE).as("day_module"), col(Marts.DATE));
        Column completed = col(COMPLETED);
        Column date = col(Marts.DATE);
        Dataset<Row> perCourse = completions
                .filter(completed.leq(lit(asOf.minusDays(WINDOW_DAYS))))
                .join(days, col(Columns.USER_KEY).equalTo(col("day_user"))
                        .and(col(Columns.MODULE).equalTo(col("day_module")))
                        .and(date.between(date_sub(completed, WINDOW_DAYS), date_add(completed, WINDOW_DAYS))), "left")
                .groupBy(Columns.USER_KEY, Columns.COURSE_ID, Columns.MODULE)
                .agg(countDistinct(when(date.lt(completed), date)).as(BEFORE),
                        countDistinct(when(date.gt(completed), date)).as(AFTER))
                .groupBy(Columns.COURSE_ID, Columns.MODULE)
                .agg(avg(BEFORE).as(Marts.AVG_ACTIVE_DAYS_BEFORE), avg(AFTER).as(Marts.AVG_ACTIVE_DAYS_AFTER));
        return completions
                .groupBy(Columns.COURSE_ID, Columns.MODULE)
                .agg(count(lit(1)).as(Marts.TRAINED_USERS))
                .join(perCourse, new String[] {Columns.COURSE_ID, Columns.MODULE}, "left")
                .select(col(Columns.COURSE_ID), col(Columns.MODULE), col(Marts.TRAINED_USERS),
                        col(Marts.AVG_ACTIVE_DAYS_BEFORE), col(Marts.AVG_ACTIVE_DAYS_AFTER),
                        col(Marts.AVG_ACTIVE_DAYS_AFTER).minus(col(Marts.AVG_ACTIVE_DAYS_BEFORE)).as(Marts.LIFT));
    }

    /** (user_key, module, trained = true) for each module a user completed a training in on or before A. */
    private static Dataset<Row> trainedPairs(Dataset<Row> training, LocalDate asOf) {
        return training
                .filter(col(Columns.COMPLETED_AT).leq(lit(asOf)))
                .select(Columns.USER_KEY, Columns.MODULE).distinct()
                .withColumn(TRAINED, lit(true));
    }

    /** (user_key, module, active = true) for each module a user was active in during [A-27, A]. */
    private static Dataset<Row> activePairs(Dataset<Row> activeUserDayModules, LocalDate asOf) {
        return activeUserDayModules
                .filter(KpiConventions.inWindow(col(Marts.DATE), asOf))
                .select(Columns.USER_KEY, Columns.MODULE).distinct()
                .withColumn(ACTIVE, lit(true));
    }

    /** x clamped to [0, 1]; 0 when x is null. */
    private static Column clamp(Column x) {
        return coalesce(least(greatest(x, lit(0.0)), lit(1.0)), lit(0.0));
    }

    /** A reason as (minus its contribution, fixed order, sentence); sorted ascending, biggest comes first. */
    private static Column reason(Column contribution, int order, Column sentence) {
        return struct(negate(contribution).as("weight"), lit(order).as("order"), sentence.as("sentence"));
    }

    private static Column countIf(Column condition, String column) {
        return when(condition, coalesce(col(column), lit(0L))).otherwise(lit(0L)).as(column);
    }
}
