package io.uptake.jobs.notebook;

import static org.assertj.core.api.Assertions.assertThat;

import io.uptake.ingest.Ingest;
import io.uptake.ingest.IngestException;
import io.uptake.ingest.privacy.Pseudonymizer;
import io.uptake.jobs.Frames;
import io.uptake.warehouse.DataLayout;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class NotebookCommandTest {

    private static final String HEADER = "user_id,display_name,email,team,department,role,region,manager_id,"
            + "license_type,license_monthly_cost,activated_at,deactivated_at,wave\n";

    static SparkSession spark;

    @TempDir
    Path dir;

    @BeforeAll
    static void startSpark() {
        spark = Frames.localSpark("NotebookCommandTest");
    }

    @Test
    void viewsShowOnlyTheLiveFilesNotAFileAnIngestReplacedMinutesAgo() throws IOException, IngestException {
        DataLayout layout = new DataLayout(dir.resolve("data"));
        Ingest ingest = new Ingest(layout, Pseudonymizer.withKey(new byte[32]),
                Clock.fixed(Instant.parse("2026-01-01T08:00:00Z"), ZoneOffset.UTC), report -> { });
        ingest.run(List.of(write("v1/users.csv", HEADER
                + "u-1,Ann,ann@example.com,Sales,Sales,Rep,EMEA,,full,150,2025-01-01,,wave-1\n"
                + "u-2,Bob,bob@example.com,Sales,Sales,Rep,EMEA,,full,150,2025-01-01,,wave-1\n")));
        ingest.run(List.of(write("v2/users.csv", HEADER
                + "u-2,Bob,bob@example.com,Sales,Sales,Rep,EMEA,,full,150,2025-01-01,,wave-1\n")));
        try (var files = Files.list(layout.table("users"))) {
            assertThat(files.count()).as("the replaced file is still on disk for the grace period").isEqualTo(2);
        }

        List<String> views = NotebookCommand.registerViews(spark, layout);

        assertThat(views).containsExactly("users");
        assertThat(spark.sql("SELECT display_name FROM users").as(Encoders.STRING()).collectAsList()).containsExactly("Bob");
    }

    @Test
    void aCheckThatListsRowsFailsTheNotebookButTheOtherCellsStillRun() throws IOException {
        Notebook notebook = Notebook.parse("checks.sql", """
                -- %%
                -- check: nothing differs
                SELECT 1 AS difference WHERE false
                -- %%
                -- check: two rows differ
                SELECT explode(array(1, 2)) AS difference
                -- %%
                SELECT 'still runs' AS cell
                """);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();

        int exit = NotebookCommand.run(spark, new DataLayout(dir.resolve("empty")), notebook, null,
                new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));

        assertThat(exit).isEqualTo(1);
        assertThat(out.toString(StandardCharsets.UTF_8)).contains("Check passed: nothing differs", """
                +----------+
                |      cell|
                +----------+
                |still runs|
                +----------+
                (1 rows)
                """);
        assertThat(err.toString(StandardCharsets.UTF_8))
                .isEqualTo("Check failed (cell 2, line 5): two rows differ: 2 rows differ" + System.lineSeparator());
    }

    @Test
    void aMissingViewSaysWhichStepProducesItAndTheRunStopsThere() throws IOException {
        Notebook notebook = Notebook.parse("missing.sql", """
                -- %% first
                SELECT 1 AS one
                -- %% needs the jobs
                SELECT * FROM training_gap
                -- %% never run
                SELECT 2
                """);
        ByteArrayOutputStream err = new ByteArrayOutputStream();

        int exit = NotebookCommand.run(spark, new DataLayout(dir.resolve("empty")), notebook, null,
                new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));

        assertThat(exit).isEqualTo(1);
        assertThat(err.toString(StandardCharsets.UTF_8))
                .startsWith("Cell 2 (line 4, 'SELECT * FROM training_gap') failed: ")
                .contains("The training_gap mart is computed by ./uptake jobs");
        assertThat(NotebookCommand.producedBy("users")).isEqualTo("The users table is loaded by ./uptake ingest from users.csv.");
        assertThat(NotebookCommand.producedBy("nowhere")).isEqualTo("No warehouse table or mart is called nowhere.");
    }

    @Test
    void theReportsRenderMarkdownCellsQueriesAndResultsWithABarChartInHtml() throws IOException {
        Notebook notebook = Notebook.parse("report.sql", """
                -- %% [markdown]
                -- # Teams
                -- Who uses **what**.
                -- %% parameters
                -- minimum = 2
                -- %% users by team
                SELECT * FROM VALUES ('Sales', 3), ('Service | Desk', 5) AS t(team, users) WHERE users >= ${minimum}
                """).withParameters(Map.of());
        Path md = dir.resolve("report.md");
        Path html = dir.resolve("report.html");
        PrintStream quiet = new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8);

        assertThat(NotebookCommand.run(spark, new DataLayout(dir.resolve("empty")), notebook, md, quiet, quiet)).isZero();
        assertThat(NotebookCommand.run(spark, new DataLayout(dir.resolve("empty")), notebook, html, quiet, quiet)).isZero();

        assertThat(Files.readString(md)).isEqualTo("""
                # Teams
                Who uses **what**.

                Parameters:

                - `minimum` = `2`

                **users by team**

                ```sql
                SELECT * FROM VALUES ('Sales', 3), ('Service | Desk', 5) AS t(team, users) WHERE users >= 2
                ```

                <!-- chart 0 -->

                | team | users |
                |---|---|
                | Sales | 3 |
                | Service \\| Desk | 5 |

                _2 rows_

                """);
        String page = Files.readString(html);
        assertThat(page).startsWith("<!doctype html>").contains("<h1>Teams</h1>", "<strong>what</strong>",
                "<td>Service | Desk</td>", "<svg", "aria-label=\"users by team\"").doesNotContain("<!-- chart 0 -->");
    }

    private Path write(String name, String text) throws IOException {
        Path file = dir.resolve(name);
        Files.createDirectories(file.getParent());
        return Files.writeString(file, text);
    }
}
