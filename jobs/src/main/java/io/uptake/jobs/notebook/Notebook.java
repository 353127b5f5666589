package io.uptake.jobs.notebook;

import static java.util.Objects.requireNonNull;

import java.util.ArrayList;
import java.util.List;

/**
 * A SQL notebook in the Jupytext "percent" format: {@code -- %%} starts a SQL cell,
 * {@code -- %% [markdown]} a markdown cell whose lines are SQL comments.
 */
public record Notebook(String name, List<Cell> cells) {

    private static final String CELL_MARKER = "-- %%";
    private static final String MARKDOWN_MARKER = "[markdown]";
    private static final String CHECK_MARKER = "-- check:";

    public Notebook {
        requireNonNull(name, "name is null");
        cells = List.copyOf(cells);
    }

    /** One cell; {@code number} counts every cell from 1, as a reader sees them in the file. */
    public record Cell(int number, Kind kind, String text, int firstLine) {
        public Cell {
            requireNonNull(kind, "kind is null");
            requireNonNull(text, "text is null");
        }

        /**
         * A reconciliation: a SQL cell whose first line is {@code -- check: what it checks}, listing
         * the rows where a mart and its recomputation differ. It passes when it lists none.
         */
        public boolean isCheck() {
            return kind == Kind.SQL && firstTextLine().startsWith(CHECK_MARKER);
        }

        /** What a check cell checks: the text after {@code -- check:}. */
        public String checkName() {
            return firstTextLine().substring(CHECK_MARKER.length()).strip();
        }

        /** The first non-blank line, to name the cell in messages. */
        public String firstTextLine() {
            return text.lines().filter(line -> !line.isBlank()).findFirst().orElse("").strip();
        }
    }

    public enum Kind { SQL, MARKDOWN }

    public static Notebook parse(String name, String source) {
        List<Cell> cells = new ArrayList<>();
        List<String> lines = source.lines().toList();
        Kind kind = null;
        int start = 0;
        StringBuilder text = new StringBuilder();
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i);
            if (line.startsWith(CELL_MARKER)) {
                addCell(cells, kind, text, start);
                kind = line.substring(CELL_MARKER.length()).strip().startsWith(MARKDOWN_MARKER) ? Kind.MARKDOWN : Kind.SQL;
                start = i + 2;
                text.setLength(0);
            } else if (kind != null) {
                text.append(kind == Kind.MARKDOWN ? stripComment(line) : line).append('\n');
            }
        }
        addCell(cells, kind, text, start);
        return new Notebook(name, cells);
    }

    private static void addCell(List<Cell> cells, Kind kind, StringBuilder text, int firstLine) {
        if (kind == null) {
            return;
        }
        String body = text.toString().strip();
        if (kind == Kind.SQL) {
            // A trailing semicolon is habit in SQL files; Spark's sql() takes one statement without it.
            body = body.replaceAll(";\\s*$", "");
        }
        if (!body.isEmpty()) {
            cells.add(new Cell(cells.size() + 1, kind, body, firstLine));
        }
    }

    private static String stripComment(String line) {
        if (line.startsWith("-- ")) {
            return line.substring(3);
        }
        return line.startsWith("--") ? line.substring(2) : line;
    }
}
