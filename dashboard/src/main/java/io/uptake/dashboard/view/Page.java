package io.uptake.dashboard.view;

import static java.util.Objects.requireNonNull;

import io.uptake.dashboard.DashboardException;
import io.uptake.dashboard.auth.Role;
import java.util.Locale;
import java.util.Set;

/**
 * One dashboard page: its id (the path {@code /id}, the HTML template {@code pages/id.html}, the API
 * {@code /api/v1/id}), the roles it is open to, enforced on the server for the page and for its API,
 * and the view that builds its JSON. Adding a page is a package with its view and one descriptor in
 * the registry ({@code io.uptake.dashboard.pages.Pages}).
 */
public record Page(String id, Set<Role> roles, View view) {

    /** Builds a page's JSON (a record) for what a request may see; throws for filters out of its scope. */
    @FunctionalInterface
    public interface View {
        Object build(Visibility visibility);
    }

    public Page {
        requireNonNull(id, "id is null");
        if (!id.equals(id.toLowerCase(Locale.ROOT))) {
            throw new IllegalArgumentException("page id " + id + " is not lower case");
        }
        roles = Set.copyOf(roles);
        requireNonNull(view, "view is null");
    }

    public boolean allows(Role role) {
        return roles.contains(role);
    }

    /** Throws a 403 naming the page and role when the role may not open it. */
    public void requireAllowed(Role role) {
        if (!allows(role)) {
            throw new DashboardException(DashboardException.Code.FORBIDDEN, "page_not_allowed", id, role.id());
        }
    }
}
