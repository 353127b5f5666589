package io.uptake.dashboard.view;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.JsonNode;
import io.uptake.dashboard.snapshot.ServingSnapshot;
import io.uptake.warehouse.Marts;
import io.uptake.warehouse.Vocabulary;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

/**
 * The people a page's figures are about, as the filters choose them: one team, the teams of a
 * department or wave ("all matching teams"), or the whole organisation. Every person belongs to one
 * team, so a group of teams answers a per-team mart with the sums of its teams' rows
 * ({@link Summing}); one team or the organisation answers with the mart's own rows.
 *
 * @param team     the team filter: a team, or {@code __all__}
 * @param teams    the teams whose people make up the group (for the organisation: every team in the snapshot)
 * @param narrowed true when a department or wave narrows the organisation to {@code teams}
 */
public record Group(ServingSnapshot snapshot, String team, List<String> teams, boolean narrowed) {

    public Group {
        requireNonNull(snapshot, "snapshot is null");
        requireNonNull(team, "team is null");
        teams = List.copyOf(teams);
    }

    /** True for the whole organisation, unnarrowed: the only group organisation-wide figures answer for. */
    public boolean organisation() {
        return team.equals(Vocabulary.ALL_TEAMS) && !narrowed;
    }

    /** The group's rows of a per-team mart: a team's or the organisation's own rows, or its teams' sums. */
    public List<JsonNode> rows(Summing summing) {
        if (!narrowed) {
            return snapshot.rows(summing.mart(), team);
        }
        return summing.sum(teamRows(summing.mart()));
    }

    /** The group's {@code user_activity} rows: one per person of its teams. */
    public List<JsonNode> users() {
        if (organisation()) {
            return snapshot.rows(Marts.USER_ACTIVITY);
        }
        return teamRows(Marts.USER_ACTIVITY);
    }

    /** The group's adoption row of a day, or null when the snapshot has none. */
    public JsonNode adoptionOn(LocalDate date) {
        String day = date.toString();
        List<JsonNode> rows = rows(Summing.ADOPTION_DAILY);
        for (int i = rows.size() - 1; i >= 0; i--) {
            if (rows.get(i).path(Marts.DATE).asText().equals(day)) {
                return rows.get(i);
            }
        }
        return null;
    }

    private List<JsonNode> teamRows(String mart) {
        List<String> of = narrowed ? teams : List.of(team);
        List<JsonNode> rows = new ArrayList<>();
        for (String each : of) {
            rows.addAll(snapshot.rows(mart, each));
        }
        return rows;
    }
}
