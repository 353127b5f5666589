package io.uptake.dashboard;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/**
 * A hand-written serving snapshot, small enough to check on paper. As of 2025-12-31:
 *
 * <pre>
 * Big Team   6 licensed; MAU 3, 4, 5 on Dec 29, 30, 31
 *            Ann active (first value after 3 days), Bob active (8), Cai active (61), Gus active (-2:
 *            his first edit came before go-live), Dee dormant (0), Eve never active, Fay unlicensed
 * Tiny Team  2 licensed; MAU 1, 1, 2; Hal active (14), Ida dormant (none yet)
 * __all__    8 licensed; MAU 4, 5, 7
 * </pre>
 *
 * and one or a few rows of every other mart: Big Team is department Sales in wave-1 (live 2025-12-30),
 * Tiny Team department Service in wave-2 (live 2025-12-31); Tiny Team ranks first for help; courses
 * SAL-101 (6 trained) and SVC-101 (2); record freshness for both teams, {@code unknown} and the
 * organisation; ROI for November and December; goals G1 (all, red), G2 (Big Team, green), G3 (Tiny
 * Team, amber), G4 (wave-1, done); managers Ann (Big Team) and Hal (Tiny Team).
 */
public final class SnapshotFixture {

    public static final String AS_OF = "2025-12-31";

    private SnapshotFixture() {}

    public static String json(String runId) {
        return """
                {"run_id": "%s", "as_of": "2025-12-31", "created_at": "2026-01-01T02:00:00Z",
                 "teams": ["Big Team", "Tiny Team"],
                 "marts": {
                  "adoption_daily": [
                   %s, %s, %s,
                   %s, %s, %s,
                   %s, %s, %s],
                  "module_adoption": [
                   {"date": "2025-12-31", "team": "Big Team", "module": "sales", "licensed_users": 6, "active_users": 4, "adoption_rate": 0.6666666666666666},
                   {"date": "2025-12-31", "team": "Big Team", "module": "service", "licensed_users": 6, "active_users": 0, "adoption_rate": 0.0},
                   {"date": "2025-12-31", "team": "Tiny Team", "module": "sales", "licensed_users": 2, "active_users": 2, "adoption_rate": 1.0},
                   {"date": "2025-12-31", "team": "__all__", "module": "sales", "licensed_users": 8, "active_users": 6, "adoption_rate": 0.75}],
                  "user_activity": [
                   %s, %s, %s, %s, %s, %s, %s, %s, %s],
                  "lifecycle_weekly": [
                   {"week_start": "2025-12-15", "team": "Big Team", "new": 2, "returning": 0, "resurrecting": 0, "dormant": 0},
                   {"week_start": "2025-12-22", "team": "Big Team", "new": 1, "returning": 2, "resurrecting": 0, "dormant": 1},
                   {"week_start": "2025-12-29", "team": "Big Team", "new": 0, "returning": 3, "resurrecting": 1, "dormant": 0},
                   {"week_start": "2025-12-29", "team": "Tiny Team", "new": 1, "returning": 1, "resurrecting": 0, "dormant": 0}],
                  "teams_needing_help": [
                   {"team": "Tiny Team", "score": 40.0, "rank": 1, "reasons": ["50%% of the team's users are untrained in service (1 of 2)"]},
                   {"team": "Big Team", "score": 10.0, "rank": 2, "reasons": []}],
                  "training_gap": [
                   {"team": "Big Team", "module": "sales", "licensed_users": 6, "trained_users": 5, "active_users": 4, "trained_not_using": 1, "using_untrained": 0, "trained_share": 0.8333333333333334, "using_share": 0.6666666666666666, "error_rate": 0.01, "help_per_active_user": 0.5},
                   {"team": "Tiny Team", "module": "service", "licensed_users": 2, "trained_users": 1, "active_users": 2, "trained_not_using": 0, "using_untrained": 1, "trained_share": 0.5, "using_share": 1.0, "error_rate": 0.2, "help_per_active_user": 3.0},
                   {"team": "__all__", "module": "sales", "licensed_users": 8, "trained_users": 5, "active_users": 4, "trained_not_using": 1, "using_untrained": 0, "trained_share": 0.625, "using_share": 0.5, "error_rate": 0.01, "help_per_active_user": 0.5}],
                  "training_effect": [
                   {"course_id": "SAL-101", "module": "sales", "trained_users": 6, "avg_active_days_before": 2.0, "avg_active_days_after": 5.5, "lift": 3.5},
                   {"course_id": "SVC-101", "module": "service", "trained_users": 2, "avg_active_days_before": 1.0, "avg_active_days_after": 4.0, "lift": 3.0}],
                  "record_freshness": [
                   %s, %s, %s, %s],
                  "source_freshness": [
                   {"source": "salesforce-elf", "events": 1200, "last_event_at": "2025-12-31T23:00:00Z", "last_ingested_at": "2026-01-01T01:00:00Z", "lag_p50_seconds": 3600.0, "lag_p95_seconds": 7200.0, "failure_rate_7d": 0.02, "hours_since_last_event": 3.0}],
                  "roi_monthly": [
                   %s, %s],
                  "roi_summary": [
                   {"scenario": "low", "cost_to_date": 3000.0, "benefit_to_date": 1800.0, "roi_to_date": -0.4, "payback_month": null},
                   {"scenario": "base", "cost_to_date": 3000.0, "benefit_to_date": 3000.0, "roi_to_date": 0.0, "payback_month": "2025-12"},
                   {"scenario": "high", "cost_to_date": 3000.0, "benefit_to_date": 4200.0, "roi_to_date": 0.4, "payback_month": "2025-11"}],
                  "rollout_curve": [
                   {"wave": "wave-1", "day": 0, "date": "2025-12-30", "licensed_users": 6, "mau": 4, "adoption_rate": 0.6666666666666666},
                   {"wave": "wave-1", "day": 1, "date": "2025-12-31", "licensed_users": 6, "mau": 5, "adoption_rate": 0.8333333333333334},
                   {"wave": "wave-2", "day": 0, "date": "2025-12-31", "licensed_users": 2, "mau": 2, "adoption_rate": 1.0}],
                  "wave_summary": [
                   {"wave": "wave-1", "go_live_date": "2025-12-30", "users": 6, "days_to_50pct": 0, "days_to_80pct": 1, "adoption_rate_now": 0.8333333333333334},
                   {"wave": "wave-2", "go_live_date": "2025-12-31", "users": 2, "days_to_50pct": 0, "days_to_80pct": 0, "adoption_rate_now": 1.0}],
                  "goals_status": [
                   %s, %s, %s, %s],
                  "training_users": [
                   {"user_key": "key-Dee", "display_name": "Dee", "team": "Big Team", "module": "sales", "list": "trained_not_using"},
                   {"user_key": "key-Hal", "display_name": "Hal", "team": "Tiny Team", "module": "service", "list": "using_untrained"}],
                  "manager_support": [
                   {"manager_key": "key-Ann", "display_name": "Ann", "team": "Big Team", "own_analytics_views_28d": 12, "team_adoption_rate": 0.8},
                   {"manager_key": "key-Hal", "display_name": "Hal", "team": "Tiny Team", "own_analytics_views_28d": 0, "team_adoption_rate": 1.0}]
                 },
                 "unavailable": {},
                 "directory": [
                  {"team": "Big Team", "department": "Sales", "waves": ["wave-1"]},
                  {"team": "Tiny Team", "department": "Service", "waves": ["wave-2"]}],
                 "roi_assumptions": {"source": "config/roi_assumptions-00000000000000000001.json", "currency": "USD", "hourly_rate": 55.0,
                  "revenue_attribution": 0.05, "minutes_saved": {"record_update": 2.0}, "scenarios": {"low": 0.6, "base": 1.0, "high": 1.4}}
                }
                """.formatted(runId,
                day("2025-12-29", "Big Team", 6, 1, 2, 3, 0.5, 0.2), day("2025-12-30", "Big Team", 6, 2, 3, 4, 0.6666666666666666, 0.25),
                day("2025-12-31", "Big Team", 6, 3, 4, 5, 0.8333333333333334, 0.3),
                day("2025-12-29", "Tiny Team", 2, 1, 1, 1, 0.5, 0.1), day("2025-12-30", "Tiny Team", 2, 0, 1, 1, 0.5, 0.1),
                day("2025-12-31", "Tiny Team", 2, 2, 2, 2, 1.0, 0.15),
                day("2025-12-29", "__all__", 8, 2, 3, 4, 0.5, 0.2), day("2025-12-30", "__all__", 8, 2, 4, 5, 0.625, 0.22),
                day("2025-12-31", "__all__", 8, 5, 6, 7, 0.875, 0.25),
                user("Ann", "Big Team", "active", "3"), user("Bob", "Big Team", "active", "8"),
                user("Cai", "Big Team", "active", "61"), user("Dee", "Big Team", "dormant", "0"),
                user("Eve", "Big Team", "never_active", "null"), user("Fay", "Big Team", "unlicensed", "null"),
                user("Gus", "Big Team", "active", "-2"),
                user("Hal", "Tiny Team", "active", "14"), user("Ida", "Tiny Team", "dormant", "null"),
                records("Big Team", 100, 20), records("Tiny Team", 10, 5), records("unknown", 4, 4), records("__all__", 114, 29),
                month("2025-11", 2000.0, 1000.0, 1000.0), month("2025-12", 1000.0, 2000.0, 3000.0),
                goal("G1", "all", "red"), goal("G2", "team:Big Team", "green"), goal("G3", "team:Tiny Team", "amber"),
                goal("G4", "wave:wave-1", "done"));
    }

    private static String records(String team, int records, int stale) {
        return """
                {"team": "%s", "object_type": "Account", "records": %d, "open_records": %d, "stale_30d": %d, "stale_90d": 0, "stale_share_30d": %s, "median_days_since_update": 12.0, "overdue": 0, "completeness_avg": 0.9, "complete_share": 0.8, "duplicate_records": 1, "duplicate_rate": %s}"""
                .formatted(team, records, records, stale, (double) stale / records, 1.0 / records);
    }

    private static String month(String month, double cost, double benefit, double cumBenefit) {
        double cumCost = month.equals("2025-11") ? cost : 3000.0;
        return """
                {"month": "%s", "cost_license": %s, "cost_implementation": 0.0, "cost_training": 0.0, "cost_support": 0.0, "cost_customization": 0.0, "cost_infrastructure": 0.0, "cost_total": %s, "idle_seat_cost": 150.0, "mau": 7, "cost_per_active_user": %s, "hours_saved": 10.0, "benefit_time": 550.0, "won_amount": 10000.0, "benefit_revenue": 500.0, "benefit_total": %s, "cum_cost": %s, "cum_benefit": %s, "roi_cum": %s}"""
                .formatted(month, cost, cost, cost / 7, benefit, cumCost, cumBenefit, (cumBenefit - cumCost) / cumCost);
    }

    private static String goal(String id, String scope, String status) {
        return """
                {"goal_id": "%s", "kpi": "adoption_rate", "scope": "%s", "baseline": 0.2, "target": 0.9, "start_date": "2025-10-01", "due_date": "2026-03-31", "current": 0.6, "expected": 0.6, "status": "%s", "problem": null}"""
                .formatted(id, scope, status);
    }

    private static String day(String date, String team, int licensed, int dau, int wau, int mau, double rate, double stickiness) {
        return """
                {"date": "%s", "team": "%s", "licensed_users": %d, "dau": %d, "wau": %d, "mau": %d, "adoption_rate": %s, "stickiness": %s}"""
                .formatted(date, team, licensed, dau, wau, mau, rate, stickiness);
    }

    private static String user(String name, String team, String status, String daysToFirstValue) {
        return """
                {"user_key": "key-%s", "display_name": "%s", "team": "%s", "license_type": "full", "activated_at": "2025-01-01",
                 "first_active_at": null, "last_active_at": null, "active_days_28d": 0, "status": "%s", "days_to_first_value": %s}"""
                .formatted(name, name, team, status, daysToFirstValue);
    }

    /** Publishes the snapshot as the jobs do: written aside, then renamed into place. */
    public static void publish(Path file, String runId) throws IOException {
        publishJson(file, json(runId));
    }

    /** Publishes a snapshot's JSON, such as {@link #json} with a figure changed, as the jobs do. */
    public static void publishJson(Path file, String json) throws IOException {
        Files.createDirectories(file.getParent());
        Path temp = file.resolveSibling("." + file.getFileName() + ".tmp");
        Files.writeString(temp, json, StandardCharsets.UTF_8);
        Files.move(temp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    }
}
