package io.uptake.dashboard.view;

import io.uptake.dashboard.DashboardException;
import io.uptake.dashboard.auth.Role;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * The six pages of PRODUCT.md and the roles that may open them, enforced on the server for the page
 * and for its API: executives every page; trainers adoption, training and quality; leads every page
 * with team data, which leaves out ROI (organisation-wide money, no team in it).
 */
public enum Page {
    OVERVIEW(Role.EXECUTIVE, Role.LEAD),
    ADOPTION(Role.EXECUTIVE, Role.TRAINER, Role.LEAD),
    TRAINING(Role.EXECUTIVE, Role.TRAINER, Role.LEAD),
    QUALITY(Role.EXECUTIVE, Role.TRAINER, Role.LEAD),
    ROLLOUT(Role.EXECUTIVE, Role.LEAD),
    ROI(Role.EXECUTIVE);

    private final Set<Role> roles;

    Page(Role... roles) {
        this.roles = Set.of(roles);
    }

    /** The page's path segment and API name: {@code /training}, {@code /api/v1/training}. */
    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    public boolean allows(Role role) {
        return roles.contains(role);
    }

    /** The ids of the pages a role may open, in navigation order. */
    public static List<String> allowedTo(Role role) {
        return Arrays.stream(values()).filter(p -> p.allows(role)).map(Page::id).toList();
    }

    /** The page of an id ({@code training}), if there is one. */
    public static Optional<Page> of(String id) {
        return Arrays.stream(values()).filter(p -> p.id().equals(id)).findFirst();
    }

    /** Throws a 403 naming the page and role when the role may not open it. */
    public void requireAllowed(Role role) {
        if (!allows(role)) {
            throw new DashboardException(DashboardException.Code.FORBIDDEN,
                    "The " + id() + " page is not open to the " + role.id() + " role");
        }
    }
}
