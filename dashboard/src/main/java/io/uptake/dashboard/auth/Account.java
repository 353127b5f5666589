package io.uptake.dashboard.auth;

import static java.util.Objects.requireNonNull;

import java.util.List;

/** A person who may sign in: the bcrypt hash of their password, their role and, for leads, their teams. */
public record Account(String username, String passwordHash, Role role, List<String> teams) {
    public Account {
        requireNonNull(username, "username is null");
        requireNonNull(passwordHash, "passwordHash is null");
        requireNonNull(role, "role is null");
        teams = List.copyOf(teams);
        if (role == Role.LEAD && teams.isEmpty()) {
            throw new IllegalArgumentException("account '" + username + "' is a lead without teams");
        }
    }

    /** What this account may see. */
    public Scope scope() {
        return new Scope(role, teams);
    }
}
