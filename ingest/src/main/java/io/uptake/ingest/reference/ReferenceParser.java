package io.uptake.ingest.reference;

import io.uptake.ingest.CsvLines;
import io.uptake.ingest.Hashes;
import io.uptake.ingest.PlausibleValues;
import io.uptake.ingest.Rejection;
import io.uptake.ingest.Timestamps;
import io.uptake.ingest.privacy.Pseudonymizer;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.YearMonth;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.apache.commons.csv.DuplicateHeaderMode;
import org.apache.commons.io.input.BOMInputStream;

/** Reads a reference CSV into typed rows for its table; bad rows go to quarantine with a reason. */
public final class ReferenceParser {

    /** The rows of one reference file, and the lines it rejected. */
    public record Result(List<Object[]> rows, List<Rejection> rejections, long read) {}

    /** The file itself is unusable (for example a required column is missing): nothing is loaded. */
    public static final class InvalidFile extends Exception {
        public InvalidFile(String message) {
            super(message, null, false, false);
        }
    }

    private final Pseudonymizer pseudonymizer;

    public ReferenceParser(Pseudonymizer pseudonymizer) {
        this.pseudonymizer = pseudonymizer;
    }

    public Result parse(ReferenceTable table, Path file, String input) throws IOException, InvalidFile {
        List<Object[]> rows = new ArrayList<>();
        List<Rejection> rejections = new ArrayList<>();
        long read = 0;
        InputStream in = BOMInputStream.builder().setInputStream(Files.newInputStream(file)).get();
        try (Reader reader = new InputStreamReader(in, StandardCharsets.UTF_8);
             CSVParser csv = open(reader, input)) {
            List<String> header = csv.getHeaderNames();
            for (ReferenceTable.Field field : table.fields()) {
                if (!header.contains(field.csvColumn()) && field.column().required()) {
                    throw new InvalidFile(input + " has no column '" + field.csvColumn() + "' (header: "
                            + String.join(",", header) + ")");
                }
            }
            Optional<ReferenceTable.Field> unique = table.uniqueField();
            // Per person (by key, so that an id's 15- and 18-character forms are one): their id as first written, their lines.
            Map<String, Map.Entry<String, List<Long>>> linesOf = new LinkedHashMap<>();
            Iterator<CSVRecord> records = csv.iterator();
            long lineBefore = csv.getCurrentLineNumber();
            while (true) {
                CSVRecord record;
                try {
                    if (!records.hasNext()) {
                        break;
                    }
                    record = records.next();
                } catch (UncheckedIOException | IllegalStateException e) {
                    read++;
                    rejections.add(new Rejection(input, lineBefore + 1, "Cannot parse CSV in " + input + " from line "
                            + (lineBefore + 1), Hashes.sha256(input + ":" + (lineBefore + 1))));
                    break;
                }
                lineBefore = csv.getCurrentLineNumber();
                long line = CsvLines.firstLine(lineBefore, record);
                read++;
                if (unique.isPresent() && record.isMapped(unique.get().csvColumn())
                        && !record.get(unique.get().csvColumn()).isEmpty()) {
                    String id = record.get(unique.get().csvColumn());
                    linesOf.computeIfAbsent(pseudonymizer.userKey(id), k -> Map.entry(id, new ArrayList<>())).getValue().add(line);
                }
                try {
                    rows.add(row(table, record));
                } catch (IllegalArgumentException e) {
                    rejections.add(new Rejection(input, line, e.getMessage() + " in " + input + " line " + line,
                            Hashes.sha256(String.join("\u001f", record.toList())), userKeyOf(table, record)));
                }
            }
            if (unique.isPresent()) {
                refuseRepeated(unique.get().csvColumn(), linesOf, input);
            }
        }
        return new Result(rows, rejections, read);
    }

    /**
     * Opens the file with its first line as the header. A column without a name (as a trailing comma in
     * a spreadsheet's export leaves) is read and ignored; a name given twice refuses the file, since
     * either column could be the one meant.
     */
    private static CSVParser open(Reader reader, String input) throws IOException, InvalidFile {
        CSVParser csv;
        try {
            csv = CSVFormat.DEFAULT.builder().setHeader().setSkipHeaderRecord(true).setTrim(true)
                    .setAllowMissingColumnNames(true).setDuplicateHeaderMode(DuplicateHeaderMode.ALLOW_ALL)
                    .get().parse(reader);
        } catch (UncheckedIOException e) {
            throw new InvalidFile("Cannot parse the header of " + input + ": " + e.getMessage());
        }
        List<String> header = csv.getHeaderNames();
        for (int i = 0; i < header.size(); i++) {
            String name = header.get(i);
            if (!name.isEmpty() && header.indexOf(name) < i) {
                csv.close();
                throw new InvalidFile(input + " names the column '" + name + "' twice (header: " + String.join(",", header)
                        + ")");
            }
        }
        return csv;
    }

    /** How many repeated ids a refusal lists; the rest are counted. */
    private static final int REPEATS_SHOWN = 10;

    /**
     * Refuses the file when an id that must name one row names several: the person would count twice,
     * in two teams. The message names each such id and its lines.
     */
    private static void refuseRepeated(String column, Map<String, Map.Entry<String, List<Long>>> linesOf, String input)
            throws InvalidFile {
        List<String> repeats = new ArrayList<>();
        for (Map.Entry<String, List<Long>> id : linesOf.values()) {
            List<Long> lines = id.getValue();
            if (lines.size() > 1) {
                String first = lines.subList(0, lines.size() - 1).stream().map(String::valueOf).collect(Collectors.joining(", "));
                repeats.add(column + " " + id.getKey() + " appears on lines " + first + " and " + lines.get(lines.size() - 1)
                        + " of " + input);
            }
        }
        if (repeats.isEmpty()) {
            return;
        }
        String shown = String.join("; ", repeats.subList(0, Math.min(REPEATS_SHOWN, repeats.size())));
        throw new InvalidFile(shown + (repeats.size() > REPEATS_SHOWN ? "; and " + (repeats.size() - REPEATS_SHOWN)
                + " more " + column + "s appear more than once" : "") + ": each person must be listed once");
    }

    /** The key of the user a rejected users.csv or training.csv line is about, so erasure reaches it. */
    private String userKeyOf(ReferenceTable table, CSVRecord record) {
        for (ReferenceTable.Field field : table.fields()) {
            if (field.column().name().equals(io.uptake.warehouse.Columns.USER_KEY) && record.isMapped(field.csvColumn())
                    && !record.get(field.csvColumn()).isBlank()) {
                return pseudonymizer.userKey(record.get(field.csvColumn()));
            }
        }
        return null;
    }

    private Object[] row(ReferenceTable table, CSVRecord record) {
        if (record.size() < record.getParser().getHeaderNames().size()) {
            throw new IllegalArgumentException("Row has " + record.size() + " fields but the header has "
                    + record.getParser().getHeaderNames().size());
        }
        Object[] row = new Object[table.fields().size()];
        for (int i = 0; i < row.length; i++) {
            ReferenceTable.Field field = table.fields().get(i);
            String raw = record.isMapped(field.csvColumn()) ? record.get(field.csvColumn()) : "";
            if (raw.length() > PlausibleValues.MAX_TEXT) {
                // Its length only: the value may be a name or an address.
                throw new IllegalArgumentException(field.csvColumn() + " is " + raw.length()
                        + " characters long, over the limit of " + PlausibleValues.MAX_TEXT);
            }
            if (raw.isEmpty()) {
                if (field.column().required()) {
                    throw new IllegalArgumentException("Missing " + field.csvColumn());
                }
                continue;
            }
            if (!field.allowed().isEmpty() && !field.allowed().contains(raw)) {
                throw new IllegalArgumentException("Unknown " + field.csvColumn() + " '" + raw + "': expected one of "
                        + field.allowed().stream().sorted().toList());
            }
            row[i] = switch (field.conversion()) {
                case USER_KEY -> pseudonymizer.userKey(raw);
                case EMAIL_KEY -> emailKey(raw);
                case EXTERNAL_KEYS -> externalKeys(raw);
                case AS_IS -> convert(field, raw);
            };
        }
        Optional<String> problem = table.schema().problem(row);
        if (problem.isPresent()) {
            throw new IllegalArgumentException(problem.get());
        }
        return row;
    }

    private String emailKey(String email) {
        int at = email.indexOf('@');
        if (at <= 0 || at != email.lastIndexOf('@') || at == email.length() - 1 || email.chars().anyMatch(Character::isWhitespace)) {
            // The address itself stays out of the message: quarantine reasons never carry one.
            throw new IllegalArgumentException("Cannot read email: expected one address such as name@example.com");
        }
        return pseudonymizer.emailKey(email);
    }

    private String externalKeys(String ids) {
        StringBuilder keys = new StringBuilder();
        for (String pair : ids.split(";")) {
            int colon = pair.indexOf(':');
            if (colon <= 0 || colon == pair.strip().length() - 1 || pair.isBlank()) {
                throw new IllegalArgumentException("Cannot read external_ids: expected system:id pairs separated by ';'"
                        + " such as hubspot:1234;dynamics:5678");
            }
            if (!keys.isEmpty()) {
                keys.append(';');
            }
            keys.append(pseudonymizer.externalKey(pair.substring(0, colon), pair.substring(colon + 1)));
        }
        return keys.toString();
    }

    private static Object convert(ReferenceTable.Field field, String raw) {
        String name = field.csvColumn();
        try {
            return switch (field.column().type()) {
                case STRING -> {
                    if (field.column().name().equals(io.uptake.warehouse.Columns.MONTH)) {
                        yield YearMonth.parse(raw).toString();
                    }
                    yield raw;
                }
                case LONG -> Long.parseLong(raw);
                case INT -> Integer.parseInt(raw);
                case DOUBLE -> {
                    double value = Double.parseDouble(raw);
                    if (!Double.isFinite(value)) {
                        throw new NumberFormatException();
                    }
                    yield value;
                }
                case BOOLEAN -> switch (raw.toLowerCase(Locale.ROOT)) {
                    case "true", "1", "yes" -> Boolean.TRUE;
                    case "false", "0", "no" -> Boolean.FALSE;
                    default -> throw new IllegalArgumentException("Cannot parse " + name + " '" + raw + "': expected true or false");
                };
                case DATE -> LocalDate.parse(raw);
                case TIMESTAMP -> raw.length() == 10 ? LocalDate.parse(raw).atStartOfDay(java.time.ZoneOffset.UTC).toInstant()
                        : parseInstant(raw);
            };
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("Cannot parse " + name + " '" + raw + "': expected a number");
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException("Cannot parse " + name + " '" + raw + "': expected "
                    + (field.column().type() == io.uptake.ingest.parquet.ColumnType.STRING ? "yyyy-MM"
                    : field.column().type() == io.uptake.ingest.parquet.ColumnType.DATE ? "yyyy-MM-dd" : "ISO-8601 such as 2025-10-01T09:00:00Z"));
        }
    }

    private static Instant parseInstant(String raw) {
        return Timestamps.parseOffsetDateTime(raw);
    }
}
