package io.uptake.dashboard.training;

import com.fasterxml.jackson.annotation.JsonUnwrapped;
import com.fasterxml.jackson.databind.JsonNode;
import io.uptake.dashboard.auth.Role;
import io.uptake.dashboard.auth.Scope;
import io.uptake.dashboard.snapshot.ServingSnapshot;
import io.uptake.dashboard.view.Group;
import io.uptake.dashboard.view.Header;
import io.uptake.dashboard.view.Summing;
import io.uptake.dashboard.view.Visibility;
import io.uptake.warehouse.Columns;
import io.uptake.warehouse.Marts;
import io.uptake.warehouse.Vocabulary;
import java.util.ArrayList;
import java.util.List;

/**
 * Training: teams needing help (the visible teams, with the organisation's rank), the team × module
 * gap, the course effect (organisation-wide, so not for leads; courses of fewer than 5 trained people
 * withheld from roles without user lists) and, for roles that may see them, the people behind the
 * chosen group's gap. A chosen team narrows the gap to that team's rows; a department or wave to its
 * teams with their sums first.
 */
public final class TrainingPage {

    /** The course effect is measured over the whole organisation's trained people. */
    static final List<String> ORGANISATION_WIDE = List.of("effect");

    public record View(@JsonUnwrapped Header header, String unavailable, List<JsonNode> needingHelp, List<JsonNode> gap,
                       List<JsonNode> effect, List<JsonNode> users) {}

    private TrainingPage() {}

    public static View view(Visibility visibility) {
        ServingSnapshot snapshot = visibility.snapshot();
        Scope scope = visibility.scope();
        Group group = visibility.group();
        List<String> notNarrowed = new ArrayList<>(ORGANISATION_WIDE);
        if (group.narrowed()) {
            notNarrowed.addAll(Summing.TRAINING_GAP.notSummed());
        }
        Header header = visibility.header(scope.role() == Role.LEAD ? List.of() : notNarrowed);
        List<String> teams = group.organisation() || group.narrowed() ? visibility.teams() : List.of(group.team());
        List<JsonNode> needingHelp = snapshot.rows(Marts.TEAMS_NEEDING_HELP).stream()
                .filter(r -> teams.contains(r.path(Columns.TEAM).asText()))
                .filter(r -> !visibility.suppressed(r.path(Columns.TEAM).asText()))
                .toList();
        List<JsonNode> gap = group.organisation() || group.narrowed() ? visibility.teamRows(Summing.TRAINING_GAP)
                : visibility.suppressed(group) ? List.of() : group.rows(Summing.TRAINING_GAP);
        List<JsonNode> effect = scope.role() == Role.LEAD ? null : snapshot.rows(Marts.TRAINING_EFFECT).stream()
                .filter(r -> scope.role() == Role.TRAINER || r.path(Marts.TRAINED_USERS).asLong() >= Scope.MIN_GROUP_SIZE)
                .toList();
        return new View(header, snapshot.unavailable(Marts.TRAINING_GAP), needingHelp, gap, effect,
                seesPeopleOf(scope, group.team()) ? people(snapshot, group) : null);
    }

    private static boolean seesPeopleOf(Scope scope, String team) {
        return team.equals(Vocabulary.ALL_TEAMS) ? scope.role() == Role.TRAINER : scope.seesUserListOf(team);
    }

    private static List<JsonNode> people(ServingSnapshot snapshot, Group group) {
        return snapshot.rows(Marts.TRAINING_USERS).stream()
                .filter(u -> group.teams().contains(u.path(Columns.TEAM).asText()))
                .toList();
    }
}
