package io.uptake.dashboard.view;

import java.util.List;

/**
 * The group a page answers for, as its JSON states it beside the filters: its teams, whether a
 * department or wave narrowed the organisation to them, and how many people were licensed on the
 * as-of date (null when the group's figures are withheld). A page shows this so nobody reads a department's figures as the organisation's.
 */
public record GroupSummary(List<String> teams, boolean narrowed, Long licensedUsers) {

    public GroupSummary {
        teams = List.copyOf(teams);
    }
}
