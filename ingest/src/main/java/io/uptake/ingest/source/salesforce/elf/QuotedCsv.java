package io.uptake.ingest.source.salesforce.elf;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * The shape Salesforce writes EventLogFiles in, read fast: every field double-quoted ({@code ""} for a
 * quote inside), fields separated by commas, records by LF or CR LF, no line breaks inside fields and
 * no blank lines. On text of that shape the records are the ones Commons CSV reads; any other text is
 * refused whole (null), and the caller reads it with Commons CSV, which handles every case.
 */
final class QuotedCsv {

    private static final byte QUOTE = '"';

    private QuotedCsv() {}

    /** The records of the file's bytes (header first), or null when they are not all of the strict shape. */
    static List<String[]> records(byte[] text) {
        List<String[]> records = new ArrayList<>();
        List<String> fields = new ArrayList<>();
        int n = text.length;
        // A UTF-8 byte order mark is skipped, as the general reader skips it.
        int pos = n >= 3 && (text[0] & 0xff) == 0xef && (text[1] & 0xff) == 0xbb && (text[2] & 0xff) == 0xbf ? 3 : 0;
        while (pos < n) {
            fields.clear();
            while (true) {
                if (pos >= n || text[pos] != QUOTE) {
                    return null;
                }
                int start = ++pos;
                boolean escaped = false;
                boolean ascii = true;
                // Quotes, commas and line breaks are ASCII, never part of a multi-byte UTF-8 character.
                while (true) {
                    if (pos >= n) {
                        return null;
                    }
                    byte c = text[pos];
                    if (c == QUOTE) {
                        if (pos + 1 < n && text[pos + 1] == QUOTE) {
                            escaped = true;
                            pos += 2;
                            continue;
                        }
                        break;
                    }
                    if (c == '\n' || c == '\r') {
                        return null;
                    }
                    ascii &= c >= 0;
                    pos++;
                }
                String value = new String(text, start, pos - start,
                        ascii ? StandardCharsets.ISO_8859_1 : StandardCharsets.UTF_8);
                if (!ascii && value.indexOf('\uFFFD') >= 0) {
                    // Bytes that are not UTF-8, or a replacement character: the general reader decides.
                    return null;
                }
                fields.add(escaped ? value.replace("\"\"", "\"") : value);
                pos++;
                if (pos >= n) {
                    break;
                }
                byte after = text[pos];
                if (after == ',') {
                    pos++;
                    continue;
                }
                if (after == '\n') {
                    pos++;
                    break;
                }
                if (after == '\r' && pos + 1 < n && text[pos + 1] == '\n') {
                    pos += 2;
                    break;
                }
                return null;
            }
            records.add(fields.toArray(String[]::new));
        }
        return records;
    }
}
