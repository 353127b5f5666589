package io.uptake.dashboard.overview;

import com.fasterxml.jackson.annotation.JsonUnwrapped;
import com.fasterxml.jackson.databind.JsonNode;
import io.uptake.dashboard.adoption.AdoptionFigures;
import io.uptake.dashboard.auth.Role;
import io.uptake.dashboard.changes.Change;
import io.uptake.dashboard.changes.ChangeRules;
import io.uptake.dashboard.changes.Changes;
import io.uptake.dashboard.roi.RoiVerdict;
import io.uptake.dashboard.snapshot.ServingSnapshot;
import io.uptake.dashboard.view.Goals;
import io.uptake.dashboard.view.Group;
import io.uptake.dashboard.view.Header;
import io.uptake.dashboard.view.Visibility;
import io.uptake.warehouse.Columns;
import io.uptake.warehouse.Marts;
import java.time.YearMonth;
import java.util.List;
import java.util.Map;

/**
 * The Overview (PRODUCT.md): the chosen group's adoption tiles and trend, each team's adoption, and
 * for an executive the organisation's money: ROI to date and payback (base scenario), the as-of
 * month's idle-seat spend and cost per active user, and cost against benefit by month in the range.
 * Money is organisation-wide: under a team, department or wave filter the page says so beside it.
 * It opens with what changed ({@link Changes}) for the chosen group, and for an executive the ROI
 * verdict in one sentence with the weight of credited revenue ({@link RoiVerdict}).
 */
public final class OverviewPage {

    /** The money figures, which answer for the organisation whatever the filters. */
    static final List<String> ORGANISATION_WIDE = List.of("roi_to_date", "payback_month", "idle_seat_cost", "cost_benefit");

    /** What the Overview shows; money parts are null for roles other than executive, or when the run has no ROI. */
    public record View(@JsonUnwrapped Header header, boolean suppressed, JsonNode latest, List<JsonNode> trend,
                       List<AdoptionFigures.TeamSeries> teams, Map<String, Long> statuses,
                       JsonNode roi, JsonNode roiLatestMonth, List<JsonNode> costBenefit, String currency,
                       Map<String, Long> goals, List<Change> changes, String roiVerdict) {}

    private OverviewPage() {}

    public static View view(Visibility visibility) {
        ServingSnapshot snapshot = visibility.snapshot();
        boolean executive = visibility.scope().role() == Role.EXECUTIVE;
        Header header = visibility.header(executive ? ORGANISATION_WIDE : List.of());
        Group group = visibility.group();
        boolean suppressed = visibility.suppressed(group);
        List<AdoptionFigures.TeamSeries> teams = AdoptionFigures.teams(visibility, false);

        JsonNode base = null;
        for (JsonNode scenario : snapshot.rows(Marts.ROI_SUMMARY)) {
            if (scenario.path(Marts.SCENARIO).asText().equals("base")) {
                base = scenario;
            }
        }
        List<JsonNode> months = snapshot.rows(Marts.ROI_MONTHLY);
        YearMonth from = YearMonth.from(visibility.filters().from());
        YearMonth to = YearMonth.from(visibility.filters().to());
        List<JsonNode> inRange = months.stream().filter(m -> {
            YearMonth month = YearMonth.parse(m.path(Columns.MONTH).asText());
            return !month.isBefore(from) && !month.isAfter(to);
        }).toList();
        JsonNode assumptions = snapshot.roiAssumptions();
        return new View(header, suppressed,
                suppressed ? null : group.adoptionOn(snapshot.asOf()),
                suppressed ? List.of() : AdoptionFigures.daily(group, visibility.filters().from(), visibility.filters().to()),
                teams, suppressed ? Map.of() : AdoptionFigures.statuses(group.users()),
                executive ? base : null,
                executive && !months.isEmpty() ? months.get(months.size() - 1) : null,
                executive ? inRange : null,
                executive && assumptions != null ? assumptions.path("currency").asText() : null,
                Goals.countByStatus(Goals.of(visibility)),
                Changes.of(snapshot, visibility.scope(), group.organisation() ? visibility.teams() : group.teams(),
                        visibility.language(), ChangeRules.DEFAULTS),
                executive && !months.isEmpty() ? RoiVerdict.of(months, snapshot.asOf()).sentence(visibility.language()) : null);
    }
}
