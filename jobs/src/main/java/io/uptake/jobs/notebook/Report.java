package io.uptake.jobs.notebook;

import java.sql.Date;
import java.sql.Timestamp;
import java.util.List;
import java.util.Locale;
import org.apache.spark.sql.Row;
import org.commonmark.ext.gfm.tables.TablesExtension;
import org.commonmark.parser.Parser;
import org.commonmark.renderer.html.HtmlRenderer;

/**
 * A notebook with its results, as Markdown (the markdown cells, each SQL cell in a code block and its
 * result as a table) or as a standalone HTML page rendered from that Markdown, where a result of one
 * label column and one number column also gets a small bar chart (inline SVG: the page needs nothing
 * else to display).
 */
final class Report {

    private static final List<org.commonmark.Extension> EXTENSIONS = List.of(TablesExtension.create());
    private static final int MAX_BARS = 30;
    private static final String CHART_MARKER = "<!-- chart %d -->";

    private Report() {}

    static String markdown(Notebook notebook, List<NotebookCommand.CellResult> results) {
        StringBuilder md = new StringBuilder();
        int next = 0;
        int charts = 0;
        for (Notebook.Cell cell : notebook.cells()) {
            if (cell.kind() == Notebook.Kind.MARKDOWN) {
                md.append(cell.text()).append("\n\n");
                continue;
            }
            if (cell.isParameters()) {
                md.append("Parameters:\n\n");
                notebook.parameters().forEach((name, value) -> md.append("- `").append(name).append("` = `")
                        .append(value).append("`\n"));
                md.append('\n');
                continue;
            }
            if (!cell.title().isEmpty()) {
                md.append("**").append(cell.title()).append("**\n\n");
            }
            md.append("```sql\n").append(cell.text()).append("\n```\n\n");
            if (next >= results.size() || results.get(next).cell().number() != cell.number()) {
                md.append("_Not run: an earlier cell failed._\n\n");
                continue;
            }
            NotebookCommand.CellResult result = results.get(next++);
            if (chartable(result)) {
                md.append(String.format(Locale.ROOT, CHART_MARKER, charts++)).append("\n\n");
            }
            md.append(pipeTable(result)).append('\n');
            md.append("_").append(result.total()).append(result.total() == 1 ? " row" : " rows")
                    .append(result.total() > result.rows().size() ? ", first " + result.rows().size() + " shown" : "")
                    .append("_\n\n");
        }
        return md.toString();
    }

    static String html(String title, String markdown, List<NotebookCommand.CellResult> results) {
        Parser parser = Parser.builder().extensions(EXTENSIONS).build();
        String body = HtmlRenderer.builder().extensions(EXTENSIONS).escapeHtml(true).build().render(parser.parse(markdown));
        int chart = 0;
        for (NotebookCommand.CellResult result : results) {
            if (chartable(result)) {
                // Markdown's HTML is escaped (cells are data, never markup): the marker arrives as text.
                String marker = "<p>" + escape(String.format(Locale.ROOT, CHART_MARKER, chart++)) + "</p>";
                body = body.replace(marker, "<figure>" + barChart(result) + "</figure>");
            }
        }
        return """
                <!doctype html>
                <html lang="en">
                <head>
                <meta charset="utf-8">
                <title>%s</title>
                <style>
                body { font: 15px/1.5 system-ui, sans-serif; max-width: 1100px; margin: 2em auto; padding: 0 1em; color: #1f2937; }
                table { border-collapse: collapse; margin: 0.5em 0; font-size: 13px; }
                th, td { border: 1px solid #d1d5db; padding: 3px 8px; text-align: left; }
                th { background: #f3f4f6; }
                pre { background: #f9fafb; border: 1px solid #e5e7eb; padding: 0.6em; overflow-x: auto; font-size: 12px; }
                svg text { font: 11px system-ui, sans-serif; fill: #374151; }
                </style>
                </head>
                <body>
                %s
                </body>
                </html>
                """.formatted(escape(title), body);
    }

    /** One label column and one number column, and not too many rows: a bar chart reads better. */
    private static boolean chartable(NotebookCommand.CellResult result) {
        if (result.columns().size() != 2 || result.rows().size() < 2 || result.rows().size() > MAX_BARS) {
            return false;
        }
        return result.rows().stream().allMatch(r -> !r.isNullAt(0) && (r.isNullAt(1) || r.get(1) instanceof Number));
    }

    private static String barChart(NotebookCommand.CellResult result) {
        double max = result.rows().stream().filter(r -> !r.isNullAt(1))
                .mapToDouble(r -> Math.abs(((Number) r.get(1)).doubleValue())).max().orElse(0);
        int rowHeight = 18;
        int labelWidth = 180;
        int barWidth = 420;
        StringBuilder svg = new StringBuilder(String.format(Locale.ROOT,
                "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"%d\" height=\"%d\" role=\"img\" aria-label=\"%s by %s\">",
                labelWidth + barWidth + 90, rowHeight * result.rows().size() + 4, escape(result.columns().get(1)),
                escape(result.columns().get(0))));
        for (int i = 0; i < result.rows().size(); i++) {
            Row row = result.rows().get(i);
            double value = row.isNullAt(1) ? 0 : ((Number) row.get(1)).doubleValue();
            int width = max == 0 ? 0 : (int) Math.round(Math.abs(value) / max * barWidth);
            int y = i * rowHeight;
            svg.append(String.format(Locale.ROOT,
                    "<text x=\"%d\" y=\"%d\" text-anchor=\"end\">%s</text>"
                            + "<rect x=\"%d\" y=\"%d\" width=\"%d\" height=\"%d\" fill=\"#4f6bed\"/>"
                            + "<text x=\"%d\" y=\"%d\">%s</text>",
                    labelWidth - 6, y + 13, escape(text(row, 0)), labelWidth, y + 3, width, rowHeight - 5,
                    labelWidth + width + 4, y + 13, escape(text(row, 1))));
        }
        return svg.append("</svg>").toString();
    }

    private static String pipeTable(NotebookCommand.CellResult result) {
        StringBuilder table = new StringBuilder("|");
        result.columns().forEach(c -> table.append(' ').append(cell(c)).append(" |"));
        table.append("\n|");
        result.columns().forEach(c -> table.append("---|"));
        table.append('\n');
        for (Row row : result.rows()) {
            table.append('|');
            for (int i = 0; i < result.columns().size(); i++) {
                table.append(' ').append(cell(text(row, i))).append(" |");
            }
            table.append('\n');
        }
        return table.toString();
    }

    /** A value as the reports show it: dates and times in ISO, NULL for none, doubles to 4 decimals. */
    static String text(Row row, int i) {
        if (row.isNullAt(i)) {
            return "NULL";
        }
        Object value = row.get(i);
        if (value instanceof Double d) {
            return d == Math.rint(d) && Math.abs(d) < 1e15 ? String.valueOf(d.longValue())
                    : String.format(Locale.ROOT, "%.4f", d).replaceAll("0+$", "");
        }
        if (value instanceof Date date) {
            return date.toLocalDate().toString();
        }
        if (value instanceof Timestamp timestamp) {
            return timestamp.toInstant().toString();
        }
        if (value instanceof scala.collection.Seq<?> seq) {
            return String.join("; ", scala.jdk.javaapi.CollectionConverters.asJava(seq).stream().map(String::valueOf).toList());
        }
        return String.valueOf(value);
    }

    private static String cell(String text) {
        return text.replace("\\", "\\\\").replace("|", "\\|").replace("\n", " ");
    }

    private static String escape(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }
}
