package io.uptake.jobs.mart;

import static io.uptake.jobs.mart.RunInputs.COSTS;
import static io.uptake.jobs.mart.RunInputs.GOALS;
import static io.uptake.jobs.mart.RunInputs.RECORDS;
import static io.uptake.jobs.mart.RunInputs.ROI_BASIS;
import static io.uptake.jobs.mart.RunInputs.TRAINING;

import io.uptake.jobs.activity.UserDayActivity;
import io.uptake.jobs.adoption.AdoptionKpis;
import io.uptake.jobs.freshness.FreshnessKpis;
import io.uptake.jobs.roi.RoiKpis;
import io.uptake.jobs.rollout.RolloutKpis;
import io.uptake.jobs.training.TrainingKpis;
import io.uptake.warehouse.Columns;
import io.uptake.warehouse.Marts;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.StructType;

/**
 * The registry of every mart the KPI job computes, one descriptor each, in an order where a mart comes
 * after the marts it reads. The job walks it; adding a mart is its function, its entry here and its test.
 */
public final class KpiMarts {

    private KpiMarts() {}

    public static final List<Mart> ALL = List.of(
            Mart.named(Marts.ADOPTION_DAILY, "date DATE, team STRING, licensed_users BIGINT, dau BIGINT, wau BIGINT,"
                            + " mau BIGINT, adoption_rate DOUBLE, stickiness DOUBLE")
                    .keyedBy(Marts.DATE, Columns.TEAM).daily(Marts.DATE, true)
                    .computedBy(in -> AdoptionKpis.adoptionDaily(in.activity().people(), in.firstDate(), in.firstDate(),
                            in.recomputeFrom(), in.asOf())),
            Mart.named(Marts.MODULE_ADOPTION, "date DATE, team STRING, module STRING, licensed_users BIGINT,"
                            + " active_users BIGINT, adoption_rate DOUBLE")
                    .keyedBy(Columns.TEAM, Columns.MODULE)
                    .computedBy(in -> AdoptionKpis.moduleAdoption(in.humans(), in.activity().activeModules(), in.asOf())),
            Mart.named(Marts.USER_ACTIVITY, "user_key STRING, display_name STRING, team STRING, license_type STRING,"
                            + " activated_at DATE, first_active_at DATE, last_active_at DATE, active_days_28d BIGINT,"
                            + " status STRING, days_to_first_value INT")
                    .keyedBy(Columns.USER_KEY).sortedBy(Columns.TEAM, Columns.DISPLAY_NAME, Columns.USER_KEY)
                    .computedBy(in -> AdoptionKpis.userActivity(in.humans(), in.activity().activeDays(),
                            UserDayActivity.valueDays(in.activity().userDays(), in.asOf()), in.waves(), in.asOf())),
            Mart.named(Marts.LIFECYCLE_WEEKLY, "week_start DATE, team STRING, new BIGINT, returning BIGINT,"
                            + " resurrecting BIGINT, dormant BIGINT")
                    .keyedBy(Marts.WEEK_START, Columns.TEAM).weekly(Marts.WEEK_START)
                    .computedBy(in -> AdoptionKpis.lifecycleWeekly(in.activity().people(), in.firstDate(),
                            in.firstDate(), in.recomputeFrom(), in.asOf())),

            Mart.named(Marts.SOURCE_FRESHNESS, "source STRING, events BIGINT, last_event_at TIMESTAMP,"
                            + " last_ingested_at TIMESTAMP, lag_p50_seconds DOUBLE, lag_p95_seconds DOUBLE,"
                            + " failure_rate_7d DOUBLE, hours_since_last_event DOUBLE, backfilled_7d BIGINT")
                    .keyedBy(Columns.SOURCE)
                    .computedBy(in -> FreshnessKpis.sourceFreshness(in.activity().sourceDays(),
                            in.activity().recentEvents(), in.asOf(), in.started())),
            Mart.named(Marts.RECORD_FRESHNESS, "team STRING, object_type STRING, records BIGINT, open_records BIGINT,"
                            + " stale_30d BIGINT, stale_90d BIGINT, stale_share_30d DOUBLE,"
                            + " median_days_since_update DOUBLE, overdue BIGINT, completeness_avg DOUBLE,"
                            + " complete_share DOUBLE, duplicate_records BIGINT, duplicate_rate DOUBLE")
                    .keyedBy(Columns.TEAM, Columns.OBJECT_TYPE).requires(RECORDS)
                    .computedBy(in -> FreshnessKpis.recordFreshness(in.table(RECORDS), in.users(), in.asOf())),
            Mart.named(Marts.RECORD_OWNERS, "owner_key STRING, display_name STRING, team STRING, records BIGINT,"
                            + " open_records BIGINT, stale_30d BIGINT, stale_90d BIGINT, stale_share_30d DOUBLE,"
                            + " overdue BIGINT, completeness_avg DOUBLE, duplicate_records BIGINT")
                    .keyedBy(Columns.OWNER_KEY).sortedBy(Columns.TEAM, Columns.DISPLAY_NAME, Columns.OWNER_KEY)
                    .requires(RECORDS)
                    .computedBy(in -> FreshnessKpis.recordOwners(in.table(RECORDS), in.users(), in.asOf())),

            Mart.named(Marts.TRAINING_GAP, "team STRING, module STRING, licensed_users BIGINT, trained_users BIGINT,"
                            + " active_users BIGINT, trained_not_using BIGINT, using_untrained BIGINT,"
                            + " trained_share DOUBLE, using_share DOUBLE, error_rate DOUBLE, help_per_active_user DOUBLE")
                    .keyedBy(Columns.TEAM, Columns.MODULE).requires(TRAINING)
                    .computedBy(in -> TrainingKpis.trainingGap(in.humans(), in.activity().userDays(),
                            in.activity().activeModules(), in.table(TRAINING), in.asOf())),
            Mart.named(Marts.TEAMS_NEEDING_HELP, "team STRING, score DOUBLE, rank INT, reasons ARRAY<STRING>")
                    .keyedBy(Columns.TEAM).sortedBy(Marts.RANK).requires(TRAINING)
                    .reads(Marts.TRAINING_GAP, Marts.ADOPTION_DAILY)
                    .computedBy(in -> TrainingKpis.teamsNeedingHelp(in.mart(Marts.TRAINING_GAP),
                            in.mart(Marts.ADOPTION_DAILY), in.asOf())),
            Mart.named(Marts.TRAINING_EFFECT, "course_id STRING, module STRING, trained_users BIGINT,"
                            + " avg_active_days_before DOUBLE, avg_active_days_after DOUBLE, lift DOUBLE")
                    .keyedBy(Columns.COURSE_ID, Columns.MODULE).requires(TRAINING)
                    .computedBy(in -> TrainingKpis.trainingEffect(in.table(TRAINING), in.activity().activeModules(),
                            in.asOf())),
            Mart.named(Marts.TRAINING_USERS, "user_key STRING, display_name STRING, team STRING, module STRING,"
                            + " list STRING")
                    .keyedBy(Columns.USER_KEY, Columns.MODULE)
                    .sortedBy(Columns.TEAM, Columns.MODULE, TrainingKpis.LIST, Columns.DISPLAY_NAME)
                    .requires(TRAINING)
                    .computedBy(in -> TrainingKpis.userLists(in.humans(), in.activity().activeModules(),
                            in.table(TRAINING), in.asOf())),

            Mart.named(Marts.ROI_MONTHLY, "month STRING, cost_license DOUBLE, cost_implementation DOUBLE,"
                            + " cost_training DOUBLE, cost_support DOUBLE, cost_customization DOUBLE,"
                            + " cost_infrastructure DOUBLE, cost_total DOUBLE, idle_seat_cost DOUBLE, mau BIGINT,"
                            + " cost_per_active_user DOUBLE, hours_saved DOUBLE, benefit_time DOUBLE, won_amount DOUBLE,"
                            + " benefit_revenue DOUBLE, benefit_total DOUBLE, cum_cost DOUBLE, cum_benefit DOUBLE,"
                            + " roi_cum DOUBLE")
                    .keyedBy(Columns.MONTH).requires(COSTS, ROI_BASIS)
                    .computedBy(in -> RoiKpis.roiMonthly(in.table(COSTS), in.humans(), in.activity().activeDays(),
                            UserDayActivity.activeEventCounts(in.activity().userDays(), in.humans(), in.asOf())
                                    .select(Columns.USER_KEY, Columns.EVENT_DATE, Columns.EVENT_TYPE, UserDayActivity.EVENTS),
                            in.table(RECORDS), in.roiBasis().assumptions(), in.asOf())),
            Mart.named(Marts.ROI_SUMMARY, "scenario STRING, cost_to_date DOUBLE, benefit_to_date DOUBLE,"
                            + " roi_to_date DOUBLE, payback_month STRING")
                    .keyedBy(Marts.SCENARIO).sortedBy().requires(COSTS, ROI_BASIS).reads(Marts.ROI_MONTHLY)
                    .computedBy(in -> RoiKpis.roiSummary(in.mart(Marts.ROI_MONTHLY), in.roiBasis().assumptions())),

            Mart.named(Marts.ROLLOUT_CURVE, "wave STRING, day INT, date DATE, licensed_users BIGINT, mau BIGINT,"
                            + " adoption_rate DOUBLE")
                    .keyedBy(Columns.WAVE, Marts.DAY).daily(Marts.DATE, false)
                    .computedBy(in -> in.incremental()
                            ? RolloutKpis.rolloutCurve(in.activity().people(), in.waves(), in.firstDate(),
                                    in.recomputeFrom(), in.asOf())
                            : RolloutKpis.rolloutCurve(in.activity().people(), in.waves(), in.firstDate(), in.asOf())),
            Mart.named(Marts.WAVE_SUMMARY, "wave STRING, go_live_date DATE, users BIGINT, days_to_50pct INT,"
                            + " days_to_80pct INT, adoption_rate_now DOUBLE")
                    .keyedBy(Columns.WAVE).sortedBy(Columns.GO_LIVE_DATE, Columns.WAVE).reads(Marts.ROLLOUT_CURVE)
                    .computedBy(in -> RolloutKpis.waveSummary(in.mart(Marts.ROLLOUT_CURVE), in.waves(), in.humans(),
                            in.asOf())),
            Mart.named(Marts.GOALS_STATUS, "goal_id STRING, kpi STRING, scope STRING, baseline DOUBLE, target DOUBLE,"
                            + " start_date DATE, due_date DATE, current DOUBLE, expected DOUBLE, status STRING,"
                            + " problem STRING")
                    .keyedBy(Columns.GOAL_ID).requires(GOALS)
                    .reads(Marts.ADOPTION_DAILY, Marts.WAVE_SUMMARY, Marts.ROI_MONTHLY)
                    .computedBy(KpiMarts::goalsStatus),
            Mart.named(Marts.MANAGER_SUPPORT, "manager_key STRING, display_name STRING, team STRING,"
                            + " own_analytics_views_28d BIGINT, team_adoption_rate DOUBLE")
                    .keyedBy(Columns.MANAGER_KEY).sortedBy(Columns.TEAM, Columns.DISPLAY_NAME)
                    .computedBy(in -> RolloutKpis.managerSupport(in.users(), in.humans(), in.activity().userDays(),
                            in.activity().activeDays(), in.asOf())));

    private static final Map<String, Mart> BY_NAME = ALL.stream()
            .collect(Collectors.toMap(Mart::name, Function.identity(), (a, b) -> a, LinkedHashMap::new));

    /** The descriptor of a mart. */
    public static Mart named(String name) {
        Mart mart = BY_NAME.get(name);
        if (mart == null) {
            throw new IllegalArgumentException("no mart is named " + name);
        }
        return mart;
    }

    /** The goal KPIs computed from an optional input, by the input: without it, a goal on them says why. */
    private static final Map<String, List<String>> GOAL_KPIS_BY_INPUT = Map.of(
            RECORDS, List.of(Marts.STALE_SHARE_30D, Marts.COMPLETENESS_AVG, Marts.DUPLICATE_RATE),
            TRAINING, List.of(Marts.TRAINED_SHARE));

    /**
     * goals_status, from the marts it reads and, where a goal KPI is not a mart's column, from the
     * records and training tables when they are loaded.
     */
    private static Dataset<Row> goalsStatus(RunInputs in) {
        Map<String, String> unavailableKpis = new LinkedHashMap<>();
        for (String input : List.of(RECORDS, TRAINING)) {
            in.missing(input).ifPresent(reason -> GOAL_KPIS_BY_INPUT.get(input).forEach(kpi -> unavailableKpis.put(kpi, reason)));
        }
        in.unavailable(Marts.ROI_MONTHLY).ifPresent(reason -> unavailableKpis.put(Marts.ROI_CUM, reason));
        Dataset<Row> recordTotals = in.optionalTable(RECORDS)
                .map(records -> FreshnessKpis.recordTotals(records, in.users(), in.asOf()))
                .orElseGet(() -> empty(in, "team STRING, stale_share_30d DOUBLE, completeness_avg DOUBLE,"
                        + " duplicate_rate DOUBLE"));
        Dataset<Row> trainedShare = in.optionalTable(TRAINING)
                .map(training -> TrainingKpis.trainedShare(in.humans(), training, in.asOf()))
                .orElseGet(() -> empty(in, "team STRING, trained_share DOUBLE"));
        return RolloutKpis.goalsStatus(in.table(GOALS), in.mart(Marts.ADOPTION_DAILY), recordTotals, trainedShare,
                in.mart(Marts.ROI_MONTHLY), in.mart(Marts.WAVE_SUMMARY), unavailableKpis, in.asOf());
    }

    private static Dataset<Row> empty(RunInputs in, String ddl) {
        return in.spark().createDataFrame(List.of(), StructType.fromDDL(ddl));
    }
}
