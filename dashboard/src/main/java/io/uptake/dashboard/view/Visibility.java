package io.uptake.dashboard.view;

import com.fasterxml.jackson.databind.JsonNode;
import io.javalin.http.Context;
import io.uptake.dashboard.DashboardException;
import io.uptake.dashboard.auth.Scope;
import io.uptake.dashboard.i18n.Language;
import io.uptake.dashboard.snapshot.ServingSnapshot;
import io.uptake.warehouse.Columns;
import io.uptake.warehouse.Marts;
import io.uptake.warehouse.Snapshot;
import io.uptake.warehouse.Vocabulary;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * What one signed-in scope may see of one snapshot, for one set of filters: the teams (in scope, then
 * narrowed by department and wave), the {@link Group} a page's figures answer for, and which groups
 * are too small to show to a role that cannot see their people (PRODUCT.md "Access").
 */
public final class Visibility {

    private final ServingSnapshot snapshot;
    private final Scope scope;
    private final Filters filters;
    private final Language language;
    private final Map<String, JsonNode> directory = new LinkedHashMap<>();
    /** People licensed on the as-of date per team, looked up once per request, not once per row. */
    private final Map<String, Long> licensed = new HashMap<>();

    public Visibility(ServingSnapshot snapshot, Scope scope, Filters filters) {
        this(snapshot, scope, filters, Language.EN);
    }

    public Visibility(ServingSnapshot snapshot, Scope scope, Filters filters, Language language) {
        this.snapshot = snapshot;
        this.scope = scope;
        this.filters = filters;
        this.language = language;
        for (JsonNode entry : snapshot.list(Snapshot.DIRECTORY)) {
            directory.put(entry.path(Columns.TEAM).asText(), entry);
        }
    }

    /** A request's visibility: its filters ({@link Filters#of}) with the scope's default team, dates over the whole snapshot. */
    public static Visibility of(Context ctx, ServingSnapshot snapshot, Scope scope, Language language) {
        List<JsonNode> all = snapshot.rows(Marts.ADOPTION_DAILY, Vocabulary.ALL_TEAMS);
        LocalDate first = all.isEmpty() ? snapshot.asOf() : LocalDate.parse(all.get(0).path(Marts.DATE).asText());
        return new Visibility(snapshot, scope, Filters.of(ctx, scope.defaultTeam(), first, snapshot.asOf()), language);
    }

    public ServingSnapshot snapshot() {
        return snapshot;
    }

    public Scope scope() {
        return scope;
    }

    public Filters filters() {
        return filters;
    }

    /** The language of the text the server writes into the answer. */
    public Language language() {
        return language;
    }

    /** The teams of the scope matching the department and wave filters, in the snapshot's order. */
    public List<String> teams() {
        checkKnown();
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
            throw new DashboardException(DashboardException.Code.FORBIDDEN, "team_not_in_scope", team,
                    String.join(", ", scope.teams()));
        }
        if (!team.equals(Vocabulary.ALL_TEAMS) && !snapshot.teams().contains(team)) {
            throw new DashboardException(DashboardException.Code.NOT_FOUND, "no_such_team", team, snapshot.asOf().toString(),
                    String.join(", ", snapshot.teams()));
        }
        return team;
    }

    /** True when a department or wave filter is set. */
    public boolean narrowing() {
        return !filters.department().isEmpty() || !filters.wave().isEmpty();
    }

    /**
     * The group the page's figures answer for: the chosen team; else the teams matching the department
     * and wave; else the organisation. A chosen team wins over the department and wave filters: it is
     * the narrower question.
     */
    public Group group() {
        String team = team();
        if (!team.equals(Vocabulary.ALL_TEAMS) || !narrowing()) {
            return new Group(snapshot, team, team.equals(Vocabulary.ALL_TEAMS) ? snapshot.teams() : List.of(team), false);
        }
        return new Group(snapshot, team, teams(), true);
    }

    /**
     * True when a group's figures are withheld: fewer than 5 people licensed on the as-of date, and
     * the scope cannot see the user list of every team in it.
     */
    public boolean suppressed(Group group) {
        if (group.organisation()) {
            return false;
        }
        if (!group.narrowed()) {
            return suppressed(group.team());
        }
        if (group.teams().stream().allMatch(scope::seesUserListOf)) {
            return false;
        }
        return group.teams().stream().mapToLong(this::licensed).sum() < Scope.MIN_GROUP_SIZE;
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

    /**
     * The rows of a per-team mart for the visible teams, after the group's own rows: the organisation's
     * for roles that see it, or the sums of the matching teams when a department or wave narrows it
     * (team {@code __all__}, "all matching teams"). Small groups are left out.
     */
    public List<JsonNode> teamRows(Summing summing) {
        List<JsonNode> rows = new ArrayList<>();
        if (scope.allTeams()) {
            Group group = new Group(snapshot, Vocabulary.ALL_TEAMS, teams(), narrowing());
            if (!suppressed(group)) {
                rows.addAll(group.rows(summing));
            }
        }
        for (String team : teams()) {
            if (!suppressed(team)) {
                rows.addAll(snapshot.rows(summing.mart(), team));
            }
        }
        return rows;
    }

    /** The visible teams whose figures are withheld as too small, for the page to say so. */
    public List<String> suppressedTeams() {
        return teams().stream().filter(this::suppressed).toList();
    }

    /** A department or wave the snapshot does not know is a 404 naming it and the known ones. */
    private void checkKnown() {
        if (!filters.department().isEmpty()) {
            TreeSet<String> departments = new TreeSet<>();
            directory.values().forEach(e -> departments.add(e.path(Columns.DEPARTMENT).asText()));
            if (!departments.contains(filters.department())) {
                throw new DashboardException(DashboardException.Code.NOT_FOUND, "no_such_department", filters.department(),
                        snapshot.asOf().toString(), String.join(", ", departments));
            }
        }
        if (!filters.wave().isEmpty()) {
            TreeSet<String> waves = new TreeSet<>();
            directory.values().forEach(e -> e.path("waves").forEach(w -> waves.add(w.asText())));
            if (!waves.contains(filters.wave())) {
                throw new DashboardException(DashboardException.Code.NOT_FOUND, "no_such_wave", filters.wave(),
                        snapshot.asOf().toString(), String.join(", ", waves));
            }
        }
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
     * The fields every page's JSON starts with. Checks the team filter first ({@link #team()}), so no
     * page answers for a team out of scope.
     *
     * @param notNarrowed the page's figures that answer for the organisation whatever the filters;
     *                    listed only when the filters ask about less than the organisation
     */
    public Header header(List<String> notNarrowed) {
        Group group = group();
        JsonNode latest = suppressed(group) ? null : group.adoptionOn(snapshot.asOf());
        return new Header(snapshot.runId(), snapshot.asOf(), snapshot.createdAt(), filters,
                new GroupSummary(group.narrowed() ? group.teams() : List.of(group.team()), group.narrowed(),
                        latest == null ? null : latest.path(Marts.LICENSED_USERS).asLong()),
                directory(), suppressedTeams(), group.organisation() ? List.of() : notNarrowed);
    }
}
