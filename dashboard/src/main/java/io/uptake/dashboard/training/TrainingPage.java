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
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

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

    /**
     * One person behind the gap, with their gaps as module lists: trained but not using the module in
     * the last 28 days, or using it untrained.
     */
    public record Person(String userKey, String displayName, String team, List<String> trainedNotUsing,
                         List<String> usingUntrained) {}

    /** {@code users} is one row per person, null for roles that may not see the group's people. */
    public record View(@JsonUnwrapped Header header, String unavailable, List<JsonNode> needingHelp, List<JsonNode> gap,
                       List<JsonNode> effect, List<Person> users) {}

    /**
     * "Other" collects the events no module claims (PRODUCT.md's modules); nobody is trained in it, so
     * a training gap in it is no gap.
     */
    static final String UNTRAINABLE_MODULE = "other";

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
        List<JsonNode> gap = (group.organisation() || group.narrowed() ? visibility.teamRows(Summing.TRAINING_GAP)
                : visibility.suppressed(group) ? List.<JsonNode>of() : group.rows(Summing.TRAINING_GAP)).stream()
                .filter(r -> !r.path(Columns.MODULE).asText().equals(UNTRAINABLE_MODULE)).toList();
        List<JsonNode> effect = scope.role() == Role.LEAD ? null : snapshot.rows(Marts.TRAINING_EFFECT).stream()
                .filter(r -> scope.role() == Role.TRAINER || r.path(Marts.TRAINED_USERS).asLong() >= Scope.MIN_GROUP_SIZE)
                .toList();
        return new View(header, snapshot.unavailable(Marts.TRAINING_GAP), needingHelp, gap, effect,
                seesPeopleOf(scope, group.team()) ? people(snapshot, group) : null);
    }

    private static boolean seesPeopleOf(Scope scope, String team) {
        return team.equals(Vocabulary.ALL_TEAMS) ? scope.role() == Role.TRAINER : scope.seesUserListOf(team);
    }

    /** The group's people on either list, one row each, in the order of the mart (team, then name). */
    private static List<Person> people(ServingSnapshot snapshot, Group group) {
        Map<String, List<JsonNode>> byPerson = new LinkedHashMap<>();
        for (JsonNode row : snapshot.rows(Marts.TRAINING_USERS)) {
            if (group.teams().contains(row.path(Columns.TEAM).asText())
                    && !row.path(Columns.MODULE).asText().equals(UNTRAINABLE_MODULE)) {
                byPerson.computeIfAbsent(row.path(Columns.USER_KEY).asText(), k -> new ArrayList<>()).add(row);
            }
        }
        List<Person> people = new ArrayList<>(byPerson.size());
        byPerson.forEach((key, rows) -> {
            JsonNode first = rows.get(0);
            people.add(new Person(key, first.path(Columns.DISPLAY_NAME).asText(), first.path(Columns.TEAM).asText(),
                    modules(rows, Marts.TRAINED_NOT_USING), modules(rows, Marts.USING_UNTRAINED)));
        });
        return people;
    }

    private static List<String> modules(List<JsonNode> rows, String list) {
        return rows.stream().filter(r -> r.path(Marts.LIST).asText().equals(list))
                .map(r -> r.path(Columns.MODULE).asText()).distinct().toList();
    }
}
