package io.uptake.jobs.notebook;

import static java.util.Objects.requireNonNull;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A SQL notebook in the Jupytext "percent" format: {@code -- %%} starts a SQL cell,
 * {@code -- %% [markdown]} a markdown cell whose lines are SQL comments. Text after {@code -- %%} is the
 * cell's title ({@code -- %% whom to call}). The cell titled {@value #PARAMETERS} declares the
 * notebook's parameters, one {@code -- name = default} per line; {@code ${name}} in any cell is replaced
 * by the value given for the run, or the default.
 */
public record Notebook(String name, List<Cell> cells) {

    /** The title of the cell declaring parameters. */
    public static final String PARAMETERS = "parameters";

    private static final String CELL_MARKER = "-- %%";
    private static final String MARKDOWN_MARKER = "[markdown]";
    private static final String CHECK_MARKER = "-- check:";
    private static final Pattern PARAMETER_LINE = Pattern.compile("--\\s*([A-Za-z_][A-Za-z0-9_]*)\\s*=\\s*(.*?)\\s*");
    private static final Pattern REFERENCE = Pattern.compile("\\$\\{([A-Za-z_][A-Za-z0-9_]*)}");

    public Notebook {
        requireNonNull(name, "name is null");
        cells = List.copyOf(cells);
    }

    /** One cell; {@code number} counts every cell from 1, as a reader sees them in the file. */
    public record Cell(int number, Kind kind, String title, String text, int firstLine) {
        public Cell {
            requireNonNull(kind, "kind is null");
            requireNonNull(title, "title is null");
            requireNonNull(text, "text is null");
        }

        /** The parameters cell: declarations, not a query. */
        public boolean isParameters() {
            return kind == Kind.SQL && title.equals(PARAMETERS);
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
        String title = "";
        int start = 0;
        StringBuilder text = new StringBuilder();
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i);
            if (line.startsWith(CELL_MARKER)) {
                addCell(cells, kind, title, text, start);
                String rest = line.substring(CELL_MARKER.length()).strip();
                kind = rest.startsWith(MARKDOWN_MARKER) ? Kind.MARKDOWN : Kind.SQL;
                title = kind == Kind.MARKDOWN ? rest.substring(MARKDOWN_MARKER.length()).strip() : rest;
                start = i + 2;
                text.setLength(0);
            } else if (kind != null) {
                text.append(kind == Kind.MARKDOWN ? stripComment(line) : line).append('\n');
            }
        }
        addCell(cells, kind, title, text, start);
        return new Notebook(name, cells);
    }

    /** The declared parameters and their defaults, in order of declaration. */
    public Map<String, String> parameters() {
        Map<String, String> parameters = new LinkedHashMap<>();
        for (Cell cell : cells) {
            if (cell.isParameters()) {
                for (String line : cell.text().lines().toList()) {
                    Matcher m = PARAMETER_LINE.matcher(line.strip());
                    if (m.matches()) {
                        parameters.put(m.group(1), m.group(2));
                    }
                }
            }
        }
        return parameters;
    }

    /**
     * The notebook with {@code ${name}} replaced in every cell: by {@code values}, else by the declared
     * default. A value for an undeclared parameter, or a reference to one, is an error naming it.
     */
    public Notebook withParameters(Map<String, String> values) {
        Map<String, String> declared = parameters();
        for (String given : values.keySet()) {
            if (!declared.containsKey(given)) {
                throw new IllegalArgumentException("--param " + given + ": " + name + " has no such parameter; it has "
                        + (declared.isEmpty() ? "none" : String.join(", ", declared.keySet())));
            }
        }
        Map<String, String> effective = new LinkedHashMap<>(declared);
        effective.putAll(values);
        List<Cell> replaced = new ArrayList<>();
        for (Cell cell : cells) {
            String text = cell.isParameters() ? cell.text() : substitute(cell, effective);
            replaced.add(new Cell(cell.number(), cell.kind(), cell.title(), text, cell.firstLine()));
        }
        return new Notebook(name, replaced);
    }

    private String substitute(Cell cell, Map<String, String> values) {
        Matcher m = REFERENCE.matcher(cell.text());
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            String value = values.get(m.group(1));
            if (value == null) {
                throw new IllegalArgumentException(name + ", cell " + cell.number() + " (line " + cell.firstLine()
                        + "): ${" + m.group(1) + "} is not a declared parameter; declare it in the cell titled '"
                        + PARAMETERS + "' as -- " + m.group(1) + " = default");
            }
            m.appendReplacement(out, Matcher.quoteReplacement(value));
        }
        return m.appendTail(out).toString();
    }

    private static void addCell(List<Cell> cells, Kind kind, String title, StringBuilder text, int firstLine) {
        if (kind == null) {
            return;
        }
        String body = text.toString().strip();
        if (kind == Kind.SQL) {
            // A trailing semicolon is habit in SQL files; Spark's sql() takes one statement without it.
            body = body.replaceAll(";\\s*$", "");
        }
        if (!body.isEmpty()) {
            cells.add(new Cell(cells.size() + 1, kind, title, body, firstLine));
        }
    }

    private static String stripComment(String line) {
        if (line.startsWith("-- ")) {
            return line.substring(3);
        }
        return line.startsWith("--") ? line.substring(2) : line;
    }
}
