package io.uptake.dashboard.changes;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;
import static org.assertj.core.data.Offset.offset;

import com.fasterxml.jackson.databind.JsonNode;
import io.uptake.dashboard.DashboardApp;
import io.uptake.dashboard.auth.Role;
import io.uptake.dashboard.auth.Scope;
import io.uptake.dashboard.i18n.Language;
import io.uptake.dashboard.snapshot.ServingSnapshot;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * {@link Changes} on a hand-written snapshot as of 2025-12-31 (A), compared with 2025-12-03:
 *
 * <pre>
 * team          licensed on A   A-28           A              change
 * Sales West    25              25/25 = 1.00   6/25  = 0.24   -0.76  (a row on Dec 17 at 3/25 = 0.12 is not read)
 * Service East  50              25/50 = 0.50   31/50 = 0.62   +0.12
 * Marketing     100             40/100 = 0.40  49/100 = 0.49  +0.09  (under 10 points)
 * Partners      10              5/10  = 0.50   4/10  = 0.40   -0.10  (exactly 10 points: 0.0999... in binary)
 * Tiny          3               3/3   = 1.00   1/3   = 0.33   -0.67  (fewer than 5: withheld from executives)
 * New Team      8               no row         7/8   = 0.875         (too new: nothing to compare)
 * Empty Team    0               3/6   = 0.50   null                  (no one licensed on A)
 *
 * goal  scope              kpi              baseline target current expected status  |expected - current|
 * G1    all                adoption_rate    0.2      0.9    0.45    0.60     red     0.15
 * G2    wave:wave-3        adoption_rate    0.0      0.8    0.48    0.52     amber   0.04
 * G3    team:Sales West    stale_share_30d  0.4      0.1    0.35    0.20     red     0.15
 * G4    team:Tiny          adoption_rate    0.2      0.9    0.30    0.60     red     0.30
 * G5    team:Service East  adoption_rate    0.2      0.9    0.70    0.60     green   -
 * G6    all                trained_share    0.2      0.9    null    0.60     null    - (cannot be evaluated)
 * G7    wave:wave-1        adoption_rate    0.0      1.0    0.30    0.70     red     0.40
 *
 * source          hours_since_last_event  failure_rate_7d
 * salesforce-elf  3.0                     0.02
 * hubspot         60.4 (stale: 60.4 / 672 = 0.0899)   0.0
 * m365            2.0                     0.085 (failing)
 * </pre>
 */
class ChangesTest {

    private static final Scope EXECUTIVE = new Scope(Role.EXECUTIVE, List.of());
    private static final Scope TRAINER = new Scope(Role.TRAINER, List.of());
    private static final Scope SALES_WEST_LEAD = new Scope(Role.LEAD, List.of("Sales West"));
    private static final List<String> ALL = List.of("Empty Team", "Marketing", "New Team", "Partners", "Sales West",
            "Service East", "Tiny");

    private static ServingSnapshot snapshot;

    @BeforeAll
    static void load() throws IOException {
        snapshot = parse(adoption(
                day("2025-12-03", "Sales West", 25, 25, "1.0"), day("2025-12-17", "Sales West", 25, 3, "0.12"),
                day("2025-12-31", "Sales West", 25, 6, "0.24"),
                day("2025-12-03", "Service East", 50, 25, "0.5"), day("2025-12-31", "Service East", 50, 31, "0.62"),
                day("2025-12-03", "Marketing", 100, 40, "0.4"), day("2025-12-31", "Marketing", 100, 49, "0.49"),
                day("2025-12-03", "Partners", 10, 5, "0.5"), day("2025-12-31", "Partners", 10, 4, "0.4"),
                day("2025-12-03", "Tiny", 3, 3, "1.0"), day("2025-12-31", "Tiny", 3, 1, "0.3333333333333333"),
                day("2025-12-31", "New Team", 8, 7, "0.875"),
                day("2025-12-03", "Empty Team", 6, 3, "0.5"), day("2025-12-31", "Empty Team", 0, 0, "null")),
                List.of(goal("G1", "all", "adoption_rate", 0.2, 0.9, "0.45", 0.6, "red"),
                        goal("G2", "wave:wave-3", "adoption_rate", 0.0, 0.8, "0.48", 0.52, "amber"),
                        goal("G3", "team:Sales West", "stale_share_30d", 0.4, 0.1, "0.35", 0.2, "red"),
                        goal("G4", "team:Tiny", "adoption_rate", 0.2, 0.9, "0.3", 0.6, "red"),
                        goal("G5", "team:Service East", "adoption_rate", 0.2, 0.9, "0.7", 0.6, "green"),
                        goal("G6", "all", "trained_share", 0.2, 0.9, "null", 0.6, null),
                        goal("G7", "wave:wave-1", "adoption_rate", 0.0, 1.0, "0.3", 0.7, "red")),
                List.of(source("salesforce-elf", 3.0, "0.02"), source("hubspot", 60.4, "0.0"), source("m365", 2.0, "0.085")));
    }

    @Test
    void anExecutiveSeesEveryChangeLargestFirst() {
        List<Change> changes = Changes.of(snapshot, EXECUTIVE, ALL, Language.EN, ChangeRules.DEFAULTS);

        // sizes: 0.76, 0.40, 0.15 and 0.15 (G1 before G3: same kind, by subject), 0.12, 0.10, 60.4/672 = 0.0899,
        // 0.085, 0.04.
        // Marketing (0.09), New Team, Empty Team, Tiny (withheld), G4 (Tiny's), G5 (green), G6 (no value),
        // salesforce-elf (3 hours, 2%) give nothing; G7, a red wave goal, is told once, as wave_behind.
        assertThat(changes).extracting(Change::kind, Change::subject, Change::link, Change::value, Change::previous)
                .containsExactly(
                        tuple("adoption_down", "Sales West", "/adoption?team=Sales%20West", 0.24, 1.0),
                        tuple("wave_behind", "wave-1", "/rollout?wave=wave-1", 0.3, 0.7),
                        tuple("goal_red", "G1", "/rollout", 0.45, 0.6),
                        tuple("goal_red", "G3", "/rollout?team=Sales%20West", 0.35, 0.2),
                        tuple("adoption_up", "Service East", "/adoption?team=Service%20East", 0.62, 0.5),
                        tuple("adoption_down", "Partners", "/adoption?team=Partners", 0.4, 0.5),
                        tuple("source_stale", "hubspot", "/quality", 60.4, null),
                        tuple("source_failing", "m365", "/quality", 0.085, null),
                        tuple("wave_behind", "wave-3", "/rollout?wave=wave-3", 0.48, 0.52));
        assertThat(changes.stream().map(Change::size).toList()).satisfiesExactly(
                s -> assertThat(s).isCloseTo(0.76, offset(1e-12)),
                s -> assertThat(s).isCloseTo(0.4, offset(1e-12)),
                s -> assertThat(s).isCloseTo(0.15, offset(1e-12)),
                s -> assertThat(s).isCloseTo(0.15, offset(1e-12)),
                s -> assertThat(s).isCloseTo(0.12, offset(1e-12)),
                s -> assertThat(s).isCloseTo(0.10, offset(1e-12)),
                s -> assertThat(s).isCloseTo(60.4 / 672, offset(1e-12)),
                s -> assertThat(s).isCloseTo(0.085, offset(1e-12)),
                s -> assertThat(s).isCloseTo(0.04, offset(1e-12)));
    }

    @Test
    void eachChangeIsOneEnglishSentenceWithItsFigures() {
        assertThat(Changes.of(snapshot, EXECUTIVE, ALL, Language.EN, ChangeRules.DEFAULTS)).extracting(Change::text)
                .containsExactly(
                        "Sales West adoption fell from 100% to 24% over the four weeks to 31 Dec 2025",
                        "Wave wave-1 is behind goal G7: adoption rate at 30% where 70% was expected by 31 Dec 2025",
                        "Goal G1 (adoption rate, the whole organisation) is red: 45% where 60% was expected by 31 Dec 2025",
                        "Goal G3 (share of records stale for 30 days, team Sales West) is red: 35% where 20% was expected by 31 Dec 2025",
                        "Service East adoption rose from 50% to 62% over the four weeks to 31 Dec 2025",
                        "Partners adoption fell from 50% to 40% over the four weeks to 31 Dec 2025",
                        "Source hubspot has sent no events for 60 hours",
                        "8.5% of the events from source m365 failed in the last 7 days",
                        "Wave wave-3 is behind goal G2: adoption rate at 48% where 52% was expected by 31 Dec 2025");
    }

    @Test
    void eachChangeIsOneSimplifiedChineseSentenceWithItsFigures() {
        assertThat(Changes.of(snapshot, EXECUTIVE, ALL, Language.ZH_CN, ChangeRules.DEFAULTS)).extracting(Change::text)
                .containsExactly(
                        "Sales West 的采用率在截至 2025年12月31日 的四周内从 100% 降至 24%",
                        "批次 wave-1 落后于目标 G7：截至 2025年12月31日 采用率为 30%，应达到 70%",
                        "目标 G1（整个组织的采用率）为红色：截至 2025年12月31日 为 45%，应达到 60%",
                        "目标 G3（团队 Sales West 的超过 30 天未更新记录占比）为红色：截至 2025年12月31日 为 35%，应达到 20%",
                        "Service East 的采用率在截至 2025年12月31日 的四周内从 50% 升至 62%",
                        "Partners 的采用率在截至 2025年12月31日 的四周内从 50% 降至 40%",
                        "数据源 hubspot 已有 60 小时没有新事件",
                        "数据源 m365 最近 7 天有 8.5% 的事件失败",
                        "批次 wave-3 落后于目标 G2：截至 2025年12月31日 采用率为 48%，应达到 52%");
    }

    @Test
    void aLeadSeesOnlyTheirTeamsChangesAndNoSourceOrOrganisationGoal() {
        // Every team asked for: those outside the lead's scope are ignored, not trusted.
        List<Change> changes = Changes.of(snapshot, SALES_WEST_LEAD, ALL, Language.EN, ChangeRules.DEFAULTS);

        assertThat(changes).extracting(Change::kind, Change::subject)
                .containsExactly(tuple("adoption_down", "Sales West"), tuple("goal_red", "G3"));
    }

    @Test
    void aSmallTeamIsWithheldFromAnExecutiveButShownToATrainer() {
        List<String> tiny = List.of("Tiny");

        assertThat(Changes.of(snapshot, EXECUTIVE, tiny, Language.EN, ChangeRules.DEFAULTS))
                .extracting(Change::subject)
                .doesNotContain("Tiny", "G4");
        // A trainer sees user lists, so Tiny's 3 people are not withheld: 1.00 to 1/3 is -0.6667, and
        // G4 is 0.30 short of the expected 0.60.
        List<Change> trainer = Changes.of(snapshot, TRAINER, tiny, Language.EN, ChangeRules.DEFAULTS).stream()
                .filter(c -> c.subject().equals("Tiny") || c.subject().equals("G4")).toList();
        assertThat(trainer).extracting(Change::kind, Change::subject, Change::text)
                .containsExactly(
                        tuple("adoption_down", "Tiny", "Tiny adoption fell from 100% to 33% over the four weeks to 31 Dec 2025"),
                        tuple("goal_red", "G4", "Goal G4 (adoption rate, team Tiny) is red: 30% where 60% was expected by 31 Dec 2025"));
        assertThat(trainer.get(0).size()).isCloseTo(2.0 / 3, offset(1e-12));
        assertThat(trainer.get(1).size()).isCloseTo(0.3, offset(1e-12));
    }

    @Test
    void aTeamTooNewOrWithNoOneLicensedHasNoAdoptionChange() {
        // A trainer, so neither is withheld: New Team has no row on Dec 3, Empty Team no rate on Dec 31.
        assertThat(Changes.of(snapshot, TRAINER, List.of("New Team", "Empty Team"), Language.EN, ChangeRules.DEFAULTS))
                .extracting(Change::subject)
                .doesNotContain("New Team", "Empty Team");
    }

    @Test
    void otherRulesChangeWhatCounts() {
        // 5 points, 72 hours, 1%: Marketing's 0.09 now counts; hubspot's 60.4 hours no longer do;
        // salesforce-elf's 2% failures now count.
        List<Change> changes = Changes.of(snapshot, EXECUTIVE, ALL, Language.EN, new ChangeRules(0.05, 72, 0.01));

        assertThat(changes).extracting(Change::kind, Change::subject)
                .containsExactly(
                        tuple("adoption_down", "Sales West"), tuple("wave_behind", "wave-1"), tuple("goal_red", "G1"),
                        tuple("goal_red", "G3"), tuple("adoption_up", "Service East"), tuple("adoption_down", "Partners"),
                        tuple("adoption_up", "Marketing"), tuple("source_failing", "m365"),
                        tuple("wave_behind", "wave-3"), tuple("source_failing", "salesforce-elf"));
        assertThat(changes.get(6).text()).isEqualTo("Marketing adoption rose from 40% to 49% over the four weeks to 31 Dec 2025");
        assertThat(changes.get(9).text()).isEqualTo("2% of the events from source salesforce-elf failed in the last 7 days");
    }

    @Test
    void equalSizesAreOrderedByKindThenSubject() throws IOException {
        // 0.75 to 0.5 and 0.25 failures are exact in binary: three sizes of exactly 0.25.
        ServingSnapshot tie = parse(adoption(day("2025-12-03", "Zeta", 8, 6, "0.75"), day("2025-12-31", "Zeta", 8, 4, "0.5")),
                List.of(), List.of(source("b-source", 1.0, "0.25"), source("a-source", 1.0, "0.25")));

        assertThat(Changes.of(tie, EXECUTIVE, List.of("Zeta"), Language.EN, ChangeRules.DEFAULTS))
                .extracting(Change::kind, Change::subject)
                .containsExactly(tuple("adoption_down", "Zeta"), tuple("source_failing", "a-source"),
                        tuple("source_failing", "b-source"));
    }

    @Test
    void theJsonHasTheFiguresAndLinkButNotTheRankingWeight() throws IOException {
        Change first = Changes.of(snapshot, EXECUTIVE, ALL, Language.EN, ChangeRules.DEFAULTS).get(0);

        assertThat(DashboardApp.json().writeValueAsString(first)).isEqualTo("""
                {"kind":"adoption_down","subject":"Sales West",\
                "text":"Sales West adoption fell from 100% to 24% over the four weeks to 31 Dec 2025",\
                "link":"/adoption?team=Sales%20West","value":0.24,"previous":1.0}""");
    }

    @Test
    void aSourceSilentForThreeDaysOrMoreIsToldInWholeDays() throws IOException {
        // 71.9 hours stays in hours; 72 hours is 3 days; 342.5 hours is 14.27 days, told as 14
        ServingSnapshot silent = parse(adoption(day("2025-12-31", "Zeta", 8, 4, "0.5")), List.of(),
                List.of(source("a-source", 71.9, "0.0"), source("b-source", 72.0, "0.0"), source("c-source", 342.5, "0.0")));

        assertThat(Changes.of(silent, EXECUTIVE, List.of("Zeta"), Language.EN, ChangeRules.DEFAULTS)).extracting(Change::text)
                .containsExactly("Source c-source has sent no events for 14 days", "Source b-source has sent no events for 3 days",
                        "Source a-source has sent no events for 72 hours");
        assertThat(Changes.of(silent, EXECUTIVE, List.of("Zeta"), Language.ZH_CN, ChangeRules.DEFAULTS).get(0).text())
                .isEqualTo("数据源 c-source 已有 14 天没有新事件");
    }

    @Test
    void percentagesHaveADecimalOnlyBelowTenPercent() {
        assertThat(Stream.of(1.0, 0.24, 0.245, 0.0996, 0.099, 0.055, 0.05, 0.0, -0.4).map(ChangeText::percent))
                .containsExactly("100%", "24%", "25%", "10%", "9.9%", "5.5%", "5%", "0%", "-40%");
    }

    @Test
    void rulesOutsideTheirRangeAreRefusedWithTheFix() {
        assertThatThrownBy(() -> new ChangeRules(10, 24, 0.05))
                .hasMessage("adoptionChange 10.0 is not a share in (0, 1]: write 10 points as 0.10");
        assertThatThrownBy(() -> new ChangeRules(0.1, 0, 0.05))
                .hasMessage("staleHours 0.0 is not a positive number of hours");
        assertThatThrownBy(() -> new ChangeRules(0.1, 24, 5))
                .hasMessage("failureRate 5.0 is not a share in [0, 1): write 5% as 0.05");
    }

    private static ServingSnapshot parse(String adoptionRows, List<String> goals, List<String> sources) throws IOException {
        String json = """
                {"run_id": "run-changes", "as_of": "2025-12-31", "created_at": "2026-01-01T02:00:00Z",
                 "teams": %s,
                 "marts": {"adoption_daily": [%s], "goals_status": [%s], "source_freshness": [%s]},
                 "unavailable": {}, "directory": []}
                """.formatted(teamsOf(adoptionRows), adoptionRows, String.join(",\n", goals), String.join(",\n", sources));
        return ServingSnapshot.parse(new ByteArrayInputStream(json.getBytes(StandardCharsets.UTF_8)), DashboardApp.json());
    }

    /** The snapshot's sorted team list: the teams of the adoption rows. */
    private static String teamsOf(String adoptionRows) throws IOException {
        Set<String> teams = new TreeSet<>();
        for (JsonNode row : DashboardApp.json().readTree("[" + adoptionRows + "]")) {
            teams.add("\"" + row.path("team").asText() + "\"");
        }
        return "[" + String.join(", ", teams) + "]";
    }

    private static String adoption(String... days) {
        return String.join(",\n", days);
    }

    private static String day(String date, String team, int licensed, int mau, String rate) {
        return """
                {"date": "%s", "team": "%s", "licensed_users": %d, "dau": 0, "wau": 0, "mau": %d, "adoption_rate": %s, "stickiness": null}"""
                .formatted(date, team, licensed, mau, rate);
    }

    private static String goal(String id, String scope, String kpi, double baseline, double target, String current,
                               double expected, String status) {
        return """
                {"goal_id": "%s", "kpi": "%s", "scope": "%s", "baseline": %s, "target": %s, "start_date": "2025-10-01", "due_date": "2026-03-31", "current": %s, "expected": %s, "status": %s, "problem": %s}"""
                .formatted(id, kpi, scope, baseline, target, current, expected, status == null ? "null" : "\"" + status + "\"",
                        status == null ? "\"no value of '" + kpi + "' for scope '" + scope + "' on 2025-12-31\"" : "null");
    }

    private static String source(String name, double hours, String failureRate) {
        return """
                {"source": "%s", "events": 1000, "last_event_at": "2025-12-31T20:00:00Z", "last_ingested_at": "2025-12-31T21:00:00Z", "lag_p50_seconds": 60.0, "lag_p95_seconds": 600.0, "failure_rate_7d": %s, "hours_since_last_event": %s}"""
                .formatted(name, failureRate, hours);
    }
}
