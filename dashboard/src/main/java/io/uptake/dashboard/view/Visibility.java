package io.uptake.dashboard.view;

import com.fasterxml.jackson.databind.JsonNode;
import io.uptake.dashboard.DashboardException;
import io.uptake.dashboard.auth.Scope;
import io.uptake.dashboard.snapshot.ServingSnapshot;
import io.uptake.warehouse.Columns;
import io.uptake.warehouse.Marts;
import io.uptake.warehouse.Snapshot;
import io.uptake.warehouse.Vocabulary;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What one signed-in scope may see of one snapshot, for one set of filters: the teams (in scope, then
 * narrowed by department and wave), the team a page is about, and which groups are too small to show
 * to a role that cannot see their people (PRODUCT.md "Access").
 */
public final class Visibility {

    private final ServingSnapshot snapshot;
    private final Scope scope;
    private final Filters filters;
    private final Map<String, JsonNode> directory = new LinkedHashMap<>();
    /** People licensed on the as-of date per team, looked up once per request, not once per row. */
    private final Map<String, Long> licensed = new HashMap<>();

    public Visibility(ServingSnapshot snapshot, Scope scope, Filters filters) {
        this.snapshot = snapshot;
        this.scope = scope;
        this.filters = filters;
        for (JsonNode entry : snapshot.list(Snapshot.DIRECTORY)) {
            directory.put(entry.path(Columns.TEAM).asText(), entry);
        }
    }

    public Scope scope() {
        return scope;
    }

    public Filters filters() {
        return filters;
    }

    /** The teams of the scope matching the department and wave filters, in the snapshot's order. */
    public List<String> teams() {
        return scope.visible(snapshot.teams()).stream().filter(this::matches).toList();
    }

    /** The directory entries ({@code team, department, waves}) of the teams in scope, unfiltered. */
    public List<JsonNode> directory() {
        List<JsonNode> entries = new ArrayList<>();
        for (String team : scope.visible(snapshot.teams())) {
            JsonNode entry = directory.get(team);
            if (entry != null) {
                entries.add(entry);
            }
        }
        return entries;
    }

    /**
     * The team the page is about, checked: 403 outside the scope (whatever the URL says), 404 when the
     * snapshot has no such team. {@code __all__} is the organisation, for roles that see every team.
     */
    public String team() {
        String team = filters.team();
        if (!scope.canSee(team)) {
            throw new DashboardException(DashboardException.Code.FORBIDDEN,
                    "Team '" + team + "' is not in your scope; you may see: " + String.join(", ", scope.teams()));
        }
        if (!team.equals(Vocabulary.ALL_TEAMS) && !snapshot.teams().contains(team)) {
            throw new DashboardException(DashboardException.Code.NOT_FOUND, "No team '" + team + "' in the snapshot of "
                    + snapshot.asOf() + "; teams: " + String.join(", ", snapshot.teams()));
        }
        return team;
    }

    /** True when a team's figures are withheld: fewer than 5 licensed people, and no right to its user list. */
    public boolean suppressed(String team) {
        if (team.equals(Vocabulary.UNKNOWN_TEAM) || scope.seesUserListOf(team)) {
            return false;
        }
        return licensed(team) < Scope.MIN_GROUP_SIZE;
    }

    /** People licensed on the as-of date in the team ({@code __all__}: the organisation). */
    public long licensed(String team) {
        return licensed.computeIfAbsent(team, this::licensedOnAsOf);
    }

    private long licensedOnAsOf(String team) {
        String asOf = snapshot.asOf().toString();
        for (JsonNode row : snapshot.rows(Marts.ADOPTION_DAILY, team)) {
            if (row.path(Marts.DATE).asText().equals(asOf)) {
                return row.path(Marts.LICENSED_USERS).asLong();
            }
        }
        return 0;
    }

    /** The rows of a per-team mart for the visible teams, plus {@code __all__} for roles that see it; small groups left out. */
    public List<JsonNode> teamRows(String mart) {
        List<String> teams = new ArrayList<>(teams());
        if (scope.allTeams()) {
            teams.add(0, Vocabulary.ALL_TEAMS);
        }
        List<JsonNode> rows = new ArrayList<>();
        for (String team : teams) {
            if (!suppressed(team)) {
                rows.addAll(snapshot.rows(mart, team));
            }
        }
        return rows;
    }

    /** The visible teams whose figures are withheld as too small, for the page to say so. */
    public List<String> suppressedTeams() {
        return teams().stream().filter(this::suppressed).toList();
    }

    private boolean matches(String team) {
        JsonNode entry = directory.get(team);
        if (!filters.department().isEmpty()
                && (entry == null || !entry.path(Columns.DEPARTMENT).asText().equals(filters.department()))) {
            return false;
        }
        if (!filters.wave().isEmpty()) {
            if (entry == null) {
                return false;
            }
            for (JsonNode wave : entry.path("waves")) {
                if (wave.asText().equals(filters.wave())) {
                    return true;
                }
            }
            return false;
        }
        return true;
    }

    /**
     * The fields every page's JSON starts with: the run, the as-of date, the filters and the directory.
     * Checks the team filter first ({@link #team()}), so no page answers for a team out of scope.
     */
    public Map<String, Object> header() {
        team();
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("run_id", snapshot.runId());
        body.put("as_of", snapshot.asOf().toString());
        body.put("created_at", snapshot.createdAt().toString());
        Map<String, Object> selection = new LinkedHashMap<>();
        selection.put("team", filters.team());
        selection.put("department", filters.department());
        selection.put("wave", filters.wave());
        selection.put("from", filters.from().toString());
        selection.put("to", filters.to().toString());
        body.put("selection", selection);
        body.put("directory", directory());
        body.put("suppressed_teams", suppressedTeams());
        return body;
    }
}
