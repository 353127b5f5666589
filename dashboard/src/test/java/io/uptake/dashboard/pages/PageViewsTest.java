package io.uptake.dashboard.pages;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import io.uptake.dashboard.DashboardApp;
import io.uptake.dashboard.DashboardException;
import io.uptake.dashboard.SnapshotFixture;
import io.uptake.dashboard.auth.Role;
import io.uptake.dashboard.auth.Scope;
import io.uptake.dashboard.snapshot.ServingSnapshot;
import io.uptake.dashboard.view.Filters;
import io.uptake.dashboard.view.Page;
import io.uptake.dashboard.view.Visibility;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The four page views on {@link SnapshotFixture}: Big Team has 6 licensed people, Tiny Team 2, so Tiny
 * Team's figures are withheld from executives (no user list) and shown to trainers and its lead.
 */
class PageViewsTest {

    private static final Scope EXECUTIVE = new Scope(Role.EXECUTIVE, List.of());
    private static final Scope TRAINER = new Scope(Role.TRAINER, List.of());
    private static final Scope TINY_LEAD = new Scope(Role.LEAD, List.of("Tiny Team"));
    private static final LocalDate FIRST = LocalDate.parse("2025-12-29");
    private static final LocalDate AS_OF = LocalDate.parse(SnapshotFixture.AS_OF);

    private static ServingSnapshot snapshot;

    @BeforeAll
    static void load() throws IOException {
        snapshot = ServingSnapshot.parse(new ByteArrayInputStream(SnapshotFixture.json("run-1").getBytes(StandardCharsets.UTF_8)),
                DashboardApp.json());
    }

    @Test
    void anExecutiveSeesTrainingFiguresOfTeamsOfFiveOrMoreAndNoPeople() {
        Map<String, Object> body = PageViews.training(snapshot, visibility(EXECUTIVE, "__all__", "", ""));

        assertThat(teams(body.get("needing_help"))).containsExactly("Big Team");
        assertThat(teams(body.get("gap"))).containsExactly("__all__", "Big Team");
        // SVC-101 has 2 trained people: withheld like a small team
        assertThat(values(body.get("effect"), "course_id")).containsExactly("SAL-101");
        assertThat(body.get("users")).isNull();
        assertThat(body.get("suppressed_teams")).isEqualTo(List.of("Tiny Team"));
    }

    @Test
    void aTrainerSeesEveryTeamAndThePeopleBehindTheGap() {
        Map<String, Object> all = PageViews.training(snapshot, visibility(TRAINER, "__all__", "", ""));
        Map<String, Object> tiny = PageViews.training(snapshot, visibility(TRAINER, "Tiny Team", "", ""));

        assertThat(teams(all.get("needing_help"))).containsExactly("Tiny Team", "Big Team");
        assertThat(values(all.get("users"), "display_name")).containsExactly("Dee", "Hal");
        assertThat(values(tiny.get("users"), "display_name")).containsExactly("Hal");
        assertThat(values(all.get("effect"), "course_id")).containsExactly("SAL-101", "SVC-101");
    }

    @Test
    void aLeadSeesOnlyTheirTeamWithTheOrganisationsRankAndNoOrganisationFigures() {
        Map<String, Object> body = PageViews.training(snapshot, visibility(TINY_LEAD, "Tiny Team", "", ""));

        assertThat(teams(body.get("needing_help"))).containsExactly("Tiny Team");
        assertThat(((List<?>) body.get("needing_help")).get(0)).extracting(r -> ((JsonNode) r).path("rank").asInt())
                .isEqualTo(1);
        assertThat(teams(body.get("gap"))).containsExactly("Tiny Team");
        assertThat(body.get("effect")).isNull();
        assertThat(values(body.get("users"), "display_name")).containsExactly("Hal");
        assertThat(body.get("directory")).asList().hasSize(1);
    }

    @Test
    void aLeadAskingForAnotherTeamOrTheOrganisationIsForbidden() {
        assertThatThrownBy(() -> PageViews.training(snapshot, visibility(TINY_LEAD, "Big Team", "", "")))
                .isInstanceOf(DashboardException.class)
                .extracting(e -> ((DashboardException) e).code()).isEqualTo(DashboardException.Code.FORBIDDEN);
        assertThatThrownBy(() -> PageViews.quality(snapshot, visibility(TINY_LEAD, "__all__", "", "")))
                .extracting(e -> ((DashboardException) e).code()).isEqualTo(DashboardException.Code.FORBIDDEN);
    }

    @Test
    void qualityShowsRecordsByTeamWithUnknownOwnersAndNarrowsByDepartment() {
        Map<String, Object> all = PageViews.quality(snapshot, visibility(EXECUTIVE, "__all__", "", ""));
        Map<String, Object> sales = PageViews.quality(snapshot, visibility(TRAINER, "__all__", "Sales", ""));

        assertThat(teams(all.get("records"))).containsExactly("__all__", "Big Team", "unknown");
        assertThat(teams(sales.get("records"))).containsExactly("__all__", "Big Team");
        assertThat(values(all.get("sources"), "source")).containsExactly("salesforce-elf");
        assertThat(all.get("unavailable")).isNull();
    }

    @Test
    void rolloutGivesExecutivesTheWavesAndLeadsTheirTeamAlignedOnItsGoLive() {
        Map<String, Object> waveTwo = PageViews.rollout(snapshot, visibility(EXECUTIVE, "__all__", "", "wave-2"));
        Map<String, Object> executive = PageViews.rollout(snapshot, visibility(EXECUTIVE, "__all__", "", ""));
        Map<String, Object> lead = PageViews.rollout(snapshot, visibility(TINY_LEAD, "Tiny Team", "", ""));

        assertThat(values(waveTwo.get("waves"), "wave")).containsExactly("wave-2");
        assertThat(values(waveTwo.get("curves"), "day")).containsExactly("0");
        // the wave filter narrows the teams to Tiny Team, whose manager is withheld from an executive
        assertThat(values(waveTwo.get("managers"), "display_name")).isEmpty();
        assertThat(values(executive.get("waves"), "wave")).containsExactly("wave-1", "wave-2");
        // Tiny Team's goal is withheld from an executive: 2 people
        assertThat(values(executive.get("goals"), "goal_id")).containsExactly("G1", "G2", "G4");
        assertThat(values(executive.get("managers"), "display_name")).containsExactly("Ann");

        assertThat(lead.get("waves")).isNull();
        // wave-2 went live on 2025-12-31, the as-of date: day 0 only, MAU 2 of 2
        assertThat(lead.get("team_curves")).asList().singleElement()
                .isEqualTo(Map.of("team", "Tiny Team", "wave", "wave-2", "day", 0L, "date", "2025-12-31",
                        "licensed_users", 2L, "mau", 2L, "adoption_rate", snapshot.rows("adoption_daily", "Tiny Team")
                                .get(2).get("adoption_rate")));
        assertThat(values(lead.get("goals"), "goal_id")).containsExactly("G3");
        assertThat(values(lead.get("managers"), "display_name")).containsExactly("Hal");
    }

    @Test
    void roiKeepsTheMonthsOfTheDateRangeAndCarriesTheAssumptions() {
        Visibility december = new Visibility(snapshot, EXECUTIVE,
                new Filters("__all__", "", "", LocalDate.parse("2025-12-01"), AS_OF));

        Map<String, Object> body = PageViews.roi(snapshot, december);

        assertThat(values(body.get("monthly"), "month")).containsExactly("2025-12");
        assertThat(values(body.get("summary"), "scenario")).containsExactly("low", "base", "high");
        assertThat(((JsonNode) body.get("assumptions")).path("hourly_rate").asDouble()).isEqualTo(55.0);
    }

    @Test
    void theOverviewGivesExecutivesTheMoneyAndLeadsOnlyTheirGoals() {
        Map<String, Object> executive = PageViews.overviewMoney(snapshot, visibility(EXECUTIVE, "__all__", "", ""));
        Map<String, Object> lead = PageViews.overviewMoney(snapshot, visibility(TINY_LEAD, "Tiny Team", "", ""));

        assertThat(((JsonNode) executive.get("roi")).path("payback_month").asText()).isEqualTo("2025-12");
        assertThat(((JsonNode) executive.get("roi_latest_month")).path("month").asText()).isEqualTo("2025-12");
        assertThat(executive.get("goals")).isEqualTo(Map.of("done", 1L, "green", 1L, "amber", 0L, "red", 1L));
        assertThat(executive.get("currency")).isEqualTo("USD");
        assertThat(lead.get("roi")).isNull();
        assertThat(lead.get("cost_benefit")).isNull();
        assertThat(lead.get("goals")).isEqualTo(Map.of("done", 0L, "green", 0L, "amber", 1L, "red", 0L));
    }

    @Test
    void eachPageIsOpenToTheRolesOfTheProductSpecification() {
        assertThat(Page.ROI.allows(Role.EXECUTIVE)).isTrue();
        assertThat(Page.ROI.allows(Role.LEAD)).isFalse();
        assertThat(Page.ROLLOUT.allows(Role.TRAINER)).isFalse();
        assertThat(Page.OVERVIEW.allows(Role.TRAINER)).isFalse();
        assertThat(Page.TRAINING.allows(Role.LEAD)).isTrue();
        assertThatThrownBy(() -> Page.ROI.requireAllowed(Role.TRAINER))
                .hasMessage("The roi page is not open to the trainer role");
    }

    private static Visibility visibility(Scope scope, String team, String department, String wave) {
        return new Visibility(snapshot, scope, new Filters(team, department, wave, FIRST, AS_OF));
    }

    private static List<String> teams(Object rows) {
        return values(rows, "team");
    }

    private static List<String> values(Object rows, String field) {
        return ((List<?>) rows).stream().map(r -> ((JsonNode) r).path(field).asText()).toList();
    }
}
