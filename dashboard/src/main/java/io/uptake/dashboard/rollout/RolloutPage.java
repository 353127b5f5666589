package io.uptake.dashboard.rollout;

import com.fasterxml.jackson.annotation.JsonUnwrapped;
import com.fasterxml.jackson.databind.JsonNode;
import io.uptake.dashboard.snapshot.ServingSnapshot;
import io.uptake.dashboard.view.Goals;
import io.uptake.dashboard.view.Group;
import io.uptake.dashboard.view.Header;
import io.uptake.dashboard.view.Visibility;
import io.uptake.warehouse.Columns;
import io.uptake.warehouse.Marts;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Rollout. For the organisation (or a wave of it), the waves' summaries and curves, whose people are
 * exactly the wave's. For a team or a department, whose people are only part of a wave, each of its
 * teams' adoption aligned on its wave's go-live instead: wave figures would mix in other teams. Goals
 * and managers of what the filters chose. Curves keep the days within the date range.
 */
public final class RolloutPage {

    /** A team's adoption on a day since its wave went live. */
    public record TeamCurvePoint(String team, String wave, long day, LocalDate date, long licensedUsers, long mau,
                                 Double adoptionRate) {}

    /** {@code waves} and {@code curves} are null when {@code teamCurves} answers instead, and the other way round. */
    public record View(@JsonUnwrapped Header header, List<JsonNode> waves, List<JsonNode> curves,
                       List<TeamCurvePoint> teamCurves, String goalsUnavailable, List<JsonNode> goals,
                       List<JsonNode> managers) {}

    private RolloutPage() {}

    public static View view(Visibility visibility) {
        ServingSnapshot snapshot = visibility.snapshot();
        Group group = visibility.group();
        String waveFilter = visibility.filters().wave();
        boolean byWave = visibility.scope().allTeams() && (group.organisation()
                || (group.narrowed() && visibility.filters().department().isEmpty()));
        Header header = visibility.header(List.of());
        List<JsonNode> waves = snapshot.rows(Marts.WAVE_SUMMARY).stream()
                .filter(w -> waveFilter.isEmpty() || w.path(Columns.WAVE).asText().equals(waveFilter)).toList();
        List<String> teams = group.organisation() || group.narrowed() ? visibility.teams() : List.of(group.team());
        List<JsonNode> managers = snapshot.rows(Marts.MANAGER_SUPPORT).stream()
                .filter(m -> teams.contains(m.path(Columns.TEAM).asText()))
                .filter(m -> !visibility.suppressed(m.path(Columns.TEAM).asText()))
                .toList();
        List<JsonNode> goals = Goals.of(visibility);
        if (byWave) {
            List<JsonNode> curves = snapshot.rows(Marts.ROLLOUT_CURVE).stream()
                    .filter(r -> waveFilter.isEmpty() || r.path(Columns.WAVE).asText().equals(waveFilter))
                    .filter(r -> visibility.filters().within(LocalDate.parse(r.path(Marts.DATE).asText())))
                    .toList();
            return new View(header, waves, curves, null, snapshot.unavailable(Marts.GOALS_STATUS), goals, managers);
        }
        return new View(header, null, null, teamCurves(visibility, teams, waves), snapshot.unavailable(Marts.GOALS_STATUS),
                goals, managers);
    }

    /** The teams' adoption_daily from their wave's go-live on, with the day since go-live; small teams left out. */
    private static List<TeamCurvePoint> teamCurves(Visibility visibility, List<String> teams, List<JsonNode> waves) {
        Map<String, LocalDate> goLive = new LinkedHashMap<>();
        waves.forEach(w -> goLive.put(w.path(Columns.WAVE).asText(), LocalDate.parse(w.path(Columns.GO_LIVE_DATE).asText())));
        List<TeamCurvePoint> curves = new ArrayList<>();
        for (JsonNode entry : visibility.directory()) {
            String team = entry.path(Columns.TEAM).asText();
            if (!teams.contains(team) || entry.path("waves").isEmpty() || visibility.suppressed(team)) {
                continue;
            }
            String wave = entry.path("waves").get(0).asText();
            LocalDate start = goLive.get(wave);
            if (start == null) {
                continue;
            }
            for (JsonNode day : visibility.snapshot().rows(Marts.ADOPTION_DAILY, team)) {
                LocalDate date = LocalDate.parse(day.path(Marts.DATE).asText());
                if (!date.isBefore(start) && visibility.filters().within(date)) {
                    JsonNode rate = day.get(Marts.ADOPTION_RATE);
                    curves.add(new TeamCurvePoint(team, wave, date.toEpochDay() - start.toEpochDay(), date,
                            day.path(Marts.LICENSED_USERS).asLong(), day.path(Marts.MAU).asLong(),
                            rate == null || rate.isNull() ? null : rate.asDouble()));
                }
            }
        }
        return curves;
    }
}
