package io.uptake.ingest.source;

import static java.util.Objects.requireNonNull;

import java.io.BufferedReader;
import java.io.IOException;

/**
 * The lines of a text that are not blank, each with its number as an editor shows it (LF, CR LF or CR
 * each end a line, as {@link BufferedReader#readLine} ends it): how a format of one record a line is read.
 */
public final class NonBlankLines {

    private final BufferedReader reader;
    private long number;

    public NonBlankLines(BufferedReader reader) {
        this.reader = requireNonNull(reader, "reader is null");
    }

    /** The next line that is not blank, or null at the end of the text. */
    public String next() throws IOException {
        String line;
        while ((line = reader.readLine()) != null) {
            number++;
            if (!line.isBlank()) {
                return line;
            }
        }
        return null;
    }

    /** The number of the line {@link #next()} returned last. */
    public long number() {
        return number;
    }
}
