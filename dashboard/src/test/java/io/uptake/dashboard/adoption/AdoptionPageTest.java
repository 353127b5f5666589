package io.uptake.dashboard.adoption;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import io.uptake.dashboard.DashboardException;
import io.uptake.dashboard.SnapshotFixture;
import io.uptake.dashboard.auth.Role;
import io.uptake.dashboard.auth.Scope;
import io.uptake.dashboard.overview.OverviewPage;
import io.uptake.dashboard.snapshot.ServingSnapshot;
import io.uptake.dashboard.view.Filters;
import io.uptake.dashboard.view.Visibility;
import io.uptake.dashboard.web.Json;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The Adoption page's figures on {@link SnapshotFixture}, for each role. */
class AdoptionPageTest {

    private static final Scope EXECUTIVE = new Scope(Role.EXECUTIVE, List.of());
    private static final Scope TRAINER = new Scope(Role.TRAINER, List.of());
    private static final Scope BIG_LEAD = new Scope(Role.LEAD, List.of("Big Team"));
    private static ServingSnapshot snapshot;

    @BeforeAll
    static void load() throws IOException {
        snapshot = ServingSnapshot.parse(new ByteArrayInputStream(
                SnapshotFixture.json("run-1").getBytes(StandardCharsets.UTF_8)), Json.mapper());
    }

    private static Visibility all(Scope scope, String team) {
        return new Visibility(snapshot, scope, new Filters(team, "", "", LocalDate.parse("2025-12-29"), LocalDate.parse("2025-12-31")));
    }

    @Test
    void bucketsTimeToFirstValueOfLicensedUsersOnly() {
        AdoptionPage.View big = AdoptionPage.view(all(BIG_LEAD, "Big Team"));

        // Gus -2; Ann 3, Dee 0; Bob 8; Cai 61; Eve none yet. Fay is unlicensed and not counted.
        assertThat(big.firstValue()).containsExactly(
                new AdoptionFigures.Bucket("before go-live", 1), new AdoptionFigures.Bucket("0-7", 2),
                new AdoptionFigures.Bucket("8-14", 1), new AdoptionFigures.Bucket("15-30", 0),
                new AdoptionFigures.Bucket("31-60", 0), new AdoptionFigures.Bucket(">60", 1),
                new AdoptionFigures.Bucket("none yet", 1));
    }

    @Test
    void countsUsersByStatusForTheTeamAndTheOrganisation() {
        assertThat(AdoptionPage.view(all(BIG_LEAD, "Big Team")).statuses())
                .containsExactly(entry("active", 4), entry("dormant", 1), entry("never_active", 1), entry("unlicensed", 1));
        assertThat(AdoptionPage.view(all(TRAINER, "__all__")).statuses())
                .containsExactly(entry("active", 5), entry("dormant", 2), entry("never_active", 1), entry("unlicensed", 1));
    }

    @Test
    void listsDormantAndNeverActiveUsersOnlyForRolesThatMaySeeThem() {
        assertThat(names(AdoptionPage.view(all(BIG_LEAD, "Big Team")).users())).containsExactly("Dee", "Eve");
        assertThat(names(AdoptionPage.view(all(TRAINER, "__all__")).users())).containsExactly("Dee", "Eve", "Ida");
        assertThat(AdoptionPage.view(all(EXECUTIVE, "__all__")).users()).isNull();
        assertThat(AdoptionPage.view(all(EXECUTIVE, "Big Team")).users()).isNull();
    }

    @Test
    void withholdsGroupsOfFewerThanFivePeopleFromExecutives() {
        AdoptionPage.View tiny = AdoptionPage.view(all(EXECUTIVE, "Tiny Team"));

        assertThat(tiny.suppressed()).isTrue();
        assertThat(tiny.latest()).isNull();
        assertThat(tiny.daily()).isEmpty();
        assertThat(tiny.statuses()).isEmpty();
        assertThat(tiny.header().group().licensedUsers()).isNull();
        assertThat(AdoptionPage.view(all(EXECUTIVE, "__all__")).teams())
                .extracting(AdoptionFigures.TeamSeries::team, AdoptionFigures.TeamSeries::suppressed)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("Big Team", false),
                        org.assertj.core.groups.Tuple.tuple("Tiny Team", true));
        // A trainer sees the same team's user list, so the figures are not withheld from them.
        AdoptionPage.View forTrainer = AdoptionPage.view(all(TRAINER, "Tiny Team"));
        assertThat(forTrainer.suppressed()).isFalse();
        assertThat(forTrainer.latest().path("mau").asLong()).isEqualTo(2);
    }

    @Test
    void selectsTheDateRangeInclusivelyAndTheWeeksThatOverlapIt() {
        AdoptionPage.View range = AdoptionPage.view(new Visibility(snapshot, BIG_LEAD,
                new Filters("Big Team", "", "", LocalDate.parse("2025-12-24"), LocalDate.parse("2025-12-30"))));

        assertThat(range.daily()).extracting(r -> r.path("date").asText()).containsExactly("2025-12-29", "2025-12-30");
        // 2025-12-24 is a Wednesday: its week starts on Monday 2025-12-22.
        assertThat(range.lifecycle()).extracting(r -> r.path("week_start").asText()).containsExactly("2025-12-22", "2025-12-29");
        assertThat(range.latest().path("mau").asLong()).isEqualTo(5);
    }

    @Test
    void refusesTeamsOutsideTheScopeAndNamesUnknownOnes() {
        assertThatThrownBy(() -> AdoptionPage.view(all(BIG_LEAD, "Tiny Team")))
                .isInstanceOfSatisfying(DashboardException.class, e -> {
                    assertThat(e.code()).isEqualTo(DashboardException.Code.FORBIDDEN);
                    assertThat(e.getMessage()).isEqualTo("Team 'Tiny Team' is not in your scope; you may see: Big Team");
                });
        assertThatThrownBy(() -> OverviewPage.view(all(BIG_LEAD, "__all__")))
                .isInstanceOfSatisfying(DashboardException.class,
                        e -> assertThat(e.code()).isEqualTo(DashboardException.Code.FORBIDDEN));
        assertThatThrownBy(() -> AdoptionPage.view(all(EXECUTIVE, "Nobody")))
                .isInstanceOfSatisfying(DashboardException.class, e -> {
                    assertThat(e.code()).isEqualTo(DashboardException.Code.NOT_FOUND);
                    assertThat(e.getMessage()).isEqualTo(
                            "No team 'Nobody' in the snapshot of 2025-12-31; teams: Big Team, Tiny Team");
                });
    }

    private static Map.Entry<String, Long> entry(String status, long users) {
        return Map.entry(status, users);
    }

    private static List<String> names(List<JsonNode> users) {
        return users.stream().map(u -> u.path("display_name").asText()).toList();
    }
}
