package io.uptake.dashboard.auth;

import static java.util.Objects.requireNonNull;

import io.uptake.warehouse.Vocabulary;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * What a signed-in account may see (PRODUCT.md "Access"), enforced by every service on the server.
 * Executives and trainers see every team and the organisation as a whole; a lead sees only their own
 * teams. User lists are for trainers, and for leads on their own teams: executives see figures only,
 * which is why figures of groups smaller than {@link #MIN_GROUP_SIZE} are withheld from them.
 */
public record Scope(Role role, List<String> teams) {

    /** Groups smaller than this are not shown to a role that cannot see their user list. */
    public static final int MIN_GROUP_SIZE = 5;

    public Scope {
        requireNonNull(role, "role is null");
        teams = List.copyOf(new TreeSet<>(teams));
    }

    public boolean allTeams() {
        return role != Role.LEAD;
    }

    /** True for a team in scope; {@code __all__}, the whole organisation, only for all-team roles. */
    public boolean canSee(String team) {
        return allTeams() || teams.contains(team);
    }

    public boolean seesUserListOf(String team) {
        return role == Role.TRAINER || (role == Role.LEAD && teams.contains(team));
    }

    /** The team a page opens on: the whole organisation, or a lead's first team. */
    public String defaultTeam() {
        return allTeams() ? Vocabulary.ALL_TEAMS : teams.get(0);
    }

    /** The teams of {@code known} this scope may see, in order. */
    public List<String> visible(List<String> known) {
        Set<String> mine = Set.copyOf(teams);
        return known.stream().filter(t -> allTeams() || mine.contains(t)).toList();
    }
}
