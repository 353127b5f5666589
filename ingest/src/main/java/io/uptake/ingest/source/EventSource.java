package io.uptake.ingest.source;

import io.uptake.ingest.InputSink;
import java.io.IOException;

/**
 * One vendor format of activity events: it recognises its files by their content and turns every
 * record of a file into one event or one rejection. Each source lives in its own package, owns its
 * mapping table, and is registered once, in {@link Sources}; {@code Ingest} never names one.
 */
public interface EventSource {

    /** The kind recorded in the commit log and reports, such as {@code salesforce-elf}. */
    String name();

    /**
     * Whether this source reads the file, decided from its content ({@link InputFile#head()}), the name
     * helping at most to choose between formats the content alone cannot tell apart.
     */
    boolean recognises(InputFile file) throws IOException;

    /**
     * Reads every record of the file into the sink; returns how many records it read, each of which
     * the sink received as one event or one rejection. Bad records never throw: they are rejected.
     */
    long parse(InputFile file, InputSink sink) throws IOException;
}
