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
                   {"week_start": "2025-12-29", "team": "Tiny Team", "new": 1, "returning": 1, "resurrecting": 0, "dormant": 0}]
                 }}
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
                user("Hal", "Tiny Team", "active", "14"), user("Ida", "Tiny Team", "dormant", "null"));
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
        Files.createDirectories(file.getParent());
        Path temp = file.resolveSibling("." + file.getFileName() + ".tmp");
        Files.writeString(temp, json(runId), StandardCharsets.UTF_8);
        Files.move(temp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    }
}
