package io.uptake.jobs.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.uptake.jobs.notebook.Notebook;
import io.uptake.jobs.notebook.NotebookCommand;
import io.uptake.jobs.notebook.NotebookCommand.CellResult;
import io.uptake.sampledata.SamplePatterns;
import io.uptake.warehouse.Columns;
import io.uptake.warehouse.DataLayout;
import io.uptake.warehouse.Marts;
import io.uptake.warehouse.Tables;
import io.uptake.warehouse.Vocabulary;
import java.io.IOException;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import java.lang.reflect.Method;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Every notebook of {@code notebooks-sql/} run against the {@code small} sample, each answering its
 * question with the planted pattern on top. Expectations come from the planted patterns
 * ({@link SamplePatterns}) and from the marts read directly, never from the notebook itself.
 */
class NotebooksTest {

    /** The notebook a test method runs; {@link #everyNotebookHasATest()} checks that each file has one. */
    @Retention(RetentionPolicy.RUNTIME)
    @Target(ElementType.METHOD)
    @interface Covers {
        String value();
    }

    private static final Path NOTEBOOKS = Path.of("..", "notebooks-sql");
    private static final String RECONCILIATION = "reconciliation.sql";
    /** Analyst notebooks read marts; these count events, which no mart does, and say so. */
    private static final Set<String> EVENT_COUNTING = Set.of("shadow_spreadsheets.sql", "sync_failures_by_source.sql");
    private static final Pattern TABLE_REFERENCE = Pattern.compile("(?i)\\b(?:FROM|JOIN)\\s+([a-z_]+)");

    private static DataLayout layout;
    private static SparkSession spark;
    private static String asOf;

    @BeforeAll
    static void useTheSampleWarehouse() {
        SampleWarehouse sample = SampleWarehouse.get();
        layout = sample.layout();
        spark = sample.spark();
        asOf = SamplePatterns.LAST_DAY.toString();
    }

    @Test
    void everyNotebookHasATest() throws IOException {
        Set<String> covered = new HashSet<>();
        for (Method method : NotebooksTest.class.getDeclaredMethods()) {
            Covers covers = method.getAnnotation(Covers.class);
            if (covers != null) {
                covered.add(covers.value());
            }
        }
        assertThat(covered).as("notebooks with a test; a new notebook needs one here")
                .containsExactlyInAnyOrderElementsOf(notebookFiles());
    }

    @Test
    void everyNotebookOpensWithWhoAsksAndWhyAndTitlesEverySqlCell() throws IOException {
        for (String file : notebookFiles()) {
            Notebook notebook = parse(file);
            Notebook.Cell first = notebook.cells().get(0);
            assertThat(first.kind()).as(file).isEqualTo(Notebook.Kind.MARKDOWN);
            assertThat(first.text()).as(file).startsWith("# ").contains("**Who asks:**", "**Why:**");
            assertThat(notebook.cells()).as(file)
                    .filteredOn(cell -> cell.kind() == Notebook.Kind.SQL)
                    .allSatisfy(cell -> assertThat(cell.title()).as(file + " cell " + cell.number()).isNotBlank());
        }
    }

    @Test
    void onlyTheReconciliationRecomputesFiguresFromTheWarehouse() throws IOException {
        for (String file : notebookFiles()) {
            if (file.equals(RECONCILIATION)) {
                continue;
            }
            Notebook notebook = parse(file);
            assertThat(notebook.cells()).as(file + " has no check cell").noneMatch(Notebook.Cell::isCheck);
            // users is read as a directory (a person's team, wave or manager), never to count anyone.
            Set<String> allowed = new HashSet<>(Set.of(Tables.USERS));
            if (EVENT_COUNTING.contains(file)) {
                allowed.add(Tables.EVENTS);
            }
            List<String> warehouseTables = new ArrayList<>(Tables.REFERENCE);
            warehouseTables.add(Tables.EVENTS);
            warehouseTables.add(Tables.QUARANTINE);
            for (Notebook.Cell cell : notebook.cells()) {
                if (cell.kind() != Notebook.Kind.SQL) {
                    continue;
                }
                Matcher table = TABLE_REFERENCE.matcher(cell.text());
                while (table.find()) {
                    String name = table.group(1).toLowerCase();
                    if (warehouseTables.contains(name)) {
                        assertThat(allowed).as(file + " cell '" + cell.title() + "' reads the warehouse table " + name)
                                .contains(name);
                    }
                }
            }
        }
    }

    @Test
    @Covers("adoption_by_team.sql")
    void adoptionByTeamPutsTheDecayingTeamFirstAndTheStrongTeamLast() throws IOException {
        CellResult teams = cell(run("adoption_by_team.sql", Map.of()), "adoption by team");

        assertThat(teams.total()).isEqualTo(9); // eight teams and __all__
        assertThat(text(teams, 0, Columns.TEAM)).isEqualTo(SamplePatterns.DECAYING_TEAM);
        assertThat(decimal(teams, 0, Marts.ADOPTION_RATE))
                .isCloseTo(martAdoptionRate(SamplePatterns.DECAYING_TEAM), within(0.0005))
                .isLessThan(0.5);
        assertThat(text(teams, 8, Columns.TEAM)).isEqualTo(SamplePatterns.STRONG_TEAM);
    }

    @Test
    @Covers("whom_to_call.sql")
    void whomToCallHeadsTheListWithTheDecayingTeamsDormantPeople() throws IOException {
        long dormantInDecayingTeam = martRows(Marts.USER_ACTIVITY).stream()
                .filter(r -> r.<String>getAs(Columns.TEAM).equals(SamplePatterns.DECAYING_TEAM)
                        && r.<String>getAs(Marts.USER_STATUS).equals(Marts.STATUS_DORMANT))
                .count();
        assertThat(dormantInDecayingTeam).isGreaterThan(10);

        List<CellResult> all = run("whom_to_call.sql", Map.of());
        CellResult teams = cell(all, "teams to call first");
        assertThat(text(teams, 0, Columns.TEAM)).isEqualTo(SamplePatterns.DECAYING_TEAM);
        assertThat(number(teams, 0, "dormant")).isEqualTo(dormantInDecayingTeam);
        for (int i = 1; i < teams.rows().size(); i++) {
            assertThat(number(teams, i, "dormant")).as(text(teams, i, Columns.TEAM)).isZero();
        }
        CellResult people = cell(all, "people to call");
        assertThat(text(people, 0, Columns.TEAM)).isEqualTo(SamplePatterns.DECAYING_TEAM);
        assertThat(text(people, 0, Marts.USER_STATUS)).isEqualTo(Marts.STATUS_DORMANT);

        List<CellResult> oneTeam = run("whom_to_call.sql", Map.of("team", SamplePatterns.DECAYING_TEAM));
        assertThat(cell(oneTeam, "teams to call first").total()).isEqualTo(1);
        CellResult teamPeople = cell(oneTeam, "people to call");
        assertThat(teamPeople.total()).isEqualTo(dormantInDecayingTeam); // none never active in it
        assertThat(column(teamPeople, Columns.TEAM)).containsOnly(SamplePatterns.DECAYING_TEAM);
    }

    @Test
    @Covers("trained_not_using.sql")
    void trainedNotUsingListsEveryPersonTheTrainingGapCounts() throws IOException {
        long counted = martRows(Marts.TRAINING_GAP).stream()
                .filter(r -> !r.<String>getAs(Columns.TEAM).equals(Vocabulary.ALL_TEAMS))
                .mapToLong(r -> ((Number) r.getAs(Marts.TRAINED_NOT_USING)).longValue())
                .sum();
        assertThat(counted).isPositive();

        CellResult people = cell(run("trained_not_using.sql", Map.of()), "people trained but not using");
        assertThat(people.total()).isEqualTo(counted);
        assertThat(column(people, Columns.DISPLAY_NAME)).doesNotContainNull();

        long countedInSales = martRows(Marts.TRAINING_GAP).stream()
                .filter(r -> r.<String>getAs(Columns.TEAM).equals(Vocabulary.ALL_TEAMS)
                        && r.<String>getAs(Columns.MODULE).equals("sales"))
                .mapToLong(r -> ((Number) r.getAs(Marts.TRAINED_NOT_USING)).longValue())
                .sum();
        CellResult sales = cell(run("trained_not_using.sql", Map.of("module", "sales")), "people trained but not using");
        assertThat(sales.total()).isEqualTo(countedInSales);
        assertThat(column(sales, Columns.MODULE)).containsOnly("sales");
    }

    @Test
    @Covers("training_gap.sql")
    void trainingGapRanksTheStrugglingTeamFirstAndNamesItsUntrainedPeopleFirst() throws IOException {
        long usingUntrained = martRows(Marts.TRAINING_GAP).stream()
                .filter(r -> !r.<String>getAs(Columns.TEAM).equals(Vocabulary.ALL_TEAMS))
                .mapToLong(r -> ((Number) r.getAs(Marts.USING_UNTRAINED)).longValue())
                .sum();

        List<CellResult> results = run("training_gap.sql", Map.of());
        CellResult ranking = cell(results, "teams needing help");
        assertThat(number(ranking, 0, Marts.RANK)).isEqualTo(1);
        assertThat(text(ranking, 0, Columns.TEAM)).isEqualTo(SamplePatterns.STRUGGLING_TEAM);
        CellResult people = cell(results, "people using a module untrained");
        assertThat(people.total()).isEqualTo(usingUntrained);
        assertThat(text(people, 0, Columns.TEAM)).isEqualTo(SamplePatterns.STRUGGLING_TEAM);
    }

    @Test
    @Covers("shadow_spreadsheets.sql")
    void shadowSpreadsheetsFindsTheTopExportersInTheDecayingTeam() throws IOException {
        List<CellResult> results = run("shadow_spreadsheets.sql", Map.of());

        CellResult teams = cell(results, "exports and edits by team");
        assertThat(text(teams, 0, Columns.TEAM)).isEqualTo(SamplePatterns.DECAYING_TEAM);
        CellResult top = cell(results, "top exporters");
        assertThat(column(top, Columns.TEAM).subList(0, 5)).containsOnly(SamplePatterns.DECAYING_TEAM);
        // the team's exporters are all among the first rows, and add up to the team's line
        long exporters = 0;
        long exports = 0;
        for (int i = 0; i < top.rows().size(); i++) {
            if (text(top, i, Columns.TEAM).equals(SamplePatterns.DECAYING_TEAM)) {
                exporters++;
                exports += number(top, i, "exports");
            }
        }
        assertThat(exporters).isEqualTo(number(teams, 0, "exporters"));
        assertThat(exports).isEqualTo(number(teams, 0, "exports"));
        // The sample's exporters still edit more than they export (at most 6 exports against 7 edits
        // in the last 28 days): nobody crosses the line, and the list says so rather than guessing.
        assertThat(cell(results, "exports outnumber edits").total()).isZero();
    }

    @Test
    @Covers("data_quality_by_owner.sql")
    void dataQualityByOwnerPutsTheStaleTeamsOwnersFirst() throws IOException {
        long staleTeamStale90 = martRows(Marts.RECORD_FRESHNESS).stream()
                .filter(r -> r.<String>getAs(Columns.TEAM).equals(SamplePatterns.STALE_TEAM))
                .mapToLong(r -> ((Number) r.getAs(Marts.STALE_90D)).longValue())
                .sum();

        List<CellResult> results = run("data_quality_by_owner.sql", Map.of("top", "10"));
        assertThat(text(cell(results, "hot spots by team and object type"), 0, Columns.TEAM))
                .isEqualTo(SamplePatterns.STALE_TEAM);
        CellResult owners = cell(results, "owners with stale records");
        assertThat(owners.total()).isEqualTo(10);
        assertThat(column(owners, Columns.TEAM)).containsOnly(SamplePatterns.STALE_TEAM);
        CellResult perTeam = cell(results, "owners per team");
        assertThat(text(perTeam, 0, Columns.TEAM)).isEqualTo(SamplePatterns.STALE_TEAM);
        assertThat(number(perTeam, 0, Marts.STALE_90D)).isEqualTo(staleTeamStale90);
    }

    @Test
    @Covers("sync_failures_by_source.sql")
    void syncFailuresPutsTheServiceConsoleFirstAndItsDailyCountsAddUpToTheFailureRate() throws IOException {
        List<CellResult> results = run("sync_failures_by_source.sql", Map.of("days", "7"));

        CellResult sources = cell(results, "sources by failure rate");
        assertThat(text(sources, 0, Columns.SOURCE)).isEqualTo(SamplePatterns.JSONL_SOURCE);
        assertThat(decimal(sources, 0, Marts.FAILURE_RATE_7D)).isGreaterThan(decimal(sources, 1, Marts.FAILURE_RATE_7D));

        // Over the last 7 days the daily counts are exactly the events behind failure_rate_7d.
        double martRate = martRows(Marts.SOURCE_FRESHNESS).stream()
                .filter(r -> r.<String>getAs(Columns.SOURCE).equals(SamplePatterns.JSONL_SOURCE))
                .mapToDouble(r -> r.<Double>getAs(Marts.FAILURE_RATE_7D))
                .findFirst().orElseThrow();
        CellResult daily = cell(results, "events and failures per source and day");
        long events = 0;
        long failures = 0;
        for (int i = 0; i < daily.rows().size(); i++) {
            assertThat(daily.rows().get(i).get(daily.columns().indexOf(Columns.EVENT_DATE)).toString())
                    .isBetween(SamplePatterns.LAST_DAY.minusDays(6).toString(), asOf);
            if (text(daily, i, Columns.SOURCE).equals(SamplePatterns.JSONL_SOURCE)) {
                events += number(daily, i, "events");
                failures += number(daily, i, "failures");
            }
        }
        assertThat((double) failures / events).isCloseTo(martRate, within(1e-9));
    }

    @Test
    @Covers("roi_sensitivity.sql")
    void roiSensitivityReproducesTheBaseScenarioAndPricesADoubledHourlyRate() throws IOException {
        Row base = martRows(Marts.ROI_SUMMARY).stream()
                .filter(r -> r.<String>getAs(Marts.SCENARIO).equals("base"))
                .findFirst().orElseThrow();

        CellResult defaults = cell(run("roi_sensitivity.sql", Map.of()), "under your assumptions");
        assertThat(defaults.total()).isEqualTo(1);
        assertThat(decimal(defaults, 0, Marts.COST_TO_DATE)).isCloseTo(base.<Double>getAs(Marts.COST_TO_DATE), within(1e-6));
        assertThat(decimal(defaults, 0, Marts.BENEFIT_TO_DATE))
                .isCloseTo(base.<Double>getAs(Marts.BENEFIT_TO_DATE), within(1e-6));
        assertThat(decimal(defaults, 0, Marts.ROI_TO_DATE)).isCloseTo(base.<Double>getAs(Marts.ROI_TO_DATE), within(1e-9));
        assertThat(text(defaults, 0, Marts.PAYBACK_MONTH)).isEqualTo(base.<String>getAs(Marts.PAYBACK_MONTH));

        // benefit = Σ hours_saved · rate + Σ won_amount · attribution, over roi_monthly's months
        double hours = 0;
        double won = 0;
        double cost = 0;
        for (Row month : martRows(Marts.ROI_MONTHLY)) {
            hours += ((Number) month.getAs(Marts.HOURS_SAVED)).doubleValue();
            won += ((Number) month.getAs(Marts.WON_AMOUNT)).doubleValue();
            cost += ((Number) month.getAs(Marts.COST_TOTAL)).doubleValue();
        }
        double expectedBenefit = hours * 110.0 + won * 0.05;
        CellResult doubled = cell(run("roi_sensitivity.sql", Map.of("hourly_rate", "110.0")), "under your assumptions");
        assertThat(decimal(doubled, 0, Marts.BENEFIT_TO_DATE))
                .isCloseTo(expectedBenefit, within(1e-6))
                .isGreaterThan(base.<Double>getAs(Marts.BENEFIT_TO_DATE));
        assertThat(decimal(doubled, 0, Marts.ROI_TO_DATE)).isCloseTo((expectedBenefit - cost) / cost, within(1e-9));
    }

    @Test
    @Covers("rollout_waves_30_60_90.sql")
    void rolloutWavesShowTheLaggingWaveBehindAtDay30AndNothingBeyondTheAsOfDate() throws IOException {
        double laggingAtDay30 = martRows(Marts.ROLLOUT_CURVE).stream()
                .filter(r -> r.<String>getAs(Columns.WAVE).equals(SamplePatterns.LAGGING_WAVE)
                        && ((Number) r.getAs(Marts.DAY)).intValue() == 30)
                .mapToDouble(r -> r.<Double>getAs(Marts.ADOPTION_RATE))
                .findFirst().orElseThrow();

        List<CellResult> results = run("rollout_waves_30_60_90.sql", Map.of());
        CellResult waves = cell(results, "waves at day 30, 60 and 90");
        assertThat(column(waves, Columns.WAVE)).containsExactly("wave-1", "wave-2", SamplePatterns.LAGGING_WAVE);
        assertThat(decimal(waves, 2, "day_30")).isCloseTo(laggingAtDay30, within(0.0005)).isLessThanOrEqualTo(0.5);
        // the other waves passed 80% by day 30
        assertThat(decimal(waves, 0, "day_30")).isGreaterThan(0.8);
        assertThat(decimal(waves, 1, "day_30")).isGreaterThan(0.8);
        // A = 2025-12-31: wave-3 went live 44 days before, wave-1 (the first) 86: no wave has a day 90
        assertThat(value(waves, 2, "day_60")).isNull();
        assertThat(column(waves, "day_90")).containsOnlyNulls();

        CellResult people = cell(run("rollout_waves_30_60_90.sql", Map.of("wave", SamplePatterns.LAGGING_WAVE)),
                "people not active by wave");
        assertThat(column(people, Columns.WAVE)).containsOnly(SamplePatterns.LAGGING_WAVE);
    }

    @Test
    @Covers("management_support.sql")
    void managementSupportListsTheDecayingTeamsManagerWithTheLowestTeamAdoption() throws IOException {
        Row lowest = martRows(Marts.MANAGER_SUPPORT).stream()
                .min((a, b) -> Double.compare(a.<Double>getAs(Marts.TEAM_ADOPTION_RATE), b.<Double>getAs(Marts.TEAM_ADOPTION_RATE)))
                .orElseThrow();
        assertThat(lowest.<String>getAs(Columns.TEAM)).isEqualTo(SamplePatterns.DECAYING_TEAM);

        List<CellResult> results = run("management_support.sql", Map.of());
        CellResult managers = cell(results, "managers by their team's adoption");
        assertThat(managers.total()).isEqualTo(8); // one manager per team
        assertThat(text(managers, 0, Columns.TEAM)).isEqualTo(SamplePatterns.DECAYING_TEAM);
        assertThat(text(managers, 0, "manager")).isEqualTo(lowest.<String>getAs(Columns.DISPLAY_NAME));
        assertThat(decimal(managers, 0, Marts.TEAM_ADOPTION_RATE)).isLessThan(0.5);
        // the manager is not the problem: active, and looking at the analytics
        assertThat(text(managers, 0, "own_status")).isEqualTo(Marts.STATUS_ACTIVE);
        assertThat(number(managers, 0, Marts.OWN_ANALYTICS_VIEWS_28D)).isPositive();

        CellResult reports = cell(results, "direct reports by status");
        assertThat(text(reports, 0, Columns.TEAM)).isEqualTo(SamplePatterns.DECAYING_TEAM);
        assertThat(number(reports, 0, "dormant")).isGreaterThan(number(reports, 0, "active"));
    }

    @Test
    @Covers("goals_on_track.sql")
    void goalsOnTrackPutsTheStaleTeamsGoalFirstAsTheOnlyRedOne() throws IOException {
        List<CellResult> results = run("goals_on_track.sql", Map.of());
        CellResult goals = cell(results, "goals, those behind first");
        assertThat(goals.total()).isEqualTo(8);
        assertThat(text(goals, 0, Columns.KPI)).isEqualTo(Marts.STALE_SHARE_30D);
        assertThat(text(goals, 0, Columns.SCOPE)).isEqualTo("team:" + SamplePatterns.STALE_TEAM);
        assertThat(column(goals, Marts.GOAL_STATUS)).containsOnlyOnce(Marts.GOAL_RED).first().isEqualTo(Marts.GOAL_RED);

        CellResult teamGoals = cell(results, "team goals with the team's figures");
        assertThat(column(teamGoals, Columns.TEAM)).containsExactlyInAnyOrder(SamplePatterns.STRONG_TEAM, SamplePatterns.STALE_TEAM);
    }

    @Test
    @Covers(RECONCILIATION)
    void reconciliationFindsNoDifferenceInAnyCheck() throws IOException {
        List<CellResult> results = run(RECONCILIATION, Map.of());

        assertThat(results).hasSize(10).allSatisfy(result -> {
            assertThat(result.cell().isCheck()).as(result.cell().title()).isTrue();
            assertThat(result.total()).as(result.cell().checkName()).isZero();
        });
    }

    private static List<String> notebookFiles() throws IOException {
        try (Stream<Path> files = Files.list(NOTEBOOKS)) {
            return files.map(f -> f.getFileName().toString()).filter(f -> f.endsWith(".sql")).sorted().toList();
        }
    }

    private static Notebook parse(String file) throws IOException {
        return Notebook.parse(file, Files.readString(NOTEBOOKS.resolve(file)));
    }

    private static List<CellResult> run(String file, Map<String, String> params) throws IOException {
        return NotebookCommand.execute(spark, layout, parse(file), params);
    }

    private static CellResult cell(List<CellResult> results, String title) {
        return results.stream().filter(r -> r.cell().title().equals(title)).findFirst()
                .orElseThrow(() -> new AssertionError("no SQL cell titled '" + title + "' among "
                        + results.stream().map(r -> r.cell().title()).toList()));
    }

    private static List<Row> martRows(String mart) {
        return spark.read().parquet(layout.mart(mart).toString()).collectAsList();
    }

    private static Object value(CellResult result, int row, String column) {
        int index = result.columns().indexOf(column);
        assertThat(index).as("column " + column + " of cell '" + result.cell().title() + "' " + result.columns())
                .isNotNegative();
        assertThat(result.rows()).as("rows of cell '" + result.cell().title() + "'").hasSizeGreaterThan(row);
        return result.rows().get(row).get(index);
    }

    private static String text(CellResult result, int row, String column) {
        Object value = value(result, row, column);
        return value == null ? null : value.toString();
    }

    private static long number(CellResult result, int row, String column) {
        return ((Number) value(result, row, column)).longValue();
    }

    private static double decimal(CellResult result, int row, String column) {
        return ((Number) value(result, row, column)).doubleValue();
    }

    private static List<Object> column(CellResult result, String column) {
        int index = result.columns().indexOf(column);
        assertThat(index).as("column " + column + " of cell '" + result.cell().title() + "'").isNotNegative();
        return Arrays.asList(result.rows().stream().map(r -> r.get(index)).toArray());
    }

    private static double martAdoptionRate(String team) {
        return martRows(Marts.ADOPTION_DAILY).stream()
                .filter(r -> r.<String>getAs(Columns.TEAM).equals(team) && r.getAs(Marts.DATE).toString().equals(asOf))
                .mapToDouble(r -> r.<Double>getAs(Marts.ADOPTION_RATE))
                .findFirst().orElseThrow();
    }
}
