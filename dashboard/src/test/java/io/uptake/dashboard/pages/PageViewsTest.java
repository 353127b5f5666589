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
import io.uptake.dashboard.overview.OverviewPage;
import io.uptake.dashboard.pages.Pages;
import io.uptake.dashboard.quality.QualityPage;
import io.uptake.dashboard.roi.RoiPage;
import io.uptake.dashboard.rollout.RolloutPage;
import io.uptake.dashboard.training.TrainingPage;
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

    private static final com.fasterxml.jackson.databind.ObjectMapper JSON = DashboardApp.json();

    private static ServingSnapshot snapshot;

    @BeforeAll
    static void load() throws IOException {
        snapshot = ServingSnapshot.parse(new ByteArrayInputStream(SnapshotFixture.json("run-1").getBytes(StandardCharsets.UTF_8)),
                DashboardApp.json());
    }

    @Test
    void anExecutiveSeesTrainingFiguresOfTeamsOfFiveOrMoreAndNoPeople() {
        JsonNode body = json(TrainingPage.view(visibility(EXECUTIVE, "__all__", "", "")));

        assertThat(teams(body.path("needing_help"))).containsExactly("Big Team");
        assertThat(teams(body.path("gap"))).containsExactly("__all__", "Big Team");
        // SVC-101 has 2 trained people: withheld like a small team
        assertThat(values(body.path("effect"), "course_id")).containsExactly("SAL-101");
        assertThat(body.path("users").isNull()).as("users").isTrue();
        assertThat(values(body.path("suppressed_teams"))).containsExactly("Tiny Team");
    }

    @Test
    void aTrainerSeesEveryTeamAndThePeopleBehindTheGap() {
        JsonNode all = json(TrainingPage.view(visibility(TRAINER, "__all__", "", "")));
        JsonNode tiny = json(TrainingPage.view(visibility(TRAINER, "Tiny Team", "", "")));

        assertThat(teams(all.path("needing_help"))).containsExactly("Tiny Team", "Big Team");
        assertThat(values(all.path("users"), "display_name")).containsExactly("Dee", "Hal");
        assertThat(values(tiny.path("users"), "display_name")).containsExactly("Hal");
        assertThat(values(all.path("effect"), "course_id")).containsExactly("SAL-101", "SVC-101");
    }

    @Test
    void aLeadSeesOnlyTheirTeamWithTheOrganisationsRankAndNoOrganisationFigures() {
        JsonNode body = json(TrainingPage.view(visibility(TINY_LEAD, "Tiny Team", "", "")));

        assertThat(teams(body.path("needing_help"))).containsExactly("Tiny Team");
        assertThat(body.path("needing_help").get(0).path("rank").asInt()).isEqualTo(1);
        assertThat(teams(body.path("gap"))).containsExactly("Tiny Team");
        assertThat(body.path("effect").isNull()).as("effect").isTrue();
        assertThat(values(body.path("users"), "display_name")).containsExactly("Hal");
        assertThat(body.path("directory").size()).isEqualTo(1);
    }

    @Test
    void aLeadAskingForAnotherTeamOrTheOrganisationIsForbidden() {
        assertThatThrownBy(() -> TrainingPage.view(visibility(TINY_LEAD, "Big Team", "", "")))
                .isInstanceOf(DashboardException.class)
                .extracting(e -> ((DashboardException) e).code()).isEqualTo(DashboardException.Code.FORBIDDEN);
        assertThatThrownBy(() -> QualityPage.view(visibility(TINY_LEAD, "__all__", "", "")))
                .extracting(e -> ((DashboardException) e).code()).isEqualTo(DashboardException.Code.FORBIDDEN);
    }

    @Test
    void qualityShowsRecordsByTeamWithUnknownOwnersAndNarrowsByDepartment() {
        JsonNode all = json(QualityPage.view(visibility(EXECUTIVE, "__all__", "", "")));
        JsonNode sales = json(QualityPage.view(visibility(TRAINER, "__all__", "Sales", "")));

        assertThat(teams(all.path("records"))).containsExactly("__all__", "Big Team", "unknown");
        assertThat(teams(sales.path("records"))).containsExactly("__all__", "Big Team");
        assertThat(values(all.path("sources"), "source")).containsExactly("salesforce-elf");
        assertThat(all.path("unavailable").isNull()).as("unavailable").isTrue();
    }

    @Test
    void rolloutGivesExecutivesTheWavesAndLeadsTheirTeamAlignedOnItsGoLive() {
        JsonNode waveTwo = json(RolloutPage.view(visibility(EXECUTIVE, "__all__", "", "wave-2")));
        JsonNode executive = json(RolloutPage.view(visibility(EXECUTIVE, "__all__", "", "")));
        JsonNode lead = json(RolloutPage.view(visibility(TINY_LEAD, "Tiny Team", "", "")));

        assertThat(values(waveTwo.path("waves"), "wave")).containsExactly("wave-2");
        assertThat(values(waveTwo.path("curves"), "day")).containsExactly("0");
        // the wave filter narrows the teams to Tiny Team, whose manager is withheld from an executive
        assertThat(values(waveTwo.path("managers"), "display_name")).isEmpty();
        assertThat(values(executive.path("waves"), "wave")).containsExactly("wave-1", "wave-2");
        // Tiny Team's goal is withheld from an executive: 2 people
        assertThat(values(executive.path("goals"), "goal_id")).containsExactly("G1", "G2", "G4");
        assertThat(values(executive.path("managers"), "display_name")).containsExactly("Ann");

        assertThat(lead.path("waves").isNull()).as("waves").isTrue();
        // wave-2 went live on 2025-12-31, the as-of date: day 0 only, MAU 2 of 2
        assertThat(lead.path("team_curves").size()).isEqualTo(1);
        assertThat(lead.path("team_curves").get(0)).isEqualTo(JSON.valueToTree(Map.of("team", "Tiny Team", "wave", "wave-2",
                "day", 0L, "date", "2025-12-31", "licensed_users", 2L, "mau", 2L, "adoption_rate", 1.0)));
        assertThat(values(lead.path("goals"), "goal_id")).containsExactly("G3");
        assertThat(values(lead.path("managers"), "display_name")).containsExactly("Hal");
    }

    @Test
    void roiKeepsTheMonthsOfTheDateRangeAndCarriesTheAssumptions() {
        Visibility december = new Visibility(snapshot, EXECUTIVE,
                new Filters("__all__", "", "", LocalDate.parse("2025-12-01"), AS_OF));

        JsonNode body = json(RoiPage.view(december));

        assertThat(values(body.path("monthly"), "month")).containsExactly("2025-12");
        assertThat(values(body.path("summary"), "scenario")).containsExactly("low", "base", "high");
        assertThat(body.path("assumptions").path("hourly_rate").asDouble()).isEqualTo(55.0);
    }

    @Test
    void theOverviewGivesExecutivesTheMoneyAndLeadsOnlyTheirGoals() {
        JsonNode executive = json(OverviewPage.view(visibility(EXECUTIVE, "__all__", "", "")));
        JsonNode lead = json(OverviewPage.view(visibility(TINY_LEAD, "Tiny Team", "", "")));

        assertThat(executive.path("roi").path("payback_month").asText()).isEqualTo("2025-12");
        assertThat(executive.path("roi_latest_month").path("month").asText()).isEqualTo("2025-12");
        assertThat(executive.path("goals")).isEqualTo(JSON.valueToTree(Map.of("done", 1L, "green", 1L, "amber", 0L, "red", 1L)));
        assertThat(executive.path("currency").asText()).isEqualTo("USD");
        assertThat(lead.path("roi").isNull()).as("roi").isTrue();
        assertThat(lead.path("cost_benefit").isNull()).as("cost_benefit").isTrue();
        assertThat(lead.path("goals")).isEqualTo(JSON.valueToTree(Map.of("done", 0L, "green", 0L, "amber", 1L, "red", 0L)));
    }

    @Test
    void eachPageIsOpenToTheRolesOfTheProductSpecification() {
        assertThat(Pages.ROI.allows(Role.EXECUTIVE)).isTrue();
        assertThat(Pages.ROI.allows(Role.LEAD)).isFalse();
        assertThat(Pages.ROLLOUT.allows(Role.TRAINER)).isFalse();
        assertThat(Pages.OVERVIEW.allows(Role.TRAINER)).isFalse();
        assertThat(Pages.TRAINING.allows(Role.LEAD)).isTrue();
        assertThatThrownBy(() -> Pages.ROI.requireAllowed(Role.TRAINER))
                .hasMessage("The roi page is not open to the trainer role");
    }

    private static Visibility visibility(Scope scope, String team, String department, String wave) {
        return new Visibility(snapshot, scope, new Filters(team, department, wave, FIRST, AS_OF));
    }

    private static JsonNode json(Object view) {
        return JSON.valueToTree(view);
    }

    private static List<String> teams(JsonNode rows) {
        return values(rows, "team");
    }

    private static List<String> values(JsonNode rows, String field) {
        List<String> values = new java.util.ArrayList<>();
        rows.forEach(r -> values.add(r.path(field).asText()));
        return values;
    }

    private static List<String> values(JsonNode texts) {
        List<String> values = new java.util.ArrayList<>();
        texts.forEach(t -> values.add(t.asText()));
        return values;
    }
}
