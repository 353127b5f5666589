package io.uptake.ingest.source.microsoft365;

import java.util.ArrayList;
import java.util.List;

/**
 * The fields of one CSV line (RFC 4180 quoting). An audit search export holds one record a line: its
 * AuditData is compact JSON, which has no line break, so a line is read alone and a damaged one
 * costs only itself.
 */
final class CsvLine {

    private CsvLine() {}

    /** The line's fields, unquoted; null when its quoting is malformed. */
    static List<String> split(String line) {
        List<String> fields = new ArrayList<>();
        StringBuilder field = new StringBuilder();
        int n = line.length();
        int i = 0;
        while (true) {
            field.setLength(0);
            if (i < n && line.charAt(i) == '"') {
                i++;
                while (true) {
                    if (i >= n) {
                        return null;
                    }
                    char c = line.charAt(i++);
                    if (c != '"') {
                        field.append(c);
                    } else if (i < n && line.charAt(i) == '"') {
                        field.append('"');
                        i++;
                    } else {
                        break;
                    }
                }
                if (i < n && line.charAt(i) != ',') {
                    return null;
                }
            } else {
                int comma = line.indexOf(',', i);
                int end = comma < 0 ? n : comma;
                if (line.indexOf('"', i) >= 0 && line.indexOf('"', i) < end) {
                    return null;
                }
                field.append(line, i, end);
                i = end;
            }
            fields.add(field.toString());
            if (i >= n) {
                return fields;
            }
            i++;
        }
    }
}
