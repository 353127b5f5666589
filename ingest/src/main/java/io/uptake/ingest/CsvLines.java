package io.uptake.ingest;

import org.apache.commons.csv.CSVRecord;

/** Line numbers of CSV records as an editor shows them, for rejection reasons. */
public final class CsvLines {

    private CsvLines() {}

    /**
     * The line a record starts on, given the parser's line number after reading it (the line it ends
     * on). Counting back from the end is what stays right after skipped blank lines and quoted fields
     * that span lines; LF, CR LF and CR each end one line, as the parser counts them.
     */
    public static long firstLine(long lastLine, CSVRecord record) {
        long breaks = 0;
        for (String value : record) {
            for (int i = 0; i < value.length(); i++) {
                char c = value.charAt(i);
                if (c == '\n' || (c == '\r' && (i + 1 == value.length() || value.charAt(i + 1) != '\n'))) {
                    breaks++;
                }
            }
        }
        return lastLine - breaks;
    }
}
