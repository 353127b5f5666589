package io.uptake.jobs.notebook;

import io.uptake.jobs.WarehouseReader;
import io.uptake.warehouse.DataLayout;
import io.uptake.warehouse.Tables;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.apache.spark.sql.AnalysisException;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

/**
 * {@code ./uptake sql [--data DIR] NOTEBOOK}: runs a SQL notebook with every warehouse table and
 * every mart registered as a view under its own name, printing each result (first 50 rows).
 */
public final class NotebookCommand {

    private static final int SHOWN_ROWS = 50;
    private static final int MAX_CELL_WIDTH = 60;
    private static final String USAGE = "Usage: ./uptake sql [--data DIR] NOTEBOOK";

    private NotebookCommand() {}

    public static void main(String[] args) {
        String data = "./data";
        String notebookPath = null;
        for (int i = 0; i < args.length; i++) {
            if (args[i].equals("--data") && i + 1 < args.length) {
                data = args[++i];
            } else if (args[i].equals("--help") || args[i].equals("-h")) {
                System.out.println(USAGE);
                return;
            } else if (!args[i].startsWith("--") && notebookPath == null) {
                notebookPath = args[i];
            } else {
                usageError("unexpected argument '" + args[i] + "'");
            }
        }
        if (notebookPath == null) {
            usageError("a NOTEBOOK file is required");
        }
        Path path = Path.of(notebookPath);
        if (!Files.isRegularFile(path)) {
            System.err.println("Notebook not found: " + path);
            System.exit(1);
        }
        try {
            Notebook notebook = Notebook.parse(path.getFileName().toString(), Files.readString(path));
            System.exit(run(DataLayout.of(data), notebook));
        } catch (IOException e) {
            System.err.println("Cannot read notebook " + path + ": " + e.getMessage());
            System.exit(1);
        }
    }

    private static void usageError(String message) {
        System.err.println("sql: " + message);
        System.err.println(USAGE);
        System.exit(2);
    }

    static int run(DataLayout layout, Notebook notebook) throws IOException {
        SparkSession spark = SparkSession.builder()
                .appName("uptake-sql " + notebook.name())
                .master("local[*]")
                .config("spark.ui.enabled", "false")
                .config("spark.sql.session.timeZone", "UTC")
                .config("spark.sql.shuffle.partitions", "4")
                .getOrCreate();
        spark.sparkContext().setLogLevel("WARN");
        try {
            return run(spark, layout, notebook, System.out, System.err);
        } finally {
            spark.stop();
        }
    }

    /**
     * Runs every cell in order, printing markdown and results to {@code out}. A failing cell stops the
     * notebook; a check cell that lists rows is reported and the rest still runs. Returns 0 when every
     * cell ran and every check passed, else 1.
     */
    public static int run(SparkSession spark, DataLayout layout, Notebook notebook, PrintStream out, PrintStream err)
            throws IOException {
        for (String view : registerViews(spark, layout)) {
            out.println("view " + view);
        }
        int failedChecks = 0;
        for (Notebook.Cell cell : notebook.cells()) {
            if (cell.kind() == Notebook.Kind.MARKDOWN) {
                out.println();
                out.println(cell.text());
                continue;
            }
            try {
                Dataset<Row> result = spark.sql(cell.text());
                long rows = result.count();
                out.println();
                out.print(table(result.columns(), result.limit(SHOWN_ROWS).collectAsList()));
                out.println("(" + rows + " rows" + (rows > SHOWN_ROWS ? ", first " + SHOWN_ROWS + " shown" : "") + ")");
                if (cell.isCheck()) {
                    if (rows == 0) {
                        out.println("Check passed: " + cell.checkName());
                    } else {
                        failedChecks++;
                        err.println("Check failed (cell " + cell.number() + ", line " + cell.firstLine() + "): "
                                + cell.checkName() + ": " + rows + " rows differ");
                    }
                }
            } catch (Exception e) {
                // Scala declares no checked exceptions, so Spark's AnalysisException arrives undeclared.
                String message = e instanceof AnalysisException analysis ? analysis.getSimpleMessage() : e.getMessage();
                err.println("Cell " + cell.number() + " (line " + cell.firstLine() + ", '"
                        + cell.firstTextLine() + "') failed: " + message);
                return 1;
            }
        }
        return failedChecks == 0 ? 0 : 1;
    }

    /** The rows as a text table, as Spark's {@code show} draws it, cells cut at {@link #MAX_CELL_WIDTH}. */
    static String table(String[] columns, List<Row> rows) {
        List<String[]> cells = new ArrayList<>();
        cells.add(columns);
        for (Row row : rows) {
            String[] values = new String[columns.length];
            for (int i = 0; i < columns.length; i++) {
                String value = row.isNullAt(i) ? "NULL" : String.valueOf(row.get(i));
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

    /** Registers each table of the warehouse and each mart that exists; returns the view names. */
    static List<String> registerViews(SparkSession spark, DataLayout layout) throws IOException {
        List<String> views = new ArrayList<>();
        List<String> tables = new ArrayList<>(Tables.REFERENCE);
        tables.add(Tables.EVENTS);
        tables.add(Tables.QUARANTINE);
        WarehouseReader warehouse = new WarehouseReader(spark, layout);
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
