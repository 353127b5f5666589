package io.uptake.dashboard.pages;

import com.fasterxml.jackson.databind.JsonNode;
import io.uptake.dashboard.auth.Role;
import io.uptake.dashboard.auth.Scope;
import io.uptake.dashboard.snapshot.ServingSnapshot;
import io.uptake.dashboard.view.Visibility;
import io.uptake.warehouse.Columns;
import io.uptake.warehouse.Marts;
import io.uptake.warehouse.Vocabulary;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The JSON of the Training, Data quality, Rollout and ROI pages: mart rows of the snapshot, selected
 * for what the scope may see. Nothing is recomputed; every figure is a mart value (docs/kpis.md).
 * Each view starts with {@link Visibility#header()}; a mart the run could not compute comes with
 * {@code unavailable}, the job's reason, instead of rows.
 */
public final class PageViews {

    private PageViews() {}

    /**
     * Training: teams needing help (the visible teams, with the organisation's rank), the team × module
     * gap, the course effect (organisation-wide, so not for leads; courses of fewer than 5 trained
     * people withheld from roles without user lists) and, for roles that may see them, the people
     * behind the selected team's gap.
     */
    public static Map<String, Object> training(ServingSnapshot snapshot, Visibility visibility) {
        Scope scope = visibility.scope();
        String team = visibility.team();
        Map<String, Object> body = visibility.header();
        body.put("unavailable", snapshot.unavailable(Marts.TRAINING_GAP));
        List<String> visible = visibility.teams();
        body.put("needing_help", snapshot.rows(Marts.TEAMS_NEEDING_HELP).stream()
                .filter(r -> visible.contains(r.path(Columns.TEAM).asText()))
                .filter(r -> !visibility.suppressed(r.path(Columns.TEAM).asText()))
                .toList());
        body.put("gap", visibility.teamRows(Marts.TRAINING_GAP));
        body.put("effect", scope.role() == Role.LEAD ? null : snapshot.rows(Marts.TRAINING_EFFECT).stream()
                .filter(r -> scope.role() == Role.TRAINER || r.path(Marts.TRAINED_USERS).asLong() >= Scope.MIN_GROUP_SIZE)
                .toList());
        body.put("users", seesPeopleOf(scope, team) ? trainingUsers(snapshot, visible, team) : null);
        return body;
    }

    /** Data quality and freshness: records by team and object type, and every source's freshness. */
    public static Map<String, Object> quality(ServingSnapshot snapshot, Visibility visibility) {
        Map<String, Object> body = visibility.header();
        body.put("unavailable", snapshot.unavailable(Marts.RECORD_FRESHNESS));
        List<JsonNode> records = new ArrayList<>(visibility.teamRows(Marts.RECORD_FRESHNESS));
        if (visibility.scope().allTeams() && visibility.filters().department().isEmpty()
                && visibility.filters().wave().isEmpty()) {
            records.addAll(snapshot.rows(Marts.RECORD_FRESHNESS, Vocabulary.UNKNOWN_TEAM));
        }
        body.put("records", records);
        body.put("sources", snapshot.rows(Marts.SOURCE_FRESHNESS));
        return body;
    }

    /**
     * Rollout: for roles seeing every team, the waves' summaries and curves (narrowed by the wave
     * filter); for a lead, their own teams' adoption aligned on their wave's go-live (wave figures mix
     * other teams). Goals and managers of what the scope may see.
     */
    public static Map<String, Object> rollout(ServingSnapshot snapshot, Visibility visibility) {
        Scope scope = visibility.scope();
        String waveFilter = visibility.filters().wave();
        Map<String, Object> body = visibility.header();
        List<JsonNode> waves = snapshot.rows(Marts.WAVE_SUMMARY).stream()
                .filter(w -> waveFilter.isEmpty() || w.path(Columns.WAVE).asText().equals(waveFilter)).toList();
        if (scope.allTeams()) {
            body.put("waves", waves);
            body.put("curves", snapshot.rows(Marts.ROLLOUT_CURVE).stream()
                    .filter(r -> waveFilter.isEmpty() || r.path(Columns.WAVE).asText().equals(waveFilter)).toList());
            body.put("team_curves", null);
        } else {
            body.put("waves", null);
            body.put("curves", null);
            body.put("team_curves", teamCurves(snapshot, visibility, waves));
        }
        body.put("goals_unavailable", snapshot.unavailable(Marts.GOALS_STATUS));
        body.put("goals", snapshot.rows(Marts.GOALS_STATUS).stream().filter(g -> goalVisible(g, visibility)).toList());
        List<String> visible = visibility.teams();
        body.put("managers", snapshot.rows(Marts.MANAGER_SUPPORT).stream()
                .filter(m -> visible.contains(m.path(Columns.TEAM).asText()))
                .filter(m -> !visibility.suppressed(m.path(Columns.TEAM).asText()))
                .toList());
        return body;
    }

    /** ROI: the months in the date range, the three scenarios and the assumptions they rest on. */
    public static Map<String, Object> roi(ServingSnapshot snapshot, Visibility visibility) {
        Map<String, Object> body = visibility.header();
        body.put("unavailable", snapshot.unavailable(Marts.ROI_MONTHLY));
        YearMonth from = YearMonth.from(visibility.filters().from());
        YearMonth to = YearMonth.from(visibility.filters().to());
        body.put("monthly", snapshot.rows(Marts.ROI_MONTHLY).stream().filter(m -> {
            YearMonth month = YearMonth.parse(m.path(Columns.MONTH).asText());
            return !month.isBefore(from) && !month.isAfter(to);
        }).toList());
        body.put("summary", snapshot.rows(Marts.ROI_SUMMARY));
        body.put("categories", Marts.COST_CATEGORIES);
        body.put("assumptions", snapshot.roiAssumptions());
        return body;
    }

    /**
     * What the Overview adds for an executive to the adoption figures: the base scenario's ROI and
     * payback, the as-of month's idle-seat spend and cost per active user, cost against benefit by
     * month, and the goals counted by status. Null parts when the run has no ROI or goals.
     */
    public static Map<String, Object> overviewMoney(ServingSnapshot snapshot, Visibility visibility) {
        Map<String, Object> body = new LinkedHashMap<>();
        boolean executive = visibility.scope().role() == Role.EXECUTIVE;
        JsonNode base = null;
        for (JsonNode scenario : snapshot.rows(Marts.ROI_SUMMARY)) {
            if (scenario.path(Marts.SCENARIO).asText().equals("base")) {
                base = scenario;
            }
        }
        List<JsonNode> months = snapshot.rows(Marts.ROI_MONTHLY);
        body.put("roi", executive ? base : null);
        body.put("roi_latest_month", executive && !months.isEmpty() ? months.get(months.size() - 1) : null);
        body.put("cost_benefit", executive ? months : null);
        body.put("currency", executive && snapshot.roiAssumptions() != null
                ? snapshot.roiAssumptions().path("currency").asText() : null);
        Map<String, Long> goals = new LinkedHashMap<>();
        for (String status : List.of(Marts.GOAL_DONE, Marts.GOAL_GREEN, Marts.GOAL_AMBER, Marts.GOAL_RED)) {
            goals.put(status, 0L);
        }
        snapshot.rows(Marts.GOALS_STATUS).stream().filter(g -> goalVisible(g, visibility))
                .map(g -> g.path(Marts.GOAL_STATUS).asText())
                .filter(goals::containsKey)
                .forEach(status -> goals.merge(status, 1L, Long::sum));
        body.put("goals", goals);
        return body;
    }

    private static boolean seesPeopleOf(Scope scope, String team) {
        return team.equals(Vocabulary.ALL_TEAMS) ? scope.role() == Role.TRAINER : scope.seesUserListOf(team);
    }

    private static List<JsonNode> trainingUsers(ServingSnapshot snapshot, List<String> visible, String team) {
        return snapshot.rows(Marts.TRAINING_USERS).stream()
                .filter(u -> team.equals(Vocabulary.ALL_TEAMS) ? visible.contains(u.path(Columns.TEAM).asText())
                        : team.equals(u.path(Columns.TEAM).asText()))
                .toList();
    }

    /** A goal on the organisation or a wave is for roles seeing every team; a team goal for its team's viewers. */
    private static boolean goalVisible(JsonNode goal, Visibility visibility) {
        String scope = goal.path(Columns.SCOPE).asText();
        if (scope.startsWith("team:")) {
            String team = scope.substring("team:".length());
            return visibility.scope().canSee(team) && !visibility.suppressed(team);
        }
        return visibility.scope().allTeams();
    }

    /** A lead's teams: adoption_daily from their wave's go-live on, with the day since go-live. */
    private static List<Map<String, Object>> teamCurves(ServingSnapshot snapshot, Visibility visibility, List<JsonNode> waves) {
        Map<String, LocalDate> goLive = new LinkedHashMap<>();
        waves.forEach(w -> goLive.put(w.path(Columns.WAVE).asText(), LocalDate.parse(w.path(Columns.GO_LIVE_DATE).asText())));
        List<Map<String, Object>> curves = new ArrayList<>();
        for (JsonNode entry : visibility.directory()) {
            String team = entry.path(Columns.TEAM).asText();
            if (!visibility.teams().contains(team) || entry.path("waves").isEmpty()) {
                continue;
            }
            String wave = entry.path("waves").get(0).asText();
            LocalDate start = goLive.get(wave);
            if (start == null) {
                continue;
            }
            for (JsonNode day : snapshot.rows(Marts.ADOPTION_DAILY, team)) {
                LocalDate date = LocalDate.parse(day.path(Marts.DATE).asText());
                if (!date.isBefore(start)) {
                    Map<String, Object> point = new LinkedHashMap<>();
                    point.put(Columns.TEAM, team);
                    point.put(Columns.WAVE, wave);
                    point.put(Marts.DAY, date.toEpochDay() - start.toEpochDay());
                    point.put(Marts.DATE, date.toString());
                    point.put(Marts.LICENSED_USERS, day.path(Marts.LICENSED_USERS).asLong());
                    point.put(Marts.MAU, day.path(Marts.MAU).asLong());
                    point.put(Marts.ADOPTION_RATE, day.get(Marts.ADOPTION_RATE));
                    curves.add(point);
                }
            }
        }
        return curves;
    }
}
