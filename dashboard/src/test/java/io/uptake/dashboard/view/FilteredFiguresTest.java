package io.uptake.dashboard.view;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.javalin.Javalin;
import io.uptake.dashboard.DashboardApp;
import io.uptake.dashboard.SnapshotFixture;
import io.uptake.dashboard.TestClock;
import io.uptake.dashboard.auth.Account;
import io.uptake.dashboard.auth.Accounts;
import io.uptake.dashboard.auth.Role;
import io.uptake.dashboard.snapshot.SnapshotStore;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every page answers the department, wave and team filters, over HTTP, on a hand-written snapshot
 * ({@code three-teams-snapshot.json}, as of 2025-12-31) of three teams of five or more people:
 *
 * <pre>
 * team          department  wave    Dec 31: licensed dau wau mau  adoption  stickiness
 * Sales East    Sales       wave-1            10      5   7   9    0.9       0.4
 * Sales West    Sales       wave-2             6      0   1   2    0.333     0.5
 * Service Desk  Service     wave-2             5      3   4   5    1.0       0.6
 * </pre>
 *
 * The expected values are summed by hand in each test. Ratios come from the summed numerators and
 * denominators: Sales' adoption is 11/16 = 0.6875, where the mean of its teams' rates would be
 * (0.9 + 0.333) / 2 = 0.617.
 */
class FilteredFiguresTest {

    private static final String PASSWORD = "correct horse";
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    static Path dir;
    static Javalin app;
    static final HttpClient HTTP = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();
    static String exec;
    static String trainer;

    @BeforeAll
    static void serve() throws Exception {
        Path snapshot = dir.resolve("serving/snapshot.json");
        try (InputStream in = FilteredFiguresTest.class.getResourceAsStream("/io/uptake/dashboard/three-teams-snapshot.json")) {
            SnapshotFixture.publishJson(snapshot, new String(in.readAllBytes(), StandardCharsets.UTF_8));
        }
        String hash = Accounts.hash(PASSWORD);
        Accounts accounts = new Accounts(List.of(new Account("exec", hash, Role.EXECUTIVE, List.of()),
                new Account("trainer", hash, Role.TRAINER, List.of())));
        TestClock clock = new TestClock(Instant.parse("2026-01-01T08:00:00Z"));
        app = DashboardApp.create(accounts, new SnapshotStore(snapshot, clock, DashboardApp.json()), clock).start("127.0.0.1", 0);
        exec = signIn("exec");
        trainer = signIn("trainer");
    }

    @AfterAll
    static void stop() {
        app.stop();
    }

    @Test
    void aDepartmentNarrowsTheOverviewToTheSumOfItsTeams() throws Exception {
        JsonNode sales = json("/api/v1/overview?department=Sales", exec);

        JsonNode latest = sales.path("latest");
        // Sales East + Sales West on Dec 31: licensed 10 + 6, DAU 5 + 0, WAU 7 + 1, MAU 9 + 2
        assertThat(latest.path("licensed_users").asLong()).isEqualTo(16);
        assertThat(latest.path("dau").asLong()).isEqualTo(5);
        assertThat(latest.path("wau").asLong()).isEqualTo(8);
        assertThat(latest.path("mau").asLong()).isEqualTo(11);
        assertThat(latest.path("adoption_rate").asDouble()).isEqualTo(11.0 / 16);
        // stickiness: average DAU over MAU; the average DAUs add up: (0.4 × 9 + 0.5 × 2) / 11 = 4.6 / 11
        assertThat(latest.path("stickiness").asDouble()).isCloseTo(4.6 / 11, within(1e-12));
        // Dec 30: licensed 10 + 6, MAU 8 + 3
        assertThat(texts(sales.path("trend"), "date")).containsExactly("2025-12-30", "2025-12-31");
        assertThat(sales.path("trend").get(0).path("mau").asLong()).isEqualTo(11);
        assertThat(sales.path("trend").get(0).path("licensed_users").asLong()).isEqualTo(16);
        assertThat(texts(sales.path("teams"), "team")).containsExactly("Sales East", "Sales West");
        // Ada active, Abe dormant, Amy never active; Ben active, Bea dormant
        assertThat(sales.path("statuses").toString()).isEqualTo("{\"active\":2,\"dormant\":2,\"never_active\":1,\"unlicensed\":0}");
        // the Sales teams' goals only: G2 (Sales West, red); G1 is the organisation's, G4 Service Desk's
        assertThat(sales.path("goals").toString()).isEqualTo("{\"done\":0,\"green\":0,\"amber\":0,\"red\":1}");
        assertThat(sales.path("group").path("teams").toString()).isEqualTo("[\"Sales East\",\"Sales West\"]");
        assertThat(sales.path("group").path("narrowed").asBoolean()).isTrue();
        assertThat(sales.path("group").path("licensed_users").asLong()).isEqualTo(16);
        // the money is the organisation's, and the page is told so
        assertThat(texts(sales.path("not_narrowed"))).containsExactly("roi_to_date", "payback_month", "idle_seat_cost", "cost_benefit");
        assertThat(sales.path("roi").path("roi_to_date").asDouble()).isEqualTo(0.05);

        JsonNode organisation = json("/api/v1/overview", exec);
        assertThat(organisation.path("latest").path("licensed_users").asLong()).isEqualTo(21);
        assertThat(texts(organisation.path("not_narrowed"))).isEmpty();
        assertThat(organisation.path("goals").toString()).isEqualTo("{\"done\":0,\"green\":1,\"amber\":1,\"red\":2}");
    }

    @Test
    void theOverviewOpensWithWhatChangedAndTheRoiVerdict() throws Exception {
        JsonNode organisation = json("/api/v1/overview?lang=en", exec);

        // goals short of expected, in points: G2 0.6 - 0.33 = 0.27, G1 0.9 - 0.76 = 0.14, G3 (wave-2, amber)
        // 0.65 - 0.6 = 0.05; no adoption row 28 days back, so no adoption change
        assertThat(texts(organisation.path("changes"), "kind")).containsExactly("goal_red", "goal_red", "wave_behind");
        assertThat(texts(organisation.path("changes"), "subject")).containsExactly("G2", "G1", "wave-2");
        // one month: cost 1000; benefit 550 of time + 500 of credited revenue = 1050 >= 1000: paid back in Dec 2025;
        // revenue 500 / 1050 = 47.6%; time alone (550 - 1000) / 1000 = -45%
        assertThat(organisation.path("roi_verdict").asText())
                .isEqualTo("Paid back in Dec 2025; 48% of the benefit is credited revenue; from time saved alone ROI is \u221245%.");
        JsonNode chinese = json("/api/v1/overview?lang=zh-CN", exec);
        assertThat(chinese.path("roi_verdict").asText()).isEqualTo("已于 2025年12月 回本；收益的 48% 来自归因收入；仅按节省的时间计算，ROI 为 \u221245%。");

        // Service has no goal of its own but the organisation's and the wave's
        JsonNode service = json("/api/v1/overview?department=Service", exec);
        assertThat(texts(service.path("changes"), "subject")).containsExactly("G1", "wave-2");
    }

    @Test
    void aWaveNarrowsTheAdoptionPageToItsTeams() throws Exception {
        JsonNode wave = json("/api/v1/adoption?wave=wave-2", trainer);

        // Sales West + Service Desk on Dec 31: licensed 6 + 5, MAU 2 + 5, DAU 0 + 3
        assertThat(wave.path("latest").path("licensed_users").asLong()).isEqualTo(11);
        assertThat(wave.path("latest").path("mau").asLong()).isEqualTo(7);
        assertThat(wave.path("latest").path("dau").asLong()).isEqualTo(3);
        assertThat(wave.path("latest").path("adoption_rate").asDouble()).isEqualTo(7.0 / 11);
        assertThat(texts(wave.path("teams"), "team")).containsExactly("Sales West", "Service Desk");
        // modules: sales 1 of 6 (Sales West); service 4 of 5 (Service Desk)
        JsonNode modules = wave.path("modules");
        assertThat(texts(modules, "module")).containsExactly("sales", "service");
        assertThat(modules.get(0).path("active_users").asLong()).isEqualTo(1);
        assertThat(modules.get(0).path("licensed_users").asLong()).isEqualTo(6);
        assertThat(modules.get(1).path("adoption_rate").asDouble()).isEqualTo(0.8);
        // week of Dec 29: new 0 + 2, returning 1 + 2, resurrecting 0 + 1, dormant 2 + 0
        assertThat(wave.path("lifecycle").get(0).path("new").asLong()).isEqualTo(2);
        assertThat(wave.path("lifecycle").get(0).path("returning").asLong()).isEqualTo(3);
        assertThat(wave.path("lifecycle").get(0).path("dormant").asLong()).isEqualTo(2);
        // a trainer sees the people to call: Bea (Sales West, dormant); Ben and Cid are active
        assertThat(texts(wave.path("users"), "display_name")).containsExactly("Bea");
        // days to first value of Ben 40 and Bea 70 (31-60, >60), Cid 1 (0-7)
        assertThat(wave.path("first_value").toString()).contains("{\"bucket\":\"0-7\",\"users\":1}")
                .contains("{\"bucket\":\"31-60\",\"users\":1}").contains("{\"bucket\":\">60\",\"users\":1}");
    }

    @Test
    void aDepartmentNarrowsTheTrainingGapAndSaysWhichFiguresItCannotSum() throws Exception {
        JsonNode sales = json("/api/v1/training?department=Sales", exec);

        JsonNode group = sales.path("gap").get(0);
        assertThat(group.path("team").asText()).isEqualTo("__all__");
        // sales module, Sales East + Sales West: licensed 10 + 6, trained 8 + 2, active 7 + 1
        assertThat(group.path("licensed_users").asLong()).isEqualTo(16);
        assertThat(group.path("trained_users").asLong()).isEqualTo(10);
        assertThat(group.path("trained_share").asDouble()).isEqualTo(10.0 / 16);
        assertThat(group.path("using_share").asDouble()).isEqualTo(8.0 / 16);
        assertThat(group.path("trained_not_using").asLong()).isEqualTo(3);
        // help views per active user: (0.5 × 7 + 2.0 × 1) / 8 = 5.5 / 8
        assertThat(group.path("help_per_active_user").asDouble()).isEqualTo(5.5 / 8);
        assertThat(group.path("error_rate").isNull()).isTrue();
        assertThat(texts(sales.path("gap"), "team")).containsExactly("__all__", "Sales East", "Sales West");
        assertThat(texts(sales.path("needing_help"), "team")).containsExactly("Sales West", "Sales East");
        assertThat(texts(sales.path("not_narrowed"))).containsExactly("effect", "error_rate");
    }

    @Test
    void anExecutivesTrainingPageAnswersTheChosenTeam() throws Exception {
        JsonNode west = json("/api/v1/training?team=Sales%20West", exec);

        assertThat(texts(west.path("gap"), "team")).containsExactly("Sales West");
        assertThat(texts(west.path("needing_help"), "team")).containsExactly("Sales West");
        assertThat(texts(west.path("not_narrowed"))).containsExactly("effect");
    }

    @Test
    void aTrainerSeesOneRowPerPersonWithTheirGapsAndNoOtherModule() throws Exception {
        JsonNode west = json("/api/v1/training?team=Sales%20West", trainer);

        // Bea: trained in sales but not using it, using service untrained; Ben's only gap is in "other"
        assertThat(west.path("users").toString()).isEqualTo("[{\"user_key\":\"k-b2\",\"display_name\":\"Bea\","
                + "\"team\":\"Sales West\",\"trained_not_using\":[\"sales\"],\"using_untrained\":[\"service\"]}]");
        assertThat(texts(west.path("gap"), "module")).containsExactly("sales");
    }

    @Test
    void aDepartmentNarrowsRecordFreshnessAndLeavesTheMedianOut() throws Exception {
        JsonNode sales = json("/api/v1/quality?department=Sales", exec);

        JsonNode group = sales.path("records").get(0);
        // Opportunity, Sales East + Sales West: records 20 + 10, open 10 + 5, stale 2 + 4, overdue 3 + 1, duplicates 1 + 2
        assertThat(group.path("team").asText()).isEqualTo("__all__");
        assertThat(group.path("records").asLong()).isEqualTo(30);
        assertThat(group.path("open_records").asLong()).isEqualTo(15);
        assertThat(group.path("stale_share_30d").asDouble()).isEqualTo(6.0 / 15);
        assertThat(group.path("overdue").asLong()).isEqualTo(4);
        assertThat(group.path("duplicate_rate").asDouble()).isEqualTo(3.0 / 30);
        assertThat(group.path("median_days_since_update").isNull()).isTrue();
        assertThat(texts(sales.path("records"), "team")).containsExactly("__all__", "Sales East", "Sales West");
        assertThat(texts(sales.path("not_narrowed")))
                .containsExactly("sources", "median_days_since_update", "completeness_avg", "complete_share");
    }

    @Test
    void aTrainerLookingAtOneTeamSeesTheOwnersOfItsStaleAndOverdueRecords() throws Exception {
        JsonNode west = json("/api/v1/quality?team=Sales%20West", trainer);

        // Ben: 3 stale + 1 overdue; Bea: 1 stale
        assertThat(texts(west.path("owners"), "display_name")).containsExactly("Ben", "Bea");
        assertThat(json("/api/v1/quality?team=Sales%20West", exec).path("owners").isNull()).isTrue();
    }

    @Test
    void aDepartmentsRolloutIsItsTeamsAlignedOnTheirGoLive() throws Exception {
        JsonNode sales = json("/api/v1/rollout?department=Sales", exec);

        assertThat(sales.path("waves").isNull()).isTrue();
        // Sales East live Dec 30 (days 0, 1), Sales West live Dec 31 (day 0)
        assertThat(texts(sales.path("team_curves"), "team")).containsExactly("Sales East", "Sales East", "Sales West");
        assertThat(texts(sales.path("team_curves"), "day")).containsExactly("0", "1", "0");
        assertThat(texts(sales.path("goals"), "goal_id")).containsExactly("G2");
        assertThat(texts(sales.path("managers"), "display_name")).containsExactly("Ada", "Ben");

        JsonNode wave = json("/api/v1/rollout?wave=wave-2", exec);
        assertThat(texts(wave.path("waves"), "wave")).containsExactly("wave-2");
        assertThat(texts(wave.path("goals"), "goal_id")).containsExactly("G2", "G3", "G4");
    }

    @Test
    void roiUnderATeamFilterSaysItIsTheOrganisations() throws Exception {
        JsonNode west = json("/api/v1/roi?team=Sales%20West", exec);

        assertThat(texts(west.path("not_narrowed"))).containsExactly("monthly", "summary");
        assertThat(west.path("summary").get(1).path("roi_to_date").asDouble()).isEqualTo(0.05);
    }

    @Test
    void anUnknownDepartmentOrWaveIsANotFoundNamingTheKnownOnes() throws Exception {
        HttpResponse<String> department = get("/api/v1/overview?department=Marketing", exec);
        HttpResponse<String> wave = get("/api/v1/adoption?wave=wave-9", exec);

        assertThat(department.statusCode()).isEqualTo(404);
        assertThat(JSON.readTree(department.body()).path("message").asText())
                .isEqualTo("No department 'Marketing' in the snapshot of 2025-12-31; departments: Sales, Service");
        assertThat(wave.statusCode()).isEqualTo(404);
        assertThat(JSON.readTree(wave.body()).path("message").asText())
                .isEqualTo("No wave 'wave-9' in the snapshot of 2025-12-31; waves: wave-1, wave-2");
    }

    @Test
    void aChosenTeamWinsOverTheDepartment() throws Exception {
        JsonNode west = json("/api/v1/adoption?department=Sales&team=Sales%20West", exec);

        assertThat(west.path("latest").path("mau").asLong()).isEqualTo(2);
        assertThat(west.path("group").path("narrowed").asBoolean()).isFalse();
        assertThat(west.path("group").path("teams").toString()).isEqualTo("[\"Sales West\"]");
    }

    private static JsonNode json(String path, String cookie) throws IOException, InterruptedException {
        HttpResponse<String> response = get(path, cookie);
        assertThat(response.statusCode()).as(path + ": " + response.body()).isEqualTo(200);
        return JSON.readTree(response.body());
    }

    private static HttpResponse<String> get(String path, String cookie) throws IOException, InterruptedException {
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + app.port() + path))
                .header("Cookie", cookie).GET().build();
        return HTTP.send(request, HttpResponse.BodyHandlers.ofString());
    }

    /** Signs in as the browser does (the CSRF cookie of the sign-in page echoed in its header); the session cookie. */
    private static String signIn(String username) throws IOException, InterruptedException {
        HttpResponse<String> page = HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + app.port() + "/login"))
                .GET().build(), HttpResponse.BodyHandlers.ofString());
        String token = page.headers().allValues("Set-Cookie").stream().filter(c -> c.startsWith("uptake_csrf="))
                .findFirst().orElseThrow().split(";", 2)[0].substring("uptake_csrf=".length());
        HttpRequest login = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + app.port() + "/api/v1/login"))
                .header("Content-Type", "application/json").header("Cookie", "uptake_csrf=" + token)
                .header("X-CSRF-Token", token)
                .POST(HttpRequest.BodyPublishers.ofString(
                        JSON.createObjectNode().put("username", username).put("password", PASSWORD).toString()))
                .build();
        HttpResponse<String> response = HTTP.send(login, HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return response.headers().firstValue("Set-Cookie").orElseThrow().split(";", 2)[0];
    }

    private static List<String> texts(JsonNode array, String field) {
        List<String> values = new ArrayList<>();
        array.forEach(node -> values.add(node.path(field).asText()));
        return values;
    }

    private static List<String> texts(JsonNode array) {
        List<String> values = new ArrayList<>();
        array.forEach(node -> values.add(node.asText()));
        return values;
    }
}
