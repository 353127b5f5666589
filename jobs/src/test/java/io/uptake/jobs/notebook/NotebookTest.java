package io.uptake.jobs.notebook;

import static org.assertj.core.api.Assertions.assertThat;

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
}
