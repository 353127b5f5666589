package io.uptake.dashboard.quality;

import com.fasterxml.jackson.annotation.JsonUnwrapped;
import com.fasterxml.jackson.databind.JsonNode;
import io.uptake.dashboard.snapshot.ServingSnapshot;
import io.uptake.dashboard.view.Group;
import io.uptake.dashboard.view.Header;
import io.uptake.dashboard.view.Summing;
import io.uptake.dashboard.view.Visibility;
import io.uptake.warehouse.Columns;
import io.uptake.warehouse.Marts;
import io.uptake.warehouse.Vocabulary;
import java.util.ArrayList;
import java.util.List;

/**
 * Data quality and freshness: records by team and object type (the chosen group's rows first), the
 * record owners behind the chosen team's stale and overdue records for roles that may see its people,
 * and every source's freshness, which is organisation-wide.
 */
public final class QualityPage {

    static final List<String> ORGANISATION_WIDE = List.of("sources");

    /** {@code owners} is null unless the role may see the chosen team's people. */
    public record View(@JsonUnwrapped Header header, String unavailable, List<JsonNode> records, List<JsonNode> owners,
                       List<JsonNode> sources) {}

    private QualityPage() {}

    public static View view(Visibility visibility) {
        ServingSnapshot snapshot = visibility.snapshot();
        Group group = visibility.group();
        List<String> notNarrowed = new ArrayList<>(ORGANISATION_WIDE);
        if (group.narrowed()) {
            notNarrowed.addAll(Summing.RECORD_FRESHNESS.notSummed());
        }
        Header header = visibility.header(notNarrowed);
        List<JsonNode> records;
        if (group.organisation() || group.narrowed()) {
            records = new ArrayList<>(visibility.teamRows(Summing.RECORD_FRESHNESS));
            if (group.organisation() && visibility.scope().allTeams()) {
                records.addAll(snapshot.rows(Marts.RECORD_FRESHNESS, Vocabulary.UNKNOWN_TEAM));
            }
        } else {
            records = visibility.suppressed(group) ? List.of() : group.rows(Summing.RECORD_FRESHNESS);
        }
        boolean seesOwners = !group.team().equals(Vocabulary.ALL_TEAMS) && visibility.scope().seesUserListOf(group.team());
        List<JsonNode> owners = seesOwners ? snapshot.rows(Marts.RECORD_OWNERS).stream()
                .filter(o -> o.path(Columns.TEAM).asText().equals(group.team()))
                .filter(o -> o.path(Marts.OVERDUE).asLong() > 0 || o.path(Marts.STALE_30D).asLong() > 0)
                .sorted((a, b) -> Long.compare(b.path(Marts.OVERDUE).asLong() + b.path(Marts.STALE_30D).asLong(),
                        a.path(Marts.OVERDUE).asLong() + a.path(Marts.STALE_30D).asLong()))
                .toList() : null;
        return new View(header, snapshot.unavailable(Marts.RECORD_FRESHNESS), records, owners,
                snapshot.rows(Marts.SOURCE_FRESHNESS));
    }
}
