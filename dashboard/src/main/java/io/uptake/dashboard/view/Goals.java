package io.uptake.dashboard.view;

import com.fasterxml.jackson.databind.JsonNode;
import io.uptake.warehouse.Columns;
import io.uptake.warehouse.Marts;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The goals a request may see and that answer its filters. A goal has a scope: {@code all}, {@code
 * team:<name>} or {@code wave:<name>}. A team goal is for its team's viewers (and withheld with a small
 * team); organisation and wave goals are for roles that see every team. Under a department or wave
 * filter only the goals of the matching teams and of the chosen wave remain; under a team filter,
 * that team's goals.
 */
public final class Goals {

    private static final String TEAM = "team:";
    private static final String WAVE = "wave:";

    private Goals() {}

    public static List<JsonNode> of(Visibility visibility) {
        Group group = visibility.group();
        return visibility.snapshot().rows(Marts.GOALS_STATUS).stream()
                .filter(goal -> visible(goal, visibility))
                .filter(goal -> answers(goal, visibility, group))
                .toList();
    }

    /** Goals counted by status: done, green, amber, red (0 when none). */
    public static Map<String, Long> countByStatus(List<JsonNode> goals) {
        Map<String, Long> counts = new LinkedHashMap<>();
        for (String status : List.of(Marts.GOAL_DONE, Marts.GOAL_GREEN, Marts.GOAL_AMBER, Marts.GOAL_RED)) {
            counts.put(status, 0L);
        }
        goals.stream().map(g -> g.path(Marts.GOAL_STATUS).asText()).filter(counts::containsKey)
                .forEach(status -> counts.merge(status, 1L, Long::sum));
        return counts;
    }

    private static boolean visible(JsonNode goal, Visibility visibility) {
        String scope = goal.path(Columns.SCOPE).asText();
        if (scope.startsWith(TEAM)) {
            String team = scope.substring(TEAM.length());
            return visibility.scope().canSee(team) && !visibility.suppressed(team);
        }
        return visibility.scope().allTeams();
    }

    private static boolean answers(JsonNode goal, Visibility visibility, Group group) {
        if (group.organisation()) {
            return true;
        }
        String scope = goal.path(Columns.SCOPE).asText();
        if (scope.startsWith(TEAM)) {
            return group.teams().contains(scope.substring(TEAM.length()));
        }
        if (scope.startsWith(WAVE)) {
            return group.narrowed() && scope.substring(WAVE.length()).equals(visibility.filters().wave());
        }
        return false;
    }
}
