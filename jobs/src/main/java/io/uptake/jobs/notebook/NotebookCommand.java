package io.uptake.jobs.notebook;

import io.uptake.jobs.WarehouseLocation;
import io.uptake.jobs.WarehouseReader;
import io.uptake.warehouse.DataLayout;
import io.uptake.warehouse.Marts;
import io.uptake.warehouse.Tables;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.apache.spark.sql.AnalysisException;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

/**
 * {@code ./uptake sql [--data DIR] [--out FILE.md|FILE.html] [--param name=value ...] NOTEBOOK}: runs a
 * SQL notebook with every warehouse table and every mart registered as a view under its own name,
 * printing each result (first 50 rows, with the total), and optionally rendering the notebook with its
 * results to Markdown or a standalone HTML report.
 */
public final class NotebookCommand {

    /** Rows of a result printed and rendered; the total is always given. */
    public static final int SHOWN_ROWS = 50;
    private static final int MAX_CELL_WIDTH = 60;
    private static final String USAGE =
            "Usage: ./uptake sql [--data DIR] [--out FILE.md|FILE.html] [--param name=value ...] NOTEBOOK";
    private static final Pattern MISSING_VIEW = Pattern.compile("`([^`]+)`");

    /** The result of one SQL cell: its columns, its first {@link #SHOWN_ROWS} rows, and how many there are. */
    public record CellResult(Notebook.Cell cell, List<String> columns, List<Row> rows, long total) {}

    private NotebookCommand() {}

    public static void main(String[] args) {
        String data = "./data";
        String notebookPath = null;
        Path out = null;
        Map<String, String> params = new LinkedHashMap<>();
        for (int i = 0; i < args.length; i++) {
            String arg = args[i];
            if (arg.equals("--help") || arg.equals("-h")) {
                System.out.println(USAGE);
                return;
            } else if (arg.equals("--data") && i + 1 < args.length) {
                data = args[++i];
            } else if (arg.equals("--out") && i + 1 < args.length) {
                out = Path.of(args[++i]);
                if (!out.toString().endsWith(".md") && !out.toString().endsWith(".html")) {
                    usageError("--out " + out + ": the report is Markdown (.md) or HTML (.html)");
                }
            } else if (arg.equals("--param") && i + 1 < args.length) {
                String param = args[++i];
                int equals = param.indexOf('=');
                if (equals <= 0) {
                    usageError("--param " + param + ": expected name=value");
                }
                params.put(param.substring(0, equals), param.substring(equals + 1));
            } else if (!arg.startsWith("--") && notebookPath == null) {
                notebookPath = arg;
            } else {
                usageError(arg.startsWith("--") && i + 1 >= args.length ? arg + " needs a value" : "unexpected argument '" + arg + "'");
            }
        }
        if (notebookPath == null) {
            usageError("a NOTEBOOK file is required");
        }
        Path path = Path.of(notebookPath);
        if (!Files.isRegularFile(path)) {
            System.err.println("sql: notebook not found: " + path);
            System.exit(1);
        }
        Notebook notebook;
        try {
            notebook = Notebook.parse(path.getFileName().toString(), Files.readString(path)).withParameters(params);
        } catch (IllegalArgumentException e) {
            usageError(e.getMessage());
            return;
        } catch (IOException e) {
            System.err.println("sql: cannot read notebook " + path + ": " + e.getMessage());
            System.exit(1);
            return;
        }
        SparkSession spark = SparkSession.builder()
                .appName("uptake-sql " + notebook.name())
                .master("local[*]")
                .config("spark.ui.enabled", "false")
                .config("spark.sql.session.timeZone", "UTC")
                .config("spark.sql.shuffle.partitions", "4")
                .getOrCreate();
        spark.sparkContext().setLogLevel("WARN");
        int exit;
        try {
            exit = run(spark, DataLayout.of(data), notebook, out, System.out, System.err);
        } catch (IOException e) {
            System.err.println("sql: cannot read the warehouse or write the report: " + e.getMessage());
            exit = 1;
        } finally {
            spark.stop();
        }
        System.exit(exit);
    }

    private static void usageError(String message) {
        System.err.println("sql: " + message);
        System.err.println(USAGE);
        System.exit(2);
    }

    /**
     * Runs the notebook (parameters already substituted), printing markdown and results to {@code out}
     * and, with {@code report}, writing the report. A failing cell stops the run; a check cell that
     * lists rows is reported and the rest still runs. Returns 0 when every cell ran and every check
     * passed, else 1.
     */
    public static int run(SparkSession spark, DataLayout layout, Notebook notebook, Path report, PrintStream out,
                          PrintStream err) throws IOException {
        for (String view : registerViews(spark, layout)) {
            out.println("view " + view);
        }
        List<CellResult> results = new ArrayList<>();
        NotebookException failure = null;
        try {
            results.addAll(execute(spark, notebook));
        } catch (NotebookException e) {
            results.addAll(e.completed());
            failure = e;
        }
        int failedChecks = 0;
        int next = 0;
        for (Notebook.Cell cell : notebook.cells()) {
            if (cell.kind() == Notebook.Kind.MARKDOWN) {
                out.println();
                out.println(cell.text());
                continue;
            }
            if (next >= results.size() || results.get(next).cell() != cell) {
                continue;
            }
            CellResult result = results.get(next++);
            out.println();
            out.print(table(result.columns().toArray(String[]::new), result.rows()));
            out.println("(" + result.total() + " rows" + (result.total() > SHOWN_ROWS ? ", first " + SHOWN_ROWS + " shown" : "") + ")");
            if (cell.isCheck()) {
                if (result.total() == 0) {
                    out.println("Check passed: " + cell.checkName());
                } else {
                    failedChecks++;
                    err.println("Check failed (cell " + cell.number() + ", line " + cell.firstLine() + "): "
                            + cell.checkName() + ": " + result.total() + " rows differ");
                }
            }
        }
        if (report != null) {
            String markdown = Report.markdown(notebook, results);
            Files.writeString(report, report.toString().endsWith(".html")
                    ? Report.html(notebook.name(), markdown, results) : markdown, StandardCharsets.UTF_8);
            out.println("Report written to " + report);
        }
        if (failure != null) {
            err.println(failure.getMessage());
            return 1;
        }
        return failedChecks == 0 ? 0 : 1;
    }

    /**
     * Runs every SQL cell of the notebook in order (the parameters cell is declarations, not run) and
     * returns their results. The first failing cell stops the run with a {@link NotebookException}
     * naming the cell, its first line and Spark's message, carrying the results so far.
     */
    public static List<CellResult> execute(SparkSession spark, Notebook notebook) {
        List<CellResult> results = new ArrayList<>();
        for (Notebook.Cell cell : notebook.cells()) {
            if (cell.kind() != Notebook.Kind.SQL || cell.isParameters()) {
                continue;
            }
            try {
                Dataset<Row> result = spark.sql(cell.text()).cache();
                long total = result.count();
                results.add(new CellResult(cell, List.of(result.columns()), result.limit(SHOWN_ROWS).collectAsList(), total));
                result.unpersist();
            } catch (Exception e) {
                // Scala declares no checked exceptions, so Spark's AnalysisException arrives undeclared.
                String message = e instanceof AnalysisException analysis ? explain(analysis) : e.getMessage();
                throw new NotebookException("Cell " + cell.number() + " (line " + cell.firstLine() + ", '"
                        + cell.firstTextLine() + "') failed: " + message, results);
            }
        }
        return List.copyOf(results);
    }

    /** Registers the views, then {@link #execute(SparkSession, Notebook)} with the parameters substituted. */
    public static List<CellResult> execute(SparkSession spark, DataLayout layout, Notebook notebook,
                                           Map<String, String> params) throws IOException {
        registerViews(spark, layout);
        return execute(spark, notebook.withParameters(params));
    }

    /** Spark's message, and for a view that does not exist, which step produces it. */
    static String explain(AnalysisException e) {
        String message = e.getSimpleMessage();
        if (!"TABLE_OR_VIEW_NOT_FOUND".equals(e.getErrorClass())) {
            return message;
        }
        Matcher name = MISSING_VIEW.matcher(message);
        if (!name.find()) {
            return message;
        }
        String view = name.group(1).toLowerCase(Locale.ROOT);
        view = view.substring(view.lastIndexOf('.') + 1);
        return message + " " + producedBy(view);
    }

    /** Which step makes a view exist. */
    static String producedBy(String view) {
        if (view.equals(Tables.EVENTS)) {
            return "The events table is loaded by ./uptake ingest from event log files (or the collector).";
        }
        if (Tables.REFERENCE.contains(view)) {
            return "The " + view + " table is loaded by ./uptake ingest from " + view + ".csv.";
        }
        if (view.equals(Tables.QUARANTINE)) {
            return "The quarantine table exists once ./uptake ingest has rejected a line.";
        }
        if (allMarts().contains(view)) {
            return "The " + view + " mart is computed by ./uptake jobs (if the last run left it out, its warning says why).";
        }
        return "No warehouse table or mart is called " + view + ".";
    }

    private static List<String> allMarts() {
        List<String> marts = new ArrayList<>();
        for (var field : Marts.class.getFields()) {
            if (field.getType() == String.class && field.getName().equals(field.getName().toUpperCase(Locale.ROOT))) {
                try {
                    marts.add((String) field.get(null));
                } catch (IllegalAccessException e) {
                    throw new IllegalStateException(e);
                }
            }
        }
        return marts;
    }

    /** The rows as a text table, as Spark's {@code show} draws it, cells cut at {@link #MAX_CELL_WIDTH}. */
    static String table(String[] columns, List<Row> rows) {
        List<String[]> cells = new ArrayList<>();
        cells.add(columns);
        for (Row row : rows) {
            String[] values = new String[columns.length];
            for (int i = 0; i < columns.length; i++) {
                String value = Report.text(row, i);
                values[i] = value.length() > MAX_CELL_WIDTH ? value.substring(0, MAX_CELL_WIDTH - 3) + "..." : value;
            }
            cells.add(values);
        }
        int[] widths = new int[columns.length];
        cells.forEach(line -> {
            for (int i = 0; i < line.length; i++) {
                widths[i] = Math.max(widths[i], line[i].length());
            }
        });
        StringBuilder rule = new StringBuilder("+");
        for (int width : widths) {
            rule.append("-".repeat(width)).append('+');
        }
        StringBuilder text = new StringBuilder(rule).append('\n');
        for (int r = 0; r < cells.size(); r++) {
            text.append('|');
            for (int i = 0; i < widths.length; i++) {
                text.append(" ".repeat(widths[i] - cells.get(r)[i].length())).append(cells.get(r)[i]).append('|');
            }
            text.append('\n');
            if (r == 0) {
                text.append(rule).append('\n');
            }
        }
        return text.append(rule).append('\n').toString();
    }

    /**
     * Registers each table of the warehouse and each mart that exists; returns the view names. Views of
     * an earlier warehouse in the same session are dropped first, so a notebook sees this one only.
     */
    static List<String> registerViews(SparkSession spark, DataLayout layout) throws IOException {
        List<String> views = new ArrayList<>();
        List<String> tables = new ArrayList<>(Tables.REFERENCE);
        tables.add(Tables.EVENTS);
        tables.add(Tables.QUARANTINE);
        tables.forEach(spark.catalog()::dropTempView);
        allMarts().forEach(spark.catalog()::dropTempView);
        WarehouseReader warehouse = new WarehouseReader(spark, WarehouseLocation.of(layout));
        for (String table : tables) {
            Optional<Dataset<Row>> rows = warehouse.table(table);
            if (rows.isPresent()) {
                rows.get().createOrReplaceTempView(table);
                views.add(table);
            }
        }
        if (Files.isDirectory(layout.marts())) {
            try (Stream<Path> marts = Files.list(layout.marts())) {
                for (Path mart : marts.sorted().toList()) {
                    String name = mart.getFileName().toString();
                    if (!name.startsWith(".") && !name.startsWith("_") && hasData(mart)) {
                        spark.read().parquet(mart.toString()).createOrReplaceTempView(name);
                        views.add(name);
                    }
                }
            }
        }
        return List.copyOf(views);
    }

    private static boolean hasData(Path dir) throws IOException {
        if (!Files.isDirectory(dir)) {
            return false;
        }
        try (Stream<Path> files = Files.walk(dir)) {
            return files.anyMatch(f -> f.getFileName().toString().endsWith(".parquet"));
        }
    }
}
