package io.uptake.jobs.notebook;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.entry;

import java.util.Map;
import org.junit.jupiter.api.Test;

class NotebookTest {

    @Test
    void splitsPercentFormatIntoMarkdownAndSqlCells() {
        String source = """
                -- %% [markdown]
                -- # Who to call
                -- Dormant users by team.

                -- %%
                SELECT team, count(*) AS users
                FROM user_activity
                GROUP BY team;

                -- %%
                SELECT 1
                """;
        Notebook notebook = Notebook.parse("call-list.sql", source);

        assertThat(notebook.cells()).hasSize(3);
        assertThat(notebook.cells().get(0).kind()).isEqualTo(Notebook.Kind.MARKDOWN);
        assertThat(notebook.cells().get(0).text()).isEqualTo("# Who to call\nDormant users by team.");
        assertThat(notebook.cells().get(1).kind()).isEqualTo(Notebook.Kind.SQL);
        assertThat(notebook.cells().get(1).text()).isEqualTo("SELECT team, count(*) AS users\nFROM user_activity\nGROUP BY team");
        assertThat(notebook.cells().get(1).firstLine()).isEqualTo(6);
        assertThat(notebook.cells().get(1).number()).isEqualTo(2);
        assertThat(notebook.cells().get(2).firstTextLine()).isEqualTo("SELECT 1");
    }

    @Test
    void ignoresTextBeforeTheFirstCellAndEmptyCells() {
        Notebook notebook = Notebook.parse("n.sql", "-- header comment\n-- %%\n\n-- %%\nSELECT 2\n");

        assertThat(notebook.cells()).extracting(Notebook.Cell::text).containsExactly("SELECT 2");
        assertThat(notebook.cells().get(0).number()).isEqualTo(1);
    }

    @Test
    void aCellsTitleIsTheTextAfterItsMarker() {
        Notebook notebook = Notebook.parse("n.sql", "-- %% [markdown] intro\n-- Hello\n-- %% whom to call\nSELECT 1\n");

        assertThat(notebook.cells()).extracting(Notebook.Cell::title).containsExactly("intro", "whom to call");
    }

    @Test
    void parametersHaveDefaultsThatARunMayReplaceInEveryCell() {
        Notebook notebook = Notebook.parse("n.sql", """
                -- %% parameters
                -- team = __all__
                -- days=28
                -- %% [markdown]
                -- Users of ${team}
                -- %% users
                SELECT * FROM user_activity WHERE team = '${team}' AND active_days_28d < ${days}
                """);

        assertThat(notebook.parameters()).containsExactly(entry("team", "__all__"), entry("days", "28"));
        Notebook run = notebook.withParameters(Map.of("team", "Sales West"));
        assertThat(run.cells().get(1).text()).isEqualTo("Users of Sales West");
        assertThat(run.cells().get(2).text())
                .isEqualTo("SELECT * FROM user_activity WHERE team = 'Sales West' AND active_days_28d < 28");
        assertThat(run.cells().get(0).isParameters()).isTrue();
    }

    @Test
    void anUnknownParameterOrReferenceIsAnErrorNamingIt() {
        Notebook notebook = Notebook.parse("n.sql", "-- %% parameters\n-- team = x\n-- %% q\nSELECT '${teem}'\n");

        assertThatThrownBy(() -> notebook.withParameters(Map.of("tema", "y")))
                .hasMessage("--param tema: n.sql has no such parameter; it has team");
        assertThatThrownBy(() -> notebook.withParameters(Map.of()))
                .hasMessage("n.sql, cell 2 (line 4): ${teem} is not a declared parameter; declare it in the cell titled"
                        + " 'parameters' as -- teem = default");
    }
}
