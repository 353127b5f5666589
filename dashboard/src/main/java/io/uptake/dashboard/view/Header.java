package io.uptake.dashboard.view;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

/**
 * The fields every page's JSON starts with: the run and its as-of date, the filters as understood
 * ({@code selection}: team, department, wave, from, to), the group they chose, the teams directory for
 * the filter bar, the teams withheld as too small, and the figures on the page that answer for the
 * whole organisation whatever the filters ({@code not_narrowed}: ids the page marks as such).
 */
public record Header(String runId, LocalDate asOf, Instant createdAt, Filters selection, GroupSummary group,
                     List<JsonNode> directory, List<String> suppressedTeams, List<String> notNarrowed) {

    public Header {
        directory = List.copyOf(directory);
        suppressedTeams = List.copyOf(suppressedTeams);
        notNarrowed = List.copyOf(notNarrowed);
    }
}
