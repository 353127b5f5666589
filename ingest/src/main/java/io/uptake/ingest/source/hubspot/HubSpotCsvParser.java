package io.uptake.ingest.source.hubspot;

import io.uptake.ingest.Hashes;
import io.uptake.ingest.InputSink;
import io.uptake.ingest.source.CsvRecords;
import io.uptake.ingest.source.CsvRecords.Quoting;
import io.uptake.ingest.source.InputFile;
import io.uptake.ingest.source.InvalidRecord;
import io.uptake.ingest.source.RecordSink;
import io.uptake.ingest.source.hubspot.HubSpotRecord.Kind;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.StringReader;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Reads the CSV files an administrator exports from HubSpot's settings: account login history, the
 * centralized audit log and security activity history. HubSpot documents what these exports contain
 * (login timestamp, user e-mail, whether the login succeeded, IP address, location, type of login, user
 * agent; category, subcategory, action, who acted; time, type, e-mail, object id, location, URL) but not
 * their header lines, so columns are found by name in any spelling: letter case, spaces and underscores
 * do not matter ({@code Login At}, {@code login_at} and {@code loginAt} are one column), and each field
 * has the names the API and the knowledge base give it.
 */
final class HubSpotCsvParser {

    // Column names in their compared form: lower case, letters and digits only.
    private static final List<String> ID = List.of("id", "loginid", "activityid", "eventid", "logid");
    private static final List<String> TIME = List.of("loginat", "occurredat", "createdat", "logintimestamp", "logintime",
            "logindate", "timestamp", "datetime", "dateandtime", "time", "date");
    private static final List<String> USER_ID = List.of("userid", "actinguserid", "hubspotuserid");
    /** Columns that may hold the acting user's e-mail; the first that holds an address is taken. */
    private static final List<String> EMAIL = List.of("actinguseremail", "useremail", "useremailaddress", "email",
            "emailaddress", "actinguser", "modifiedby", "performedby", "user");
    private static final List<String> SUCCEEDED = List.of("loginsucceeded", "succeeded", "success", "successful",
            "loginsuccessful", "loginstatus", "status", "result", "outcome");
    private static final List<String> LOGIN_TYPE = List.of("logintype", "type", "loginmethod", "method");
    private static final List<String> USER_AGENT = List.of("useragent");
    private static final List<String> CATEGORY = List.of("category");
    private static final List<String> SUB_CATEGORY = List.of("subcategory");
    private static final List<String> ACTION = List.of("action", "actiontype");
    private static final List<String> TARGET = List.of("targetobjectid", "objectid", "targetid", "recordid");
    private static final List<String> SECURITY_TYPE = List.of("type", "activitytype");
    private static final List<String> SECURITY_LINK = List.of("infourl", "url", "link", "location");
    /** Columns of other vendors' files that must never be read as HubSpot's: ELF, Purview, Salesforce logins. */
    private static final Set<String> FOREIGN = Set.of("eventtype", "auditdata", "loginurl", "sourceip", "apitype");

    private final HubSpotEvents events;

    HubSpotCsvParser(HubSpotEvents events) {
        this.events = events;
    }

    /** The kind of export a header line is, or null when it is none of HubSpot's. */
    static Kind kindOf(String headerLine) {
        try {
            CsvRecords.Record header = records(new BufferedReader(new StringReader(headerLine))).next();
            return header == null || header.problem() != null ? null : kindOf(header.fields());
        } catch (IOException e) {
            throw new IllegalStateException("a string cannot fail to read", e);
        }
    }

    static Kind kindOf(List<String> names) {
        Set<String> header = names.stream().map(HubSpotCsvParser::compared).collect(Collectors.toSet());
        if (header.stream().anyMatch(FOREIGN::contains) || !any(header, TIME)) {
            return null;
        }
        boolean email = any(header, EMAIL);
        if (header.contains("category") && any(header, ACTION) && (email || any(header, USER_ID))) {
            return Kind.AUDIT;
        }
        if (email && (header.stream().anyMatch(name -> name.contains("login")) || header.contains("useragent"))) {
            return Kind.LOGIN;
        }
        if (email && any(header, SECURITY_TYPE) && any(header, TARGET) && any(header, SECURITY_LINK)) {
            return Kind.SECURITY;
        }
        return null;
    }

    /** Parses the file; returns the number of records read (each one accepted or rejected). */
    long parse(InputFile file, InputSink sink) throws IOException {
        RecordSink records = new RecordSink(file.input(), sink);
        try (BufferedReader reader = file.reader()) {
            CsvRecords rows = records(reader);
            CsvRecords.Record headerRow = rows.next();
            if (headerRow == null) {
                return 0;
            }
            Kind kind = headerRow.problem() != null ? null : kindOf(headerRow.fields());
            Columns columns = kind == null ? null : new Columns(headerRow.fields());
            CsvRecords.Record row;
            while ((row = rows.next()) != null) {
                String problem = columns == null
                        ? "Cannot read the header line of " + records.input() + ", so no row can be matched to its columns"
                        : problem(row, columns, rows);
                if (problem != null) {
                    records.reject(row.line(), problem, Hashes.sha256(row.text()));
                    continue;
                }
                try {
                    records.accept(row.line(), events.toEvent(columns.record(kind, row.fields())));
                } catch (InvalidRecord e) {
                    records.reject(row.line(), e, Hashes.sha256(row.text()));
                }
            }
        }
        return records.read();
    }

    /**
     * The records of an export, read leniently: a quote inside a field and text after a closing quote are
     * kept as written, and the row is judged by its number of fields.
     */
    private static CsvRecords records(BufferedReader reader) {
        return new CsvRecords(reader, Quoting.LENIENT);
    }

    /** What makes a row unreadable, or null: broken quoting, a wrong number of fields, the header again. */
    private static String problem(CsvRecords.Record row, Columns columns, CsvRecords rows) {
        if (row.problem() != null) {
            return "Malformed CSV quoting (a quoted field is never closed)";
        }
        List<String> fields = row.fields();
        int expected = columns.names.size();
        boolean extraValues = fields.size() > expected
                && fields.subList(expected, fields.size()).stream().anyMatch(value -> !value.isBlank());
        if (fields.size() < expected || extraValues) {
            if (row.spansLines()) {
                // A quote that closed lines later joined them into nonsense: this line alone is lost.
                rows.readAgain();
                return "Malformed CSV quoting (a quoted field runs on to a later line)";
            }
            return "Row has " + fields.size() + " fields but the header has " + expected;
        }
        if (fields.subList(0, expected).stream().map(HubSpotCsvParser::compared).toList().equals(columns.compared)) {
            return "Header line repeated as data";
        }
        return null;
    }

    /** A header name or value in the form names are compared in: {@code Login At} → {@code loginat}. */
    static String compared(String name) {
        return name.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]", "");
    }

    private static boolean any(Set<String> header, List<String> names) {
        return names.stream().anyMatch(header::contains);
    }

    /** A file's columns: where each name is (the first column of that name), and the names as written. */
    private static final class Columns {
        final List<String> names;
        final List<String> compared;
        final Map<String, Integer> index = new HashMap<>();

        Columns(List<String> names) {
            this.names = List.copyOf(names);
            this.compared = names.stream().map(HubSpotCsvParser::compared).toList();
            for (int i = 0; i < compared.size(); i++) {
                index.putIfAbsent(compared.get(i), i);
            }
        }

        /** The first of the names the file has, or null. */
        Integer column(List<String> aliases) {
            for (String alias : aliases) {
                Integer column = index.get(alias);
                if (column != null) {
                    return column;
                }
            }
            return null;
        }

        String value(List<String> fields, List<String> aliases) {
            Integer column = column(aliases);
            return column == null ? null : fields.get(column).strip();
        }

        /** A column's name as a reason may show it; a name with an address in it is shown by its place. */
        String name(List<String> aliases) {
            Integer column = column(aliases);
            if (column == null) {
                return null;
            }
            String name = names.get(column).strip();
            return HubSpotEvents.vendorValue(name) != null && name.length() <= 60 ? name : "column " + (column + 1);
        }

        /** The first value among the e-mail columns that is an address: a display name is no e-mail. */
        String email(List<String> fields) {
            for (String alias : EMAIL) {
                Integer column = index.get(alias);
                if (column != null && fields.get(column).contains("@")) {
                    return fields.get(column).strip();
                }
            }
            return null;
        }

        HubSpotRecord record(Kind kind, List<String> fields) {
            String id = value(fields, ID);
            String timeField = name(TIME);
            String time = value(fields, TIME);
            String userId = value(fields, USER_ID);
            String email = email(fields);
            String content = content(fields);
            return switch (kind) {
                case LOGIN -> new HubSpotRecord(kind, id, timeField, time, userId, email, name(SUCCEEDED),
                        value(fields, SUCCEEDED), value(fields, LOGIN_TYPE), value(fields, USER_AGENT),
                        null, null, null, null, content);
                case AUDIT -> new HubSpotRecord(kind, id, timeField, time, userId, email, null, null, null, null,
                        value(fields, CATEGORY), value(fields, SUB_CATEGORY), value(fields, ACTION), value(fields, TARGET),
                        content);
                case SECURITY -> new HubSpotRecord(kind, id, timeField, time, userId, email, null, null,
                        value(fields, SECURITY_TYPE), null, null, null, null, value(fields, TARGET), content);
            };
        }

        /**
         * The row in a canonical form, each non-empty value with its column's name, in name order: the
         * same export row hashes alike even with its columns in another order.
         */
        String content(List<String> fields) {
            List<String> parts = new ArrayList<>();
            for (int i = 0; i < compared.size(); i++) {
                String value = fields.get(i).strip();
                if (!value.isEmpty() && index.get(compared.get(i)) == i) {
                    parts.add(compared.get(i) + "\u001f" + value);
                }
            }
            parts.sort(null);
            return String.join("\u001e", parts);
        }
    }
}
