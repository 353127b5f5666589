package io.uptake.ingest.source.salesforce.exports;

import io.uptake.ingest.Hashes;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The header line of a Salesforce CSV: columns are found by name, never by position, whatever the tool
 * wrote them with. A name is compared in lower case without spaces, so an object export's API name
 * ({@code LoginTime}, or {@code LOGINTIME} as Data Loader writes it) and a Setup download's label
 * ({@code Login Time}) are the same column; a parenthesised note after a name, such as a time zone in
 * {@code Login Time (GMT)}, is kept apart.
 */
public final class ExportHeader {

    private static final Pattern NOTE = Pattern.compile("^(.*?)\\s*\\(([^()]*)\\)\\s*$");

    private final List<String> names;
    private final Map<String, Integer> index = new HashMap<>();
    private final Map<String, String> notes = new HashMap<>();
    /** The column names in the order event ids hash them. */
    private final List<String> sorted;

    private ExportHeader(List<String> fields) {
        names = new ArrayList<>(fields.size());
        for (int i = 0; i < fields.size(); i++) {
            String field = fields.get(i).strip();
            Matcher note = NOTE.matcher(field);
            String name = normalise(note.matches() ? note.group(1) : field);
            names.add(name);
            // A repeated name reads its first column.
            if (index.putIfAbsent(name, i) == null && note.matches()) {
                notes.put(name, note.group(2).strip());
            }
        }
        sorted = new ArrayList<>(index.keySet());
        sorted.sort(null);
    }

    public static ExportHeader of(List<String> fields) {
        return new ExportHeader(fields);
    }

    /** A column name as compared: lower case, without white space. */
    public static String normalise(String name) {
        return name.replaceAll("\\s+", "").toLowerCase(Locale.ROOT);
    }

    public int size() {
        return names.size();
    }

    /** True when every one of these columns (normalised names) is in the header. */
    public boolean hasAll(String... columns) {
        for (String column : columns) {
            if (!index.containsKey(column)) {
                return false;
            }
        }
        return true;
    }

    /** True when any of these columns is in the header. */
    public boolean hasAny(String... columns) {
        for (String column : columns) {
            if (index.containsKey(column)) {
                return true;
            }
        }
        return false;
    }

    /** The note in parentheses after a column's name ({@code GMT} for {@code Login Time (GMT)}), or null. */
    public String note(String column) {
        return notes.get(column);
    }

    /** A record's values by column name. */
    public Row row(List<String> fields) {
        return new Row(fields);
    }

    /** One record read through the header. */
    public final class Row {
        private final List<String> fields;

        private Row(List<String> fields) {
            this.fields = fields;
        }

        /** The stripped value of the first of these columns the header has; empty when it has none. */
        public String get(String... columns) {
            for (String column : columns) {
                Integer at = index.get(column);
                if (at != null) {
                    return at < fields.size() ? fields.get(at).strip() : "";
                }
            }
            return "";
        }

        /** True when the record repeats the header line: every value is its column's name. */
        public boolean repeatsHeader() {
            for (int i = 0; i < fields.size(); i++) {
                if (!normalise(fields.get(i)).equals(i < names.size() ? names.get(i) : "")) {
                    return false;
                }
            }
            return true;
        }

        /**
         * The event id of a record that has no id of its own: a hash of the source, the instant, and every
         * other non-empty column's name and value in name order. The same record gets the same id whatever
         * the column order and the time zone its time was written in; the time columns themselves are left
         * out, since the instant stands for them.
         */
        public String contentId(String source, Instant at, Set<String> timeColumns) {
            MessageDigest digest = Hashes.sha256();
            digest.update((source + '\u001e' + at + '\u001e').getBytes(StandardCharsets.UTF_8));
            for (String column : sorted) {
                String value = get(column);
                if (!value.isEmpty() && !timeColumns.contains(column)) {
                    digest.update((column + '\u001f' + value + '\u001e').getBytes(StandardCharsets.UTF_8));
                }
            }
            return HexFormat.of().formatHex(digest.digest());
        }
    }
}
