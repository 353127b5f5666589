package io.uptake.ingest.source.salesforce.elf;

import io.uptake.ingest.CsvLines;
import io.uptake.ingest.Event;
import io.uptake.ingest.Hashes;
import io.uptake.ingest.InputSink;
import io.uptake.ingest.PlausibleValues;
import io.uptake.ingest.Timestamps;
import io.uptake.ingest.privacy.Pseudonymizer;
import io.uptake.ingest.source.InputFile;
import io.uptake.ingest.source.ModuleMapping;
import io.uptake.ingest.source.NonBlankLines;
import io.uptake.ingest.source.RecordSink;
import io.uptake.ingest.source.salesforce.SalesforceIds;
import io.uptake.ingest.source.salesforce.WhoActed;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatterBuilder;
import java.time.format.ResolverStyle;
import java.time.temporal.ChronoField;
import java.util.Locale;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.commons.csv.CSVException;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.apache.commons.io.input.BOMInputStream;

/**
 * Reads a Salesforce EventLogFile CSV into canonical events (DATA.md 1.1a). Columns are found by
 * header name; a row that cannot become an event goes to quarantine and the rest of the file is kept.
 */
public final class EventLogFileParser {

    public static final String SOURCE = "salesforce-elf";

    /** {@code TIMESTAMP}: {@code yyyyMMddHHmmss} with none to three digits of fraction, as exports carry it. */
    private static final DateTimeFormatter ELF_TIMESTAMP = new DateTimeFormatterBuilder()
            .appendPattern("uuuuMMddHHmmss")
            .optionalStart().appendFraction(ChronoField.NANO_OF_SECOND, 1, 3, true).optionalEnd()
            .toFormatter(Locale.ROOT).withResolverStyle(ResolverStyle.STRICT);
    /** {@code TIMESTAMP} in ISO form, as some types print it: {@code 2024-08-08T06:08:02.755+0000}. */
    private static final DateTimeFormatter ISO_TIMESTAMP = new DateTimeFormatterBuilder()
            .appendPattern("uuuu-MM-dd'T'HH:mm:ss")
            .optionalStart().appendFraction(ChronoField.NANO_OF_SECOND, 1, 3, true).optionalEnd()
            .appendPattern("[XXX][XX][X]")
            .toFormatter(Locale.ROOT).withResolverStyle(ResolverStyle.STRICT);
    /** What a guest user's id is keyed with, so that it never equals the key of a user in users. */
    static final String GUEST_PREFIX = "salesforce-guest:";
    private static final Pattern ID_IN_URI = Pattern.compile("/([a-zA-Z0-9]{18}|[a-zA-Z0-9]{15})(?=/|$|\\?)");
    private static final Set<String> FAILED_REQUEST = Set.of("F", "A", "N");
    /** After this many rows with broken quoting the rest of a file is given up on: each one re-reads the file up to it. */
    private static final int MAX_QUOTING_ERRORS = 100;
    /** Files up to this size are read whole, and in Salesforce's strict CSV shape parsed without Commons CSV. */
    private static final long FAST_PATH_BYTES = 64L << 20;
    private static final Pattern EVENT_TYPE_COLUMN = Pattern.compile("(?<![A-Za-z0-9_])EVENT_TYPE(?![A-Za-z0-9_])", Pattern.CASE_INSENSITIVE);
    private static final Set<String> ANALYTICS_TYPES = Set.of("report_run", "report_export", "dashboard_view");

    private final Pseudonymizer pseudonymizer;
    private final ModuleMapping modules;

    public EventLogFileParser(Pseudonymizer pseudonymizer, ModuleMapping modules) {
        this.pseudonymizer = pseudonymizer;
        this.modules = modules;
    }

    /**
     * True for an EventLogFile: CSV whose header names an EVENT_TYPE column in any letter case, or ELF
     * rows as JSON ({@link EventLogFileJson}).
     */
    public static boolean isEventLogFile(InputFile file) throws IOException {
        return isEventLogCsv(file) || EventLogFileJson.recognises(file);
    }

    private static boolean isEventLogCsv(InputFile file) throws IOException {
        // Read as text, not as CSV: a header with broken quoting still marks an EventLogFile, whose
        // rows are then quarantined rather than the file skipped.
        String first = file.firstLine().stripLeading();
        return !first.startsWith("{") && !first.startsWith("[") && EVENT_TYPE_COLUMN.matcher(first).find();
    }

    /** Parses the file; returns the number of records read (each one accepted or rejected). */
    public long parse(InputFile file, InputSink sink) throws IOException {
        if (!isEventLogCsv(file) && EventLogFileJson.recognises(file)) {
            return new EventLogFileJson(this).parse(file, sink);
        }
        // A gzip file's content is several times its size.
        long bound = file.gzipped() ? FAST_PATH_BYTES / 10 : FAST_PATH_BYTES;
        List<Event> events = file.size() <= bound ? allEvents(file.readAllBytes(), sink.receivedAt()) : null;
        if (events != null) {
            events.forEach(sink::accept);
            return events.size();
        }
        return parseWithCommonsCsv(file, sink);
    }

    /**
     * The events of a file in Salesforce's own strict CSV shape whose every row is a plausible event
     * when received at {@code receivedAt}, or null: a file of another shape, or with a row to quarantine
     * (one {@link RecordSink} would refuse included), is read by {@link #parseWithCommonsCsv}, which gives
     * the same events and also the line numbers and reasons of the rows it rejects.
     */
    private List<Event> allEvents(byte[] bytes, Instant receivedAt) {
        List<String[]> records = QuotedCsv.records(bytes);
        if (records == null || records.isEmpty()) {
            return null;
        }
        List<String> names = List.of(records.get(0));
        Map<String, Integer> index = new HashMap<>();
        for (int i = 0; i < names.size(); i++) {
            if (names.get(i).isBlank() || index.put(names.get(i), i) != null) {
                // Blank or repeated names: how they map is Commons CSV's business.
                return null;
            }
        }
        Header header = new Header(names, index);
        Integer eventType = header.index.get("EVENT_TYPE");
        List<Event> events = new ArrayList<>(records.size() - 1);
        for (String[] values : records.subList(1, records.size())) {
            if (values.length < names.size() || (eventType != null && "EVENT_TYPE".equalsIgnoreCase(values[eventType]))) {
                return null;
            }
            try {
                Event event = toEvent(new Columns(values, header));
                if (PlausibleValues.problem(event, receivedAt).isPresent()) {
                    return null;
                }
                events.add(event);
            } catch (RowException e) {
                return null;
            }
        }
        return events;
    }

    /** Parses any file, whatever its shape, with Commons CSV; what {@link #parse} falls back to. */
    long parseWithCommonsCsv(InputFile file, InputSink sink) throws IOException {
        RecordSink records = new RecordSink(file.input(), sink);
        int quotingErrors = 0;
        List<String> header = null;
        // Physical lines before the current pass: a pass resumes after a row with broken quoting.
        long skipped = 0;
        while (true) {
            try (BufferedReader reader = file.reader()) {
                skipLines(reader, skipped);
                CSVFormat.Builder format = CSVFormat.DEFAULT.builder().setAllowMissingColumnNames(true)
                        .setDuplicateHeaderMode(org.apache.commons.csv.DuplicateHeaderMode.ALLOW_ALL);
                format = header == null ? format.setHeader().setSkipHeaderRecord(true)
                        : format.setHeader(header.toArray(String[]::new));
                CSVParser opened;
                try {
                    opened = format.get().parse(reader);
                } catch (CSVException e) {
                    // Only the first pass reads the header; later passes are given it.
                    rejectEveryRow(file, records, e.getMessage());
                    return records.read();
                }
                try (CSVParser csv = opened) {
                    if (header == null) {
                        header = csv.getHeaderNames();
                    }
                    Header columns = new Header(header, csv.getHeaderMap());
                    Iterator<CSVRecord> rows = csv.iterator();
                    long lineBefore = skipped + csv.getCurrentLineNumber();
                    while (true) {
                        CSVRecord row;
                        try {
                            if (!rows.hasNext()) {
                                return records.read();
                            }
                            row = rows.next();
                        } catch (UncheckedIOException | IllegalStateException e) {
                            // Broken quoting: the row ends on the line where the parser stopped, and the
                            // rows after it are read by a new pass from the next line, so they are kept.
                            long line = lineBefore + 1;
                            long stopped = skipped + csv.getCurrentLineNumber();
                            boolean givingUp = ++quotingErrors >= MAX_QUOTING_ERRORS;
                            records.reject(line, "Malformed CSV quoting (the parser stopped on line " + stopped
                                    + (givingUp ? "; " + MAX_QUOTING_ERRORS + " such rows, the rest of the file is skipped" : "")
                                    + ")", Hashes.sha256(records.input() + ":" + line));
                            if (givingUp) {
                                return records.read();
                            }
                            skipped = Math.max(stopped, skipped + 1);
                            break;
                        }
                        lineBefore = skipped + csv.getCurrentLineNumber();
                        long line = CsvLines.firstLine(lineBefore, row);
                        if (row.size() < header.size()) {
                            records.reject(line, "Row has " + row.size() + " fields but the header has " + header.size(),
                                    contentHash(row), userKey(new Columns(row.values(), columns)));
                            continue;
                        }
                        accept(new Columns(row.values(), columns), line, contentHash(row), records);
                    }
                }
            }
        }
    }

    /**
     * A header that cannot be read leaves no row matchable to its columns: every non-blank line after
     * it is quarantined, so the file's lines are all accounted for.
     */
    private static void rejectEveryRow(InputFile file, RecordSink records, String problem) throws IOException {
        try (BufferedReader reader = file.reader()) {
            NonBlankLines lines = new NonBlankLines(reader);
            String line;
            while ((line = lines.next()) != null) {
                if (lines.number() > 1) {
                    records.reject(lines.number(), "Cannot read the header line of " + records.input() + " (" + problem
                            + "), so no row can be matched to its columns;", Hashes.sha256(line));
                }
            }
        }
    }

    /** Skips physical lines the way the CSV parser counts them: LF, CR LF or CR ends a line. */
    private static void skipLines(BufferedReader reader, long lines) throws IOException {
        for (long n = 0; n < lines; ) {
            int c = reader.read();
            if (c == -1) {
                return;
            }
            if (c == '\r') {
                reader.mark(1);
                if (reader.read() != '\n') {
                    reader.reset();
                }
                n++;
            } else if (c == '\n') {
                n++;
            }
        }
    }

    /** One row, as an event or a rejection naming its line; shared by the CSV and the JSON reading. */
    void accept(Columns row, long line, String contentHash, RecordSink records) {
        if ("EVENT_TYPE".equalsIgnoreCase(row.get("EVENT_TYPE"))) {
            // A header line repeated as data names columns, not a user.
            records.reject(line, "Header line repeated as data", contentHash);
            return;
        }
        try {
            records.accept(line, toEvent(row));
        } catch (RowException e) {
            records.reject(line, e.getMessage(), contentHash, userKey(row));
        }
    }

    /**
     * A file's columns, worked out once per file rather than per row: where each name is (the parser's
     * own mapping, so a repeated name reads where {@link CSVRecord#get(String)} reads it), and the
     * names in the order the event id hashes them, with their UTF-8 bytes.
     */
    static final class Header {
        final Map<String, Integer> index;
        final int[] idColumns;
        final byte[][] idNames;
        final MessageDigest digest = Hashes.sha256();

        Header(List<String> names, Map<String, Integer> index) {
            // Names in upper case (log platforms lower-case them) and interned, as the looked-up literals
            // are: a lookup then matches by reference. The first of two names equal but for case wins.
            this.index = new HashMap<>();
            Map<String, String> byUpper = new HashMap<>();
            for (String name : names) {
                String upper = name.strip().toUpperCase(Locale.ROOT).intern();
                if (byUpper.putIfAbsent(upper, name) == null) {
                    this.index.put(upper, index.get(name));
                }
            }
            List<String> sorted = new ArrayList<>(this.index.keySet());
            sorted.sort(null);
            idColumns = new int[sorted.size()];
            idNames = new byte[sorted.size()][];
            for (int i = 0; i < sorted.size(); i++) {
                idColumns[i] = this.index.get(sorted.get(i));
                idNames[i] = sorted.get(i).getBytes(StandardCharsets.UTF_8);
            }
        }
    }

    /** Read access by column name; a column the file does not have reads as empty. */
    record Columns(String[] values, Header header) {
        String get(String name) {
            Integer column = header.index.get(name);
            return column == null || column >= values.length || values[column] == null ? "" : values[column].strip();
        }
    }

    private static final class RowException extends Exception {
        RowException(String message) {
            super(message, null, false, false);
        }
    }

    private Event toEvent(Columns c) throws RowException {
        String type = c.get("EVENT_TYPE");
        if (type.isEmpty()) {
            throw new RowException("Missing EVENT_TYPE");
        }
        Instant at = timestamp(c);
        String rawUser = actingUser(type, c);
        String eventType = ElfTypes.eventType(type);
        String recordId = recordId(c);
        String objectType = objectType(c, recordId);
        String client = ElfTypes.client(type, c::get);

        if (type.equals("LightningPageView") || type.equals("URI") || type.equals("Console")) {
            boolean recordPage = type.equals("LightningPageView") ? recordId != null
                    : recordId != null && objectType != null;
            eventType = recordPage ? "record_view" : "page_view";
        } else if (type.equals("LightningInteraction") && c.get("UI_EVENT_SOURCE").equalsIgnoreCase("save")) {
            eventType = "record_update";
        } else if (ElfTypes.API_TYPES.contains(type)) {
            eventType = apiEventType(type, c);
        }

        String status = "success";
        String errorCode = null;
        String loginStatus = c.get("LOGIN_STATUS");
        if (type.equals("LightningError")) {
            status = "failure";
            errorCode = "LightningError";
        } else if (type.equals("Login") && !loginStatus.isEmpty() && !loginStatus.equals("LOGIN_NO_ERROR")) {
            status = "failure";
            errorCode = loginStatus;
        } else if (FAILED_REQUEST.contains(c.get("REQUEST_STATUS"))) {
            status = "failure";
            errorCode = !c.get("STATUS_CODE").isEmpty() ? c.get("STATUS_CODE") : "REQUEST_STATUS_" + c.get("REQUEST_STATUS");
        } else if (c.get("SUCCESS").equalsIgnoreCase("false") || positive(c.get("NUMBER_FAILURES"))
                || c.get("IS_SUCCESS").equals("0") || c.get("IS_SUCCESS").equalsIgnoreCase("false")) {
            status = "failure";
        }

        String module;
        if (type.equals("KnowledgeArticleView")) {
            module = "service";
        } else if (ANALYTICS_TYPES.contains(eventType) || ElfTypes.isAnalytics(type)) {
            module = "analytics";
        } else {
            String app = !c.get("PAGE_APP_NAME").isEmpty() ? c.get("PAGE_APP_NAME") : c.get("APP_NAME");
            module = modules.module(objectType, app.isEmpty() ? null : app);
        }
        String session = c.get("SESSION_KEY");
        // A guest or site user is no licensed person: keyed apart, so that it never joins users.
        boolean guest = WhoActed.isGuest(c.get("USER_TYPE")) || c.get("IS_GUEST").equals("1")
                || c.get("IS_GUEST").equalsIgnoreCase("true");
        String userKey = guest ? pseudonymizer.hmac(GUEST_PREFIX + SalesforceIds.normalise(rawUser)) : pseudonymizer.userKey(rawUser);

        return new Event(eventId(c), at, userKey,
                session.isEmpty() ? null : pseudonymizer.hmac(session), SOURCE, type, eventType, module, objectType,
                pseudonymizer.recordId(objectType, recordId), client, status, errorCode, duration(c));
    }

    /**
     * The id of the person who acted: {@code USER_ID_DERIVED} or else {@code USER_ID}, whichever is a valid
     * user id (sanitised exports often break the 18-character form's checksum and keep the 15); for a
     * LoginAs, the administrator who logged in as the user ({@code DELEGATED_USER_ID}).
     */
    private static String actingUser(String type, Columns c) throws RowException {
        List<String> columns = type.equals("LoginAs") && !c.get("DELEGATED_USER_ID").isEmpty()
                ? List.of("DELEGATED_USER_ID") : List.of("USER_ID_DERIVED", "USER_ID");
        String first = null;
        for (String column : columns) {
            String value = c.get(column);
            if (SalesforceIds.isUserId(value)) {
                return value;
            }
            if (first == null && !value.isEmpty()) {
                first = column;
            }
        }
        if (first == null) {
            throw new RowException("Missing " + columns.get(columns.size() - 1) + " for a " + type + " event");
        }
        // The value itself stays out of the reason unless it is a placeholder: it may be a real identifier.
        String value = c.get(first);
        String what = value.equalsIgnoreCase(first) || value.equalsIgnoreCase("USER_ID") ? "is the placeholder '" + value + "'"
                : SalesforceIds.looksLikeId(value) && value.startsWith("005") && value.length() == 18
                        ? "has a checksum (its last 3 characters) that does not match its first 15"
                        : "of " + value.length() + " characters";
        throw new RowException(first + " " + what + " and no column holds a Salesforce user id"
                + " (15 or 18 letters and digits starting 005)");
    }

    private static Instant timestamp(Columns c) throws RowException {
        String derived = c.get("TIMESTAMP_DERIVED");
        if (!derived.isEmpty()) {
            try {
                return Timestamps.parseOffsetDateTime(derived);
            } catch (DateTimeParseException e) {
                throw new RowException("Cannot parse TIMESTAMP_DERIVED '" + derived + "': expected ISO-8601 such as 2025-10-01T11:00:03.509Z");
            }
        }
        String plain = c.get("TIMESTAMP");
        if (plain.isEmpty()) {
            throw new RowException("Missing TIMESTAMP and TIMESTAMP_DERIVED");
        }
        try {
            if (plain.indexOf('-') > 0) {
                return OffsetDateTime.parse(plain, ISO_TIMESTAMP).toInstant();
            }
            return LocalDateTime.parse(plain, ELF_TIMESTAMP).toInstant(ZoneOffset.UTC);
        } catch (DateTimeParseException e) {
            throw new RowException("Cannot parse TIMESTAMP '" + plain + "': expected yyyyMMddHHmmss.SSS (one to three digits of fraction, or none)");
        }
    }

    /**
     * The record a row is about, in its 18-character form, or null. Only a valid Salesforce id is taken:
     * a value of another shape is dropped from the event (the row is kept), never "repaired".
     */
    private String recordId(Columns c) {
        for (String column : List.of("PAGE_ENTITY_ID", "RECORD_ID", "URI_ID_DERIVED")) {
            String value = c.get(column);
            if (SalesforceIds.isValid(value)) {
                return SalesforceIds.normalise(value);
            }
        }
        Matcher m = ID_IN_URI.matcher(c.get("URI"));
        while (m.find()) {
            String id = m.group(1);
            if (SalesforceIds.isValid(id) && SalesforceIds.objectOf(id).isPresent()) {
                return SalesforceIds.normalise(id);
            }
        }
        return null;
    }

    private String objectType(Columns c, String recordId) {
        for (String column : List.of("PAGE_ENTITY_TYPE", "ENTITY_NAME", "ENTITY_TYPE")) {
            // Some types put an id where a name belongs (a report's ENTITY_NAME): an id is no type name.
            if (!c.get(column).isEmpty() && !SalesforceIds.isValid(c.get(column))) {
                return c.get(column);
            }
        }
        if (recordId != null) {
            return SalesforceIds.objectOf(recordId).orElse(null);
        }
        return null;
    }

    /**
     * A record change when the call says so: a SOAP or Bulk {@code METHOD_NAME}, or the HTTP method of a REST
     * call on {@code /sobjects/}. A custom Apex REST or SOAP endpoint does whatever its code does: a call.
     */
    private static String apiEventType(String type, Columns c) {
        boolean rest = type.equals("RestApi");
        if ((!rest && !type.equals("API") && !type.equals("BulkApi")) || (rest && !c.get("URI").contains("/sobjects/"))) {
            return "api_call";
        }
        String method = (rest ? c.get("METHOD") : c.get("METHOD_NAME")).toLowerCase(Locale.ROOT);
        return switch (method) {
            case "create", "post", "insert" -> "record_create";
            case "update", "upsert", "patch", "put" -> "record_update";
            case "delete" -> "record_delete";
            default -> "api_call";
        };
    }

    private static boolean positive(String value) {
        try {
            return !value.isEmpty() && Long.parseLong(value) > 0;
        } catch (NumberFormatException e) {
            return false;
        }
    }

    private static Long duration(Columns c) {
        for (String column : List.of("DURATION", "RUN_TIME")) {
            String value = c.get(column);
            if (!value.isEmpty()) {
                try {
                    return Math.round(Double.parseDouble(value));
                } catch (NumberFormatException e) {
                    return null;
                }
            }
        }
        return null;
    }

    /**
     * The event's identity: a hash of every column's name and value, in column-name order, so the
     * same event from an hourly and a daily file (even with columns in another order) gets one id.
     */
    private static String eventId(Columns c) {
        Header header = c.header();
        MessageDigest digest = header.digest;
        for (int i = 0; i < header.idColumns.length; i++) {
            String value = c.values()[header.idColumns[i]].strip();
            if (!value.isEmpty()) {
                digest.update(header.idNames[i]);
                digest.update((byte) 0x1f);
                digest.update(value.getBytes(StandardCharsets.UTF_8));
                digest.update((byte) 0x1e);
            }
        }
        return HexFormat.of().formatHex(digest.digest());
    }

    /**
     * The key of the user a rejected row still names, chosen as {@link #toEvent} chooses it, so that
     * erasing the user reaches the row in quarantine; null when the row names no Salesforce user.
     */
    private String userKey(Columns row) {
        String user = !row.get("USER_ID_DERIVED").isEmpty() ? row.get("USER_ID_DERIVED") : row.get("USER_ID");
        return SalesforceIds.isUserId(user) ? pseudonymizer.userKey(user) : null;
    }

    private static String contentHash(CSVRecord row) {
        return Hashes.sha256(String.join("\u001f", row.toList()));
    }
}
