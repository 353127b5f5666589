package io.uptake.dashboard.adoption;

import com.fasterxml.jackson.annotation.JsonUnwrapped;
import com.fasterxml.jackson.databind.JsonNode;
import io.uptake.dashboard.view.Group;
import io.uptake.dashboard.view.Header;
import io.uptake.dashboard.view.Summing;
import io.uptake.dashboard.view.Visibility;
import io.uptake.warehouse.Marts;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.temporal.TemporalAdjusters;
import java.util.List;
import java.util.Map;

/**
 * The Adoption page: DAU/WAU/MAU and the adoption rate of the chosen group over the date range, each
 * team's, module adoption and people by status at the as-of date, the lifecycle weeks that overlap
 * the range, time to first value, and, for roles that may see them, the people to call.
 */
public final class AdoptionPage {

    /** What the page shows; figures are empty and {@code users} null when withheld or not the role's to see. */
    public record View(@JsonUnwrapped Header header, boolean suppressed, JsonNode latest, List<JsonNode> daily,
                       List<AdoptionFigures.TeamSeries> teams, List<JsonNode> modules, List<JsonNode> lifecycle,
                       Map<String, Long> statuses, List<AdoptionFigures.Bucket> firstValue, List<JsonNode> users) {}

    private AdoptionPage() {}

    public static View view(Visibility visibility) {
        Header header = visibility.header(List.of());
        Group group = visibility.group();
        List<AdoptionFigures.TeamSeries> teams = AdoptionFigures.teams(visibility, true);
        if (visibility.suppressed(group)) {
            return new View(header, true, null, List.of(), teams, List.of(), List.of(), Map.of(), List.of(), null);
        }
        LocalDate asOf = visibility.snapshot().asOf();
        LocalDate from = visibility.filters().from();
        LocalDate to = visibility.filters().to();
        List<JsonNode> modules = group.rows(Summing.MODULE_ADOPTION).stream()
                .filter(r -> r.path(Marts.DATE).asText().equals(asOf.toString())).toList();
        LocalDate firstWeek = from.with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY));
        List<JsonNode> lifecycle = group.rows(Summing.LIFECYCLE_WEEKLY).stream()
                .filter(r -> AdoptionFigures.within(r.path(Marts.WEEK_START).asText(), firstWeek, to)).toList();
        List<JsonNode> people = group.users();
        // the organisation, or all teams matching a filter: only a trainer's; one team: its viewers with its user list
        boolean seesPeople = visibility.scope().seesUserListOf(group.team());
        return new View(header, false, group.adoptionOn(asOf), AdoptionFigures.daily(group, from, to), teams, modules,
                lifecycle, AdoptionFigures.statuses(people), AdoptionFigures.firstValue(people),
                seesPeople ? AdoptionFigures.usersToCall(people, visibility.scope()) : null);
    }
}
