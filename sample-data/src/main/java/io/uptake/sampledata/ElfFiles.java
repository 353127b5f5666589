package io.uptake.sampledata;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.zip.GZIPOutputStream;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;
import org.apache.commons.csv.QuoteMode;

/**
 * Where and in what shape a day's EventLogFile rows of one type are written. Most go to
 * {@code elf/<day>/<Type>.csv} as Event Monitoring delivers them; the rows of a few (day, type) pairs go,
 * instead, to {@code exports/salesforce-elf/} in the shapes customers' log platforms keep them: CSV with
 * lower-case headers, gzipped CSV, JSON lines with upper-case keys (Elastic), one JSON array with
 * lower-case keys and type suffixes (a Microsoft Sentinel workspace). The Login rows of a week go to
 * the LoginHistory download instead ({@link SalesforceDownloads}). Every row is written exactly once,
 * and the choice depends on the day's index only, so the extra shapes stay a few days' worth whatever
 * the size.
 */
final class ElfFiles {

    enum Shape { PLAIN, LOWER_CASE_HEADER, GZIP, ELASTIC, SENTINEL, LOGIN_HISTORY }

    static final String EXPORTS = "exports/salesforce-elf";
    private static final Set<String> LOWER_CASE_TYPES = Set.of("Logout", "Search", "ApexTrigger");
    private static final Set<String> GZIP_TYPES = Set.of("URI", "Report", "ApexCallout", "FlowExecution");
    private static final Set<String> ELASTIC_TYPES = Set.of("Login", "QueuedExecution", "WaveInteraction");
    private static final Set<String> SENTINEL_TYPES = Set.of("Login", "Logout", "URI", "Dashboard", "AsyncReportRun",
            "ApexExecution", "KnowledgeArticleView");
    /** A Log Analytics workspace's id, as its records carry it. */
    private static final String SENTINEL_TENANT = "8f2d6c1a-4b7e-4c39-9a51-0d3e6f7b2c18";
    private static final CSVFormat LOWER_CASE_CSV = CSVFormat.DEFAULT.builder()
            .setQuoteMode(QuoteMode.MINIMAL).setRecordSeparator("\n").get();

    private record TypedRow(EventLogFileTypes.Type type, Activity.Row row) {}

    private final Path out;
    private final int days;
    private final JsonFactory json = new JsonFactory();
    private final List<TypedRow> sentinel = new ArrayList<>();

    ElfFiles(Path out, Organisation org) {
        this.out = out;
        this.days = org.days();
    }

    /** The days whose Login rows are in the LoginHistory download, from first to last (day indexes). */
    static int[] loginHistoryDays(int days) {
        return new int[] {days - 21, days - 15};
    }

    /** The day whose rows of several types are in one Sentinel array. */
    static int sentinelDay(int days) {
        return days - 12;
    }

    /** The shape of the day's rows of the type; the last day is always plain. */
    Shape shape(int day, String type) {
        int[] loginHistory = loginHistoryDays(days);
        if (type.equals("Login") && day >= loginHistory[0] && day <= loginHistory[1]) {
            return Shape.LOGIN_HISTORY;
        }
        if (day >= days - 1) {
            return Shape.PLAIN;
        }
        if (day == sentinelDay(days) && SENTINEL_TYPES.contains(type)) {
            return Shape.SENTINEL;
        }
        if (day % 30 == 20 && ELASTIC_TYPES.contains(type)) {
            return Shape.ELASTIC;
        }
        if (day % 14 == 9 && GZIP_TYPES.contains(type)) {
            return Shape.GZIP;
        }
        if (day % 14 == 5 && LOWER_CASE_TYPES.contains(type)) {
            return Shape.LOWER_CASE_HEADER;
        }
        return Shape.PLAIN;
    }

    /** Writes the rows (in time order) in the shape; returns the files written. */
    int write(LocalDate date, String typeName, List<Activity.Row> rows, Shape shape) throws IOException {
        EventLogFileTypes.Type type = EventLogFileTypes.type(typeName);
        switch (shape) {
            case PLAIN -> {
                Path file = out.resolve("elf").resolve(date.toString()).resolve(typeName + ".csv");
                try (Writer writer = newWriter(file)) {
                    quoted(writer, type.header(), rows);
                }
            }
            case LOWER_CASE_HEADER -> {
                Path file = out.resolve(EXPORTS).resolve("lowercase").resolve(date.toString()).resolve(typeName + ".csv");
                List<String> header = type.header().stream().map(h -> h.toLowerCase(Locale.ROOT)).toList();
                try (Writer writer = newWriter(file)) {
                    csv(writer, header, rows, LOWER_CASE_CSV);
                }
            }
            case GZIP -> {
                Path file = out.resolve(EXPORTS).resolve("gzip").resolve(date.toString()).resolve(typeName + ".csv.gz");
                Files.createDirectories(file.getParent());
                try (Writer writer = new BufferedWriter(new OutputStreamWriter(gzip(Files.newOutputStream(file)),
                        StandardCharsets.UTF_8), 1 << 16)) {
                    quoted(writer, type.header(), rows);
                }
            }
            case ELASTIC -> {
                Path file = out.resolve(EXPORTS).resolve("elastic").resolve(date.toString()).resolve(typeName + ".ndjson");
                try (Writer writer = newWriter(file)) {
                    for (Activity.Row row : rows) {
                        writeObject(writer, type, row, false);
                        writer.write('\n');
                    }
                }
            }
            case SENTINEL -> {
                rows.forEach(row -> sentinel.add(new TypedRow(type, row)));
                return 0;
            }
            default -> throw new IllegalArgumentException("rows of shape " + shape + " are not written here");
        }
        return 1;
    }

    /** Writes what the day collected for a Sentinel array; returns the files written. */
    int endOfDay(LocalDate date) throws IOException {
        if (sentinel.isEmpty()) {
            return 0;
        }
        sentinel.sort(Comparator.comparingLong(r -> r.row().millis()));
        Path file = out.resolve(EXPORTS).resolve("sentinel").resolve("SalesforceServiceCloud_CL-" + date + ".json");
        try (Writer writer = newWriter(file)) {
            writer.write("[\n");
            for (int i = 0; i < sentinel.size(); i++) {
                writeObject(writer, sentinel.get(i).type(), sentinel.get(i).row(), true);
                writer.write(i + 1 < sentinel.size() ? ",\n" : "\n");
            }
            writer.write("]\n");
        }
        sentinel.clear();
        return 1;
    }

    /**
     * A gzip stream whose header holds no file name and no modification time (zero), so the same rows
     * give the same bytes.
     */
    static OutputStream gzip(OutputStream out) throws IOException {
        // Java's GZIPOutputStream writes a fixed header: no name, mtime 0.
        return new GZIPOutputStream(out, 1 << 16);
    }

    private static Writer newWriter(Path file) throws IOException {
        Files.createDirectories(file.getParent());
        return Files.newBufferedWriter(file, StandardCharsets.UTF_8);
    }

    /**
     * Salesforce's own CSV: every field in double quotes, a quote inside doubled, lines ended by LF.
     * Written by hand rather than with Commons CSV: this is most of the generator's output.
     */
    private static void quoted(Writer writer, List<String> header, List<Activity.Row> rows) throws IOException {
        quotedLine(writer, header.toArray(String[]::new));
        for (Activity.Row row : rows) {
            quotedLine(writer, row.values());
        }
    }

    private static void quotedLine(Writer writer, String[] values) throws IOException {
        StringBuilder line = new StringBuilder(512);
        for (int i = 0; i < values.length; i++) {
            if (i > 0) {
                line.append(',');
            }
            String value = values[i];
            line.append('"').append(value.indexOf('"') < 0 ? value : value.replace("\"", "\"\"")).append('"');
        }
        writer.write(line.append('\n').toString());
    }

    private static void csv(Writer writer, List<String> header, List<Activity.Row> rows, CSVFormat format)
            throws IOException {
        CSVPrinter csv = new CSVPrinter(writer, format);
        csv.printRecord(header);
        for (Activity.Row row : rows) {
            csv.printRecord((Object[]) row.values());
        }
        csv.flush();
    }

    /**
     * One row as a JSON object: Elastic keeps the header's names; a Log Analytics workspace lower-cases
     * them and appends the column's type ({@code _s} string, {@code _t} datetime) and adds its own.
     */
    private void writeObject(Writer writer, EventLogFileTypes.Type type, Activity.Row row, boolean sentinelShape)
            throws IOException {
        try (JsonGenerator out = json.createGenerator(writer)) {
            out.configure(JsonGenerator.Feature.AUTO_CLOSE_TARGET, false);
            out.writeStartObject();
            if (sentinelShape) {
                out.writeStringField("TenantId", SENTINEL_TENANT);
                out.writeStringField("TimeGenerated", Times.iso(row.millis() + 600_000));
            }
            List<String> header = type.header();
            for (int i = 0; i < header.size(); i++) {
                String name = header.get(i);
                if (sentinelShape) {
                    name = name.toLowerCase(Locale.ROOT) + (name.equals("TIMESTAMP_DERIVED") ? "_t" : "_s");
                }
                out.writeStringField(name, row.values()[i]);
            }
            out.writeEndObject();
        }
    }
}
