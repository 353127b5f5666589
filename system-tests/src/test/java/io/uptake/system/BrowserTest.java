package io.uptake.system;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.javalin.Javalin;
import io.uptake.dashboard.DashboardApp;
import io.uptake.dashboard.auth.Account;
import io.uptake.dashboard.auth.Accounts;
import io.uptake.dashboard.auth.Role;
import io.uptake.dashboard.snapshot.SnapshotStore;
import io.uptake.ingest.Ingest;
import io.uptake.ingest.privacy.Pseudonymizer;
import io.uptake.jobs.JobConfig;
import io.uptake.jobs.KpiJob;
import io.uptake.sampledata.GenerateCommand;
import io.uptake.sampledata.SamplePatterns;
import io.uptake.sampledata.Size;
import io.uptake.warehouse.DataLayout;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.logging.Level;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.logging.LoggingPreferences;
import org.openqa.selenium.support.ui.FluentWait;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The dashboard as its users meet it: the sample organisation generated, ingested and computed by the
 * jobs, served on a port, and driven in Debian's headless Chromium through its chromedriver (both from
 * /usr/bin; nothing is downloaded). Each role signs in, opens each of its pages in English and in
 * Simplified Chinese, and every chart must be drawn with no error in the browser console. Screenshots
 * of every page go to target/screenshots/.
 *
 * <p>Without Chromium the class is skipped, with the reason printed, never silently: `.ci/run`
 * installs the packages. Tagged {@code browser}: it takes about four minutes, so `mvn verify` leaves it
 * out and `.ci/run` runs it after `./uptake test` ({@code mvn -pl system-tests -am verify -Pbrowser}).
 */
@Tag("browser")
class BrowserTest {

    private static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    private static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");
    private static final String PASSWORD = "a long enough password";
    private static final Instant RUN_TIME = Instant.parse("2026-01-01T06:00:00Z");
    private static final List<String> LANGUAGES = List.of("en", "zh-CN");
    private static final Map<String, List<String>> PAGES = Map.of(
            "exec", List.of("overview", "adoption", "training", "quality", "rollout", "roi"),
            "trainer", List.of("adoption", "training", "quality"),
            "lead", List.of("overview", "adoption", "training", "quality", "rollout"));
    private static final Path SCREENSHOTS = Path.of("target", "screenshots");

    @TempDir
    static Path dir;
    static Javalin app;
    static Path downloads;
    static Path snapshotFile;

    @BeforeAll
    static void serveTheSampleOrganisation() throws Exception {
        boolean browser = Files.isExecutable(CHROMIUM) && Files.isExecutable(CHROMEDRIVER);
        if (!browser) {
            System.err.println("BROWSER TESTS SKIPPED: " + CHROMIUM + " or " + CHROMEDRIVER + " is missing; install them with"
                    + " apt-get install -y chromium chromium-driver (.ci/run does)");
        }
        Assumptions.assumeTrue(browser, "no Chromium at " + CHROMIUM + " with " + CHROMEDRIVER);

        Path input = dir.resolve("input");
        GenerateCommand.generate(input, 42, Size.SMALL);
        DataLayout layout = new DataLayout(dir.resolve("data"));
        Clock clock = Clock.fixed(RUN_TIME, ZoneOffset.UTC);
        new Ingest(layout, Pseudonymizer.loadOrCreate(layout.keyFile()), clock, report -> { }).run(List.of(input));
        SparkSession spark = SparkSession.builder().master("local[2]").appName("BrowserTest")
                .config("spark.ui.enabled", "false").config("spark.sql.shuffle.partitions", "2").getOrCreate();
        try {
            KpiJob.run(spark, new JobConfig(layout, Optional.empty(), "local[2]", clock));
        } finally {
            spark.stop();
        }

        String hash = Accounts.hash(PASSWORD);
        Accounts accounts = new Accounts(List.of(
                new Account("exec", hash, Role.EXECUTIVE, List.of()),
                new Account("trainer", hash, Role.TRAINER, List.of()),
                new Account("lead", hash, Role.LEAD, List.of(SamplePatterns.STRUGGLING_TEAM)),
                new Account("west-lead", hash, Role.LEAD, List.of(SamplePatterns.DECAYING_TEAM))));
        snapshotFile = layout.snapshot();
        SnapshotStore snapshots = new SnapshotStore(layout.snapshot(), Clock.systemUTC(), DashboardApp.json());
        app = DashboardApp.create(accounts, snapshots, Clock.systemUTC()).start(0);
        downloads = dir.resolve("downloads");
        Files.createDirectories(downloads);
        Files.createDirectories(SCREENSHOTS);
    }

    @AfterAll
    static void stop() {
        if (app != null) {
            app.stop();
        }
    }

    @Test
    void everyRoleOpensEachOfItsPagesInBothLanguagesWithEveryChartDrawnAndNoConsoleError() throws IOException {
        for (Map.Entry<String, List<String>> role : PAGES.entrySet()) {
            WebDriver browser = browser();
            try {
                signIn(browser, role.getKey());
                for (String page : role.getValue()) {
                    for (String language : LANGUAGES) {
                        open(browser, "/" + page + "?lang=" + language);
                        String where = role.getKey() + " on " + page + " in " + language;
                        assertThat(browser.getCurrentUrl()).as(where).contains("/" + page);
                        assertThat(browser.findElement(By.tagName("html")).getAttribute("lang")).as(where).isEqualTo(language);
                        List<WebElement> charts = browser.findElements(By.cssSelector(".chart"));
                        for (WebElement chart : charts) {
                            if (chart.isDisplayed()) {
                                assertThat(chart.getAttribute("data-drawn")).as(where + ", chart " + chart.getAttribute("id"))
                                        .isEqualTo("true");
                            }
                        }
                        assertThat(severeConsoleEntries(browser)).as(where).isEmpty();
                        fullPageScreenshot(browser, role.getKey() + "-" + page + "-" + language);
                    }
                }
            } finally {
                browser.quit();
            }
        }
    }

    /**
     * The Sales department on every page, as each role, against sums taken here from the published
     * snapshot's per-team rows (not from the dashboard's answer): the Overview's and Adoption's MAU tile
     * is the Sales teams' MAU on the as-of date added up; tables list only Sales teams; the money says it
     * is the organisation's.
     */
    @Test
    void theSalesDepartmentNarrowsEveryPageToItsTeamsSummedFigures() throws IOException {
        JsonNode snapshot = new ObjectMapper().readTree(snapshotFile.toFile());
        List<String> sales = teamsWhere(snapshot, "department", "Sales");
        assertThat(sales).contains(SamplePatterns.STRONG_TEAM, SamplePatterns.DECAYING_TEAM);
        long mau = sumAtAsOf(snapshot, sales, "mau");
        for (Map.Entry<String, List<String>> role : Map.of("exec", PAGES.get("exec"), "trainer", PAGES.get("trainer")).entrySet()) {
            WebDriver browser = browser();
            try {
                signIn(browser, role.getKey());
                for (String page : role.getValue()) {
                    open(browser, "/" + page + "?department=Sales&lang=en");
                    String where = role.getKey() + " on " + page;
                    assertThat(browser.findElement(By.id("group-caption")).getText()).as(where).contains("Sales")
                            .contains(sales.size() + " teams");
                    assertThat(browser.findElement(By.id("reset-filters")).isDisplayed()).as(where).isTrue();
                    switch (page) {
                        case "overview", "adoption" -> assertThat(tile(browser, "mau")).as(where).isEqualTo(String.format(java.util.Locale.ENGLISH, "%,d", mau));
                        case "training" -> assertThat(columnTexts(browser, "#table-help", 2)).as(where).isNotEmpty().isSubsetOf(sales);
                        case "rollout" -> assertThat(columnTexts(browser, "#table-managers", 2)).as(where).isNotEmpty().isSubsetOf(sales);
                        case "roi" -> assertThat(browser.findElements(By.cssSelector(".scope-note"))).as(where)
                                .anyMatch(WebElement::isDisplayed);
                        default -> { }
                    }
                    assertThat(severeConsoleEntries(browser)).as(where).isEmpty();
                    screenshot(browser, role.getKey() + "-" + page + "-department-sales");
                }
            } finally {
                browser.quit();
            }
        }
    }

    /** A lead's pages are about their own team: a department filter that holds it leaves their team's figures. */
    @Test
    void aLeadUnderTheirDepartmentSeesTheirOwnTeamsFigures() throws IOException {
        JsonNode snapshot = new ObjectMapper().readTree(snapshotFile.toFile());
        long mau = sumAtAsOf(snapshot, List.of(SamplePatterns.DECAYING_TEAM), "mau");
        WebDriver browser = browser();
        try {
            signIn(browser, "west-lead");
            for (String page : List.of("overview", "adoption")) {
                open(browser, "/" + page + "?department=Sales&lang=en");
                assertThat(tile(browser, "mau")).as(page).isEqualTo(String.format(java.util.Locale.ENGLISH, "%,d", mau));
                assertThat(new Select(browser.findElement(By.id("team"))).getFirstSelectedOption().getAttribute("value"))
                        .as(page).isEqualTo(SamplePatterns.DECAYING_TEAM);
            }
            screenshot(browser, "west-lead-adoption-department-sales");
        } finally {
            browser.quit();
        }
    }

    @Test
    void aWaveNarrowsTheOverviewAndAdoptionToItsTeams() throws IOException {
        JsonNode snapshot = new ObjectMapper().readTree(snapshotFile.toFile());
        List<String> wave = teamsWithWave(snapshot, SamplePatterns.LAGGING_WAVE);
        long licensed = sumAtAsOf(snapshot, wave, "licensed_users");
        long mau = sumAtAsOf(snapshot, wave, "mau");
        WebDriver browser = browser();
        try {
            signIn(browser, "exec");
            for (String page : List.of("overview", "adoption")) {
                open(browser, "/" + page + "?wave=" + SamplePatterns.LAGGING_WAVE + "&lang=en");
                assertThat(tile(browser, "mau")).as(page).isEqualTo(String.format(java.util.Locale.ENGLISH, "%,d", mau));
                assertThat(browser.findElement(By.id("group-caption")).getText()).as(page)
                        .contains(SamplePatterns.LAGGING_WAVE).contains(String.format(java.util.Locale.ENGLISH, "%,d", licensed));
                screenshot(browser, "exec-" + page + "-" + SamplePatterns.LAGGING_WAVE);
            }
        } finally {
            browser.quit();
        }
    }

    @Test
    void aSharedLinkKeepsItsTeamAndLanguageThroughSignIn() throws IOException {
        WebDriver browser = browser();
        try {
            browser.get(url("/training?team=Service%20Desk&lang=zh-CN"));
            new WebDriverWait(browser, Duration.ofSeconds(20)).until(b -> b.getCurrentUrl().contains("/login"));
            assertThat(browser.findElement(By.tagName("html")).getAttribute("lang")).isEqualTo("zh-CN");
            browser.findElement(By.id("username")).sendKeys("trainer");
            browser.findElement(By.id("password")).sendKeys(PASSWORD);
            browser.findElement(By.cssSelector("#login-form button[type=submit]")).click();
            new WebDriverWait(browser, Duration.ofSeconds(20)).until(b -> b.getCurrentUrl().contains("/training"));
            waitReady(browser);
            assertThat(browser.getCurrentUrl()).contains("team=Service").contains("lang=zh-CN");
            assertThat(browser.findElement(By.tagName("html")).getAttribute("lang")).isEqualTo("zh-CN");
            assertThat(new Select(browser.findElement(By.id("team"))).getFirstSelectedOption().getAttribute("value"))
                    .isEqualTo(SamplePatterns.STRUGGLING_TEAM);
            screenshot(browser, "trainer-training-deep-link-zh-CN");
        } finally {
            browser.quit();
        }
    }

    @Test
    void theOverviewOpensWithTheDecayingTeamsFallAndTheRoiVerdictShowsTheCreditedRevenueShare() throws IOException {
        JsonNode snapshot = new ObjectMapper().readTree(snapshotFile.toFile());
        double revenue = 0;
        double benefit = 0;
        for (JsonNode month : snapshot.path("marts").path("roi_monthly")) {
            revenue += month.path("benefit_revenue").asDouble();
            benefit += month.path("benefit_total").asDouble();
        }
        String share = Math.round(100 * revenue / benefit) + "% of the benefit is credited revenue";
        for (String user : List.of("exec", "west-lead")) {
            WebDriver browser = browser();
            try {
                signIn(browser, user);
                open(browser, "/overview?lang=en");
                List<WebElement> changes = browser.findElements(By.cssSelector("#changes li"));
                assertThat(changes).as(user).isNotEmpty();
                assertThat(changes.get(0).getText()).as(user).contains(SamplePatterns.DECAYING_TEAM).contains("fell");
                assertThat(changes.get(0).findElement(By.tagName("a")).getAttribute("href")).as(user)
                        .contains("/adoption?team=Sales%20West");
                if (user.equals("exec")) {
                    assertThat(browser.findElement(By.id("roi-verdict")).getText()).contains(share);
                    open(browser, "/roi?lang=en");
                    assertThat(browser.findElement(By.id("roi-verdict")).getText()).contains(share);
                    assertThat(browser.findElements(By.cssSelector("#table-sensitivity tbody tr"))).hasSize(5);
                    screenshot(browser, "exec-roi-verdict");
                } else {
                    screenshot(browser, "west-lead-overview-changes");
                }
            } finally {
                browser.quit();
            }
        }
    }

    @Test
    void theTrainersPeopleListIsOneRowPerPersonAndPaged() throws IOException {
        WebDriver browser = browser();
        try {
            signIn(browser, "trainer");
            open(browser, "/training?lang=en");
            List<WebElement> rows = browser.findElements(By.cssSelector("#table-users tbody tr"));
            assertThat(rows).hasSize(25);
            String firstPage = browser.findElement(By.cssSelector("#table-users tbody")).getText();
            WebElement next = browser.findElement(By.cssSelector("#table-users-pager [data-page=next]"));
            next.click();
            assertThat(browser.findElement(By.cssSelector("#table-users tbody")).getText()).isNotEqualTo(firstPage);
            long everyone = peopleOnTheTrainingLists(new ObjectMapper().readTree(snapshotFile.toFile()), null);
            assertThat(browser.findElement(By.id("table-users-pager")).getText()).contains("26–50 of " + everyone);
            assertThat(browser.findElement(By.cssSelector("#table-users")).getText()).doesNotContainIgnoringCase("other");
            fullPageScreenshot(browser, "trainer-training-people-page-2");
        } finally {
            browser.quit();
        }
    }

    @Test
    void aTrainerDrillsFromTheTeamMostInNeedToItsPeopleAndDownloadsTheListAsCsv() throws IOException {
        WebDriver browser = browser();
        try {
            signIn(browser, "trainer");
            open(browser, "/training?lang=en");
            // the struggling team ranks first; its name in the ranking opens its people
            WebElement first = browser.findElement(By.cssSelector("#table-help tbody tr:first-child a"));
            assertThat(first.getText()).isEqualTo(SamplePatterns.STRUGGLING_TEAM);
            first.click();
            new WebDriverWait(browser, Duration.ofSeconds(30)).until(b -> b.getCurrentUrl().contains("team=Service"));
            waitReady(browser);
            assertThat(new Select(browser.findElement(By.id("team"))).getFirstSelectedOption().getAttribute("value"))
                    .isEqualTo(SamplePatterns.STRUGGLING_TEAM);
            assertThat(browser.getCurrentUrl()).contains("team=Service+Desk");
            List<WebElement> people = browser.findElements(By.cssSelector("#table-users tbody tr"));
            assertThat(people).isNotEmpty();
            JsonNode snapshot = new ObjectMapper().readTree(snapshotFile.toFile());
            long everyone = peopleOnTheTrainingLists(snapshot, SamplePatterns.STRUGGLING_TEAM);
            assertThat(browser.findElement(By.cssSelector("#table-users tbody")).getText()).containsIgnoringCase("service");

            browser.findElement(By.id("table-users-csv")).click();
            Path csv = awaitDownload();
            byte[] bytes = Files.readAllBytes(csv);
            assertThat(bytes).startsWith(0xEF, 0xBB, 0xBF);
            List<String> lines = new String(bytes, 3, bytes.length - 3, StandardCharsets.UTF_8).lines().toList();
            // every person on the lists, not only the page shown, and a header
            assertThat(lines).hasSize((int) everyone + 1);
            screenshot(browser, "trainer-training-service-desk");
        } finally {
            browser.quit();
        }
    }

    @Test
    void anExecutiveFiltersTheRolloutByWaveAndTheFilterStaysInTheUrlOnAnotherPage() throws IOException {
        WebDriver browser = browser();
        try {
            signIn(browser, "exec");
            open(browser, "/rollout?lang=en");
            new Select(browser.findElement(By.id("wave"))).selectByValue(SamplePatterns.LAGGING_WAVE);
            waitReady(browser);
            assertThat(browser.getCurrentUrl()).contains("wave=" + SamplePatterns.LAGGING_WAVE);
            assertThat(browser.findElements(By.cssSelector("#table-waves tbody tr"))).hasSize(1);
            assertThat(browser.findElement(By.cssSelector("#table-waves tbody")).getText()).contains(SamplePatterns.LAGGING_WAVE);
            screenshot(browser, "exec-rollout-lagging-wave");
            browser.findElement(By.cssSelector("[data-nav=adoption]")).click();
            waitReady(browser);
            assertThat(browser.getCurrentUrl()).contains("/adoption").contains("wave=" + SamplePatterns.LAGGING_WAVE);
        } finally {
            browser.quit();
        }
    }

    @Test
    void onATabletThePagesFitTheScreenWidth() throws IOException {
        WebDriver browser = browser();
        try {
            browser.manage().window().setSize(new org.openqa.selenium.Dimension(820, 1180));
            signIn(browser, "exec");
            for (String page : PAGES.get("exec")) {
                open(browser, "/" + page + "?lang=en");
                Object overflow = ((JavascriptExecutor) browser).executeScript(
                        "return document.documentElement.scrollWidth - document.documentElement.clientWidth");
                assertThat(((Number) overflow).longValue()).as(page + " scrolls sideways").isLessThanOrEqualTo(0);
                screenshot(browser, "tablet-exec-" + page);
            }
        } finally {
            browser.quit();
        }
    }

    @Test
    void beforeTheFirstRunEveryPageSaysThereIsNoDataYet() throws IOException {
        Accounts accounts = new Accounts(List.of(new Account("exec", Accounts.hash(PASSWORD), Role.EXECUTIVE, List.of())));
        Javalin empty = DashboardApp.create(accounts, new SnapshotStore(dir.resolve("nothing/serving/snapshot.json"),
                Clock.systemUTC(), DashboardApp.json()), Clock.systemUTC()).start(0);
        WebDriver browser = browser();
        try {
            browser.get("http://localhost:" + empty.port() + "/login?lang=en");
            browser.findElement(By.id("username")).sendKeys("exec");
            browser.findElement(By.id("password")).sendKeys(PASSWORD);
            browser.findElement(By.cssSelector("#login-form button[type=submit]")).click();
            new WebDriverWait(browser, Duration.ofSeconds(20)).until(b -> !b.getCurrentUrl().contains("/login"));
            for (String page : PAGES.get("exec")) {
                browser.get("http://localhost:" + empty.port() + "/" + page + "?lang=en");
                waitReady(browser);
                WebElement message = browser.findElement(By.id("empty"));
                assertThat(message.isDisplayed()).as(page).isTrue();
                assertThat(message.getText()).as(page).contains("./uptake jobs");
                assertThat(browser.findElement(By.id("content")).isDisplayed()).as(page).isFalse();
            }
            screenshot(browser, "exec-no-snapshot");
        } finally {
            browser.quit();
            empty.stop();
        }
    }

    @Test
    void aLeadCannotReachAnotherTeamWhateverTheUrlSays() throws IOException {
        WebDriver browser = browser();
        try {
            signIn(browser, "lead");
            open(browser, "/adoption?team=" + SamplePatterns.STRONG_TEAM.replace(" ", "+") + "&lang=en");
            Object status = ((JavascriptExecutor) browser).executeAsyncScript(
                    "const done = arguments[arguments.length - 1];"
                            + "fetch('/api/v1/adoption?team=' + encodeURIComponent(arguments[0])).then(r => done(r.status));",
                    SamplePatterns.STRONG_TEAM);
            assertThat(status).isEqualTo(403L);
            assertThat(browser.getPageSource()).doesNotContain("Maya Schmidt");
            screenshot(browser, "lead-adoption-other-team");
            open(browser, "/roi?lang=en");
            assertThat(browser.getCurrentUrl()).as("ROI is not a lead's page").doesNotContain("/roi");
        } finally {
            browser.quit();
        }
    }

    private static WebDriver browser() throws IOException {
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM.toFile());
        options.addArguments("--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                "--disable-component-update", "--no-first-run", "--window-size=1400,1000",
                "--user-data-dir=" + Files.createTempDirectory(dir, "chromium"));
        Map<String, Object> prefs = new HashMap<>();
        prefs.put("download.default_directory", downloads.toString());
        prefs.put("download.prompt_for_download", false);
        options.setExperimentalOption("prefs", prefs);
        LoggingPreferences logs = new LoggingPreferences();
        logs.enable(LogType.BROWSER, Level.ALL);
        options.setCapability("goog:loggingPrefs", logs);
        // One chromedriver per browser: quitting the browser stops its driver service.
        ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(CHROMEDRIVER.toFile())
                .usingAnyFreePort().build();
        return new ChromeDriver(service, options);
    }

    private static void signIn(WebDriver browser, String username) {
        browser.get(url("/login"));
        browser.findElement(By.id("username")).sendKeys(username);
        browser.findElement(By.id("password")).sendKeys(PASSWORD);
        browser.findElement(By.cssSelector("#login-form button[type=submit]")).click();
        new WebDriverWait(browser, Duration.ofSeconds(20)).until(b -> !b.getCurrentUrl().contains("/login"));
        waitReady(browser);
    }

    private static void open(WebDriver browser, String path) {
        browser.get(url(path));
        waitReady(browser);
    }

    /** Pages set body[data-ready] once their data is drawn (or their empty state shown). */
    private static void waitReady(WebDriver browser) {
        new WebDriverWait(browser, Duration.ofSeconds(30)).until(b -> "true".equals(
                ((JavascriptExecutor) b).executeScript("return document.body.dataset.ready")));
    }

    private static List<String> severeConsoleEntries(WebDriver browser) {
        List<String> severe = new ArrayList<>();
        for (LogEntry entry : browser.manage().logs().get(LogType.BROWSER)) {
            if (entry.getLevel().intValue() >= Level.SEVERE.intValue()) {
                severe.add(entry.getMessage());
            }
        }
        return severe;
    }

    private static Path awaitDownload() {
        return new FluentWait<>(downloads).withTimeout(Duration.ofSeconds(15)).pollingEvery(Duration.ofMillis(100))
                .withMessage("no CSV downloaded into " + downloads)
                .until(dir -> {
                    try (var files = Files.list(dir)) {
                        return files.filter(f -> f.toString().endsWith(".csv")).findFirst().orElse(null);
                    } catch (IOException e) {
                        throw new UncheckedIOException(e);
                    }
                });
    }

    /** The value shown on a tile ({@code data-tile}). */
    private static String tile(WebDriver browser, String id) {
        return browser.findElement(By.cssSelector("[data-tile=" + id + "] .value")).getText();
    }

    /** The texts of a table's column (1-based) on the rows shown. */
    private static List<String> columnTexts(WebDriver browser, String table, int column) {
        List<String> texts = new ArrayList<>();
        for (WebElement cell : browser.findElements(By.cssSelector(table + " tbody tr td:nth-child(" + column + ")"))) {
            texts.add(cell.getText().strip());
        }
        return texts;
    }

    /** The people on the trained-not-using or using-untrained lists of a team (null: every team), module "other" aside. */
    private static long peopleOnTheTrainingLists(JsonNode snapshot, String team) {
        java.util.Set<String> people = new java.util.HashSet<>();
        for (JsonNode row : snapshot.path("marts").path("training_users")) {
            if ((team == null || row.path("team").asText().equals(team)) && !row.path("module").asText().equals("other")) {
                people.add(row.path("user_key").asText());
            }
        }
        return people.size();
    }

    /** The teams of the snapshot's directory whose field has the value. */
    private static List<String> teamsWhere(JsonNode snapshot, String field, String value) {
        List<String> teams = new ArrayList<>();
        snapshot.path("directory").forEach(e -> {
            if (e.path(field).asText().equals(value)) {
                teams.add(e.path("team").asText());
            }
        });
        return teams;
    }

    private static List<String> teamsWithWave(JsonNode snapshot, String wave) {
        List<String> teams = new ArrayList<>();
        snapshot.path("directory").forEach(e -> e.path("waves").forEach(w -> {
            if (w.asText().equals(wave)) {
                teams.add(e.path("team").asText());
            }
        }));
        return teams;
    }

    /** A count of adoption_daily on the as-of date, added up over the teams. */
    private static long sumAtAsOf(JsonNode snapshot, List<String> teams, String column) {
        String asOf = snapshot.path("as_of").asText();
        long sum = 0;
        for (JsonNode row : snapshot.path("marts").path("adoption_daily")) {
            if (row.path("date").asText().equals(asOf) && teams.contains(row.path("team").asText())) {
                sum += row.path(column).asLong();
            }
        }
        return sum;
    }

    /** The whole page, below the fold included, as the closing notes show it. */
    private static void fullPageScreenshot(WebDriver browser, String name) throws IOException {
        Number height = (Number) ((JavascriptExecutor) browser).executeScript("return document.documentElement.scrollHeight");
        Number width = (Number) ((JavascriptExecutor) browser).executeScript("return document.documentElement.scrollWidth");
        Map<String, Object> clip = Map.of("x", 0, "y", 0, "width", width, "height", Math.min(height.intValue(), 12000), "scale", 1);
        Map<String, Object> shot = ((ChromeDriver) browser).executeCdpCommand("Page.captureScreenshot",
                Map.of("format", "png", "captureBeyondViewport", true, "clip", clip));
        Files.write(SCREENSHOTS.resolve(name + ".png"), java.util.Base64.getDecoder().decode((String) shot.get("data")));
    }

    private static void screenshot(WebDriver browser, String name) throws IOException {
        Files.write(SCREENSHOTS.resolve(name + ".png"), ((TakesScreenshot) browser).getScreenshotAs(OutputType.BYTES));
    }

    private static String url(String path) {
        return "http://localhost:" + app.port() + path;
    }
}
