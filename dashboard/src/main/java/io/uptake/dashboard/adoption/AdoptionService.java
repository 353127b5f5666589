package io.uptake.dashboard.adoption;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.JsonNode;
import io.uptake.dashboard.DashboardException;
import io.uptake.dashboard.auth.Scope;
import io.uptake.dashboard.snapshot.ServingSnapshot;
import io.uptake.warehouse.Columns;
import io.uptake.warehouse.Marts;
import io.uptake.warehouse.Vocabulary;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.temporal.TemporalAdjusters;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The figures of the Overview and Adoption pages, read from the snapshot's adoption marts for what a
 * scope may see. Nothing is recomputed here: every number is a mart value (KPIS.md), only selected,
 * filtered by date and counted into groups.
 */
public final class AdoptionService {

    /** The rows of one mart for one team, without the team column. */
    public record TeamSeries(String team, boolean suppressed, JsonNode latest, List<JsonNode> daily) {}

    /** A bucket of the time-to-first-value histogram. */
    public record Bucket(String bucket, long users) {}

    /** A page's selection: a team ({@code __all__} for the organisation) and a date range, inclusive. */
    public record Selection(String team, LocalDate from, LocalDate to) {
        public Selection {
            requireNonNull(team, "team is null");
            requireNonNull(from, "from is null");
            requireNonNull(to, "to is null");
        }
    }

    /** What the Overview page shows. */
    public record Overview(String runId, LocalDate asOf, Selection selection, boolean suppressed, JsonNode latest,
                           List<JsonNode> trend, List<TeamSeries> teams, Map<String, Long> statuses) {}

    /** What the Adoption page shows; {@code users} is null for a role that may not see the user list. */
    public record Adoption(String runId, LocalDate asOf, Selection selection, boolean suppressed, JsonNode latest,
                           List<JsonNode> daily, List<TeamSeries> teams, List<JsonNode> modules,
                           List<JsonNode> lifecycle, Map<String, Long> statuses, List<Bucket> firstValue,
                           List<JsonNode> users) {}

    private static final List<String> STATUSES = List.of(Marts.STATUS_ACTIVE, Marts.STATUS_DORMANT,
            Marts.STATUS_NEVER_ACTIVE, Marts.STATUS_UNLICENSED);
    /** Upper bounds (days, inclusive) of the time-to-first-value buckets. */
    private static final int[] FIRST_VALUE_BOUNDS = {7, 14, 30, 60};

    public Overview overview(ServingSnapshot snapshot, Scope scope, Selection selection) {
        String team = checkTeam(snapshot, scope, selection.team());
        boolean suppressed = suppressed(snapshot, scope, team);
        List<TeamSeries> teams = teams(snapshot, scope, selection, false);
        return new Overview(snapshot.runId(), snapshot.asOf(), selection, suppressed,
                suppressed ? null : latest(snapshot, team), suppressed ? List.of() : daily(snapshot, team, selection),
                teams, suppressed ? Map.of() : statuses(snapshot, team));
    }

    public Adoption adoption(ServingSnapshot snapshot, Scope scope, Selection selection) {
        String team = checkTeam(snapshot, scope, selection.team());
        boolean suppressed = suppressed(snapshot, scope, team);
        List<TeamSeries> teams = teams(snapshot, scope, selection, true);
        if (suppressed) {
            return new Adoption(snapshot.runId(), snapshot.asOf(), selection, true, null, List.of(), teams, List.of(),
                    List.of(), Map.of(), List.of(), null);
        }
        List<JsonNode> modules = snapshot.rows(Marts.MODULE_ADOPTION, team).stream()
                .filter(r -> r.path(Marts.DATE).asText().equals(snapshot.asOf().toString())).toList();
        LocalDate firstWeek = selection.from().with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY));
        List<JsonNode> lifecycle = snapshot.rows(Marts.LIFECYCLE_WEEKLY, team).stream()
                .filter(r -> within(r.path(Marts.WEEK_START).asText(), firstWeek, selection.to())).toList();
        List<JsonNode> users = scope.seesUserListOf(team) ? usersToCall(snapshot, scope, team) : null;
        return new Adoption(snapshot.runId(), snapshot.asOf(), selection, false, latest(snapshot, team),
                daily(snapshot, team, selection), teams, modules, lifecycle, statuses(snapshot, team),
                firstValue(snapshot, team), users);
    }

    /** The default selection of a scope: its default team over every date of the snapshot. */
    public Selection defaults(ServingSnapshot snapshot, Scope scope) {
        return new Selection(scope.defaultTeam(), firstDate(snapshot), snapshot.asOf());
    }

    public LocalDate firstDate(ServingSnapshot snapshot) {
        List<JsonNode> all = snapshot.rows(Marts.ADOPTION_DAILY, Vocabulary.ALL_TEAMS);
        return all.isEmpty() ? snapshot.asOf() : LocalDate.parse(all.get(0).path(Marts.DATE).asText());
    }

    private static String checkTeam(ServingSnapshot snapshot, Scope scope, String team) {
        boolean known = team.equals(Vocabulary.ALL_TEAMS) || snapshot.teams().contains(team);
        if (!scope.canSee(team)) {
            throw new DashboardException(DashboardException.Code.FORBIDDEN,
                    "Team '" + team + "' is not in your scope; you may see: " + String.join(", ", scope.teams()));
        }
        if (!known) {
            throw new DashboardException(DashboardException.Code.NOT_FOUND,
                    "No team '" + team + "' in the snapshot of " + snapshot.asOf() + "; teams: " + String.join(", ", snapshot.teams()));
        }
        return team;
    }

    /** A group smaller than the minimum is withheld from a role that cannot see its user list. */
    private static boolean suppressed(ServingSnapshot snapshot, Scope scope, String team) {
        if (scope.seesUserListOf(team)) {
            return false;
        }
        JsonNode latest = latest(snapshot, team);
        return latest != null && latest.path(Marts.LICENSED_USERS).asLong() < Scope.MIN_GROUP_SIZE;
    }

    /** The adoption_daily row of the team at the as-of date. */
    private static JsonNode latest(ServingSnapshot snapshot, String team) {
        List<JsonNode> rows = snapshot.rows(Marts.ADOPTION_DAILY, team);
        String asOf = snapshot.asOf().toString();
        for (int i = rows.size() - 1; i >= 0; i--) {
            if (rows.get(i).path(Marts.DATE).asText().equals(asOf)) {
                return rows.get(i);
            }
        }
        return null;
    }

    private static List<JsonNode> daily(ServingSnapshot snapshot, String team, Selection selection) {
        return snapshot.rows(Marts.ADOPTION_DAILY, team).stream()
                .filter(r -> within(r.path(Marts.DATE).asText(), selection.from(), selection.to())).toList();
    }

    /** Every team the scope may see, with its as-of row and, if asked, its daily rows in the range. */
    private static List<TeamSeries> teams(ServingSnapshot snapshot, Scope scope, Selection selection, boolean withDaily) {
        List<TeamSeries> teams = new ArrayList<>();
        for (String team : scope.visible(snapshot.teams())) {
            if (suppressed(snapshot, scope, team)) {
                teams.add(new TeamSeries(team, true, null, List.of()));
            } else {
                teams.add(new TeamSeries(team, false, latest(snapshot, team),
                        withDaily ? daily(snapshot, team, selection) : List.of()));
            }
        }
        return List.copyOf(teams);
    }

    private static Map<String, Long> statuses(ServingSnapshot snapshot, String team) {
        Map<String, Long> counts = new LinkedHashMap<>();
        STATUSES.forEach(s -> counts.put(s, 0L));
        for (JsonNode user : usersOf(snapshot, team)) {
            counts.merge(user.path(Marts.USER_STATUS).asText(), 1L, Long::sum);
        }
        return counts;
    }

    /**
     * Licensed users by days to first value: a bucket for a first edit before go-live (a negative
     * value: pilot users), one per range of {@link #FIRST_VALUE_BOUNDS}, and one for none yet.
     */
    private static List<Bucket> firstValue(ServingSnapshot snapshot, String team) {
        List<String> labels = new ArrayList<>();
        labels.add("before go-live");
        int lower = 0;
        for (int bound : FIRST_VALUE_BOUNDS) {
            labels.add(lower + "-" + bound);
            lower = bound + 1;
        }
        labels.add(">" + FIRST_VALUE_BOUNDS[FIRST_VALUE_BOUNDS.length - 1]);
        labels.add("none yet");
        long[] counts = new long[labels.size()];
        for (JsonNode user : usersOf(snapshot, team)) {
            if (user.path(Marts.USER_STATUS).asText().equals(Marts.STATUS_UNLICENSED)) {
                continue;
            }
            counts[bucketOf(user.get(Marts.DAYS_TO_FIRST_VALUE))]++;
        }
        List<Bucket> buckets = new ArrayList<>();
        for (int i = 0; i < counts.length; i++) {
            buckets.add(new Bucket(labels.get(i), counts[i]));
        }
        return List.copyOf(buckets);
    }

    private static int bucketOf(JsonNode days) {
        if (days == null || days.isNull()) {
            return FIRST_VALUE_BOUNDS.length + 2;
        }
        if (days.asLong() < 0) {
            return 0;
        }
        int bucket = 1;
        while (bucket <= FIRST_VALUE_BOUNDS.length && days.asLong() > FIRST_VALUE_BOUNDS[bucket - 1]) {
            bucket++;
        }
        return bucket;
    }

    /** Dormant and never-active users, the people a lead or trainer should talk to. */
    private static List<JsonNode> usersToCall(ServingSnapshot snapshot, Scope scope, String team) {
        return usersOf(snapshot, team).stream()
                .filter(u -> scope.seesUserListOf(u.path(Columns.TEAM).asText()))
                .filter(u -> u.path(Marts.USER_STATUS).asText().equals(Marts.STATUS_DORMANT)
                        || u.path(Marts.USER_STATUS).asText().equals(Marts.STATUS_NEVER_ACTIVE))
                .toList();
    }

    private static List<JsonNode> usersOf(ServingSnapshot snapshot, String team) {
        return team.equals(Vocabulary.ALL_TEAMS) ? snapshot.rows(Marts.USER_ACTIVITY)
                : snapshot.rows(Marts.USER_ACTIVITY, team);
    }

    private static boolean within(String isoDate, LocalDate from, LocalDate to) {
        LocalDate date = LocalDate.parse(isoDate);
        return !date.isBefore(from) && !date.isAfter(to);
    }
}
