package io.uptake.dashboard.adoption;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import io.uptake.dashboard.DashboardApp;
import io.uptake.dashboard.DashboardException;
import io.uptake.dashboard.SnapshotFixture;
import io.uptake.dashboard.auth.Role;
import io.uptake.dashboard.auth.Scope;
import io.uptake.dashboard.snapshot.ServingSnapshot;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class AdoptionServiceTest {

    static ServingSnapshot snapshot;
    final AdoptionService service = new AdoptionService();
    final Scope executive = new Scope(Role.EXECUTIVE, List.of());
    final Scope trainer = new Scope(Role.TRAINER, List.of());
    final Scope lead = new Scope(Role.LEAD, List.of("Big Team"));

    @BeforeAll
    static void load() throws IOException {
        snapshot = ServingSnapshot.parse(new ByteArrayInputStream(
                SnapshotFixture.json("run-1").getBytes(StandardCharsets.UTF_8)), DashboardApp.json());
    }

    private AdoptionService.Selection all(String team) {
        return new AdoptionService.Selection(team, LocalDate.parse("2025-12-29"), LocalDate.parse("2025-12-31"));
    }

    @Test
    void bucketsTimeToFirstValueOfLicensedUsersOnly() {
        AdoptionService.Adoption big = service.adoption(snapshot, lead, all("Big Team"));

        // Gus -2; Ann 3, Dee 0; Bob 8; Cai 61; Eve none yet. Fay is unlicensed and not counted.
        assertThat(big.firstValue()).containsExactly(
                new AdoptionService.Bucket("before go-live", 1), new AdoptionService.Bucket("0-7", 2),
                new AdoptionService.Bucket("8-14", 1), new AdoptionService.Bucket("15-30", 0),
                new AdoptionService.Bucket("31-60", 0), new AdoptionService.Bucket(">60", 1),
                new AdoptionService.Bucket("none yet", 1));
    }

    @Test
    void countsUsersByStatusForTheTeamAndTheOrganisation() {
        assertThat(service.adoption(snapshot, lead, all("Big Team")).statuses())
                .containsExactly(entry("active", 4), entry("dormant", 1), entry("never_active", 1), entry("unlicensed", 1));
        assertThat(service.adoption(snapshot, trainer, all("__all__")).statuses())
                .containsExactly(entry("active", 5), entry("dormant", 2), entry("never_active", 1), entry("unlicensed", 1));
    }

    @Test
    void listsDormantAndNeverActiveUsersOnlyForRolesThatMaySeeThem() {
        assertThat(names(service.adoption(snapshot, lead, all("Big Team")).users())).containsExactly("Dee", "Eve");
        assertThat(names(service.adoption(snapshot, trainer, all("__all__")).users())).containsExactly("Dee", "Eve", "Ida");
        assertThat(service.adoption(snapshot, executive, all("__all__")).users()).isNull();
        assertThat(service.adoption(snapshot, executive, all("Big Team")).users()).isNull();
    }

    @Test
    void withholdsGroupsOfFewerThanFivePeopleFromExecutives() {
        AdoptionService.Adoption tiny = service.adoption(snapshot, executive, all("Tiny Team"));

        assertThat(tiny.suppressed()).isTrue();
        assertThat(tiny.latest()).isNull();
        assertThat(tiny.daily()).isEmpty();
        assertThat(tiny.statuses()).isEmpty();
        assertThat(service.adoption(snapshot, executive, all("__all__")).teams())
                .extracting(AdoptionService.TeamSeries::team, AdoptionService.TeamSeries::suppressed)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("Big Team", false),
                        org.assertj.core.groups.Tuple.tuple("Tiny Team", true));
        // A trainer sees the same team's user list, so the figures are not withheld from them.
        AdoptionService.Adoption forTrainer = service.adoption(snapshot, trainer, all("Tiny Team"));
        assertThat(forTrainer.suppressed()).isFalse();
        assertThat(forTrainer.latest().path("mau").asLong()).isEqualTo(2);
    }

    @Test
    void selectsTheDateRangeInclusivelyAndTheWeeksThatOverlapIt() {
        AdoptionService.Adoption range = service.adoption(snapshot, lead,
                new AdoptionService.Selection("Big Team", LocalDate.parse("2025-12-24"), LocalDate.parse("2025-12-30")));

        assertThat(range.daily()).extracting(r -> r.path("date").asText()).containsExactly("2025-12-29", "2025-12-30");
        // 2025-12-24 is a Wednesday: its week starts on Monday 2025-12-22.
        assertThat(range.lifecycle()).extracting(r -> r.path("week_start").asText()).containsExactly("2025-12-22", "2025-12-29");
        assertThat(range.latest().path("mau").asLong()).isEqualTo(5);
    }

    @Test
    void refusesTeamsOutsideTheScopeAndNamesUnknownOnes() {
        assertThatThrownBy(() -> service.adoption(snapshot, lead, all("Tiny Team")))
                .isInstanceOfSatisfying(DashboardException.class, e -> {
                    assertThat(e.code()).isEqualTo(DashboardException.Code.FORBIDDEN);
                    assertThat(e.getMessage()).isEqualTo("Team 'Tiny Team' is not in your scope; you may see: Big Team");
                });
        assertThatThrownBy(() -> service.overview(snapshot, lead, all("__all__")))
                .isInstanceOfSatisfying(DashboardException.class,
                        e -> assertThat(e.code()).isEqualTo(DashboardException.Code.FORBIDDEN));
        assertThatThrownBy(() -> service.adoption(snapshot, executive, all("Nobody")))
                .isInstanceOfSatisfying(DashboardException.class, e -> {
                    assertThat(e.code()).isEqualTo(DashboardException.Code.NOT_FOUND);
                    assertThat(e.getMessage()).isEqualTo(
                            "No team 'Nobody' in the snapshot of 2025-12-31; teams: Big Team, Tiny Team");
                });
    }

    @Test
    void defaultsToTheOrganisationOrTheLeadsTeamOverTheWholeSnapshot() {
        assertThat(service.defaults(snapshot, executive)).isEqualTo(new AdoptionService.Selection("__all__",
                LocalDate.parse("2025-12-29"), LocalDate.parse("2025-12-31")));
        assertThat(service.defaults(snapshot, lead).team()).isEqualTo("Big Team");
    }

    private static java.util.Map.Entry<String, Long> entry(String status, long users) {
        return java.util.Map.entry(status, users);
    }

    private static List<String> names(List<JsonNode> users) {
        return users.stream().map(u -> u.path("display_name").asText()).toList();
    }
}
