package io.uptake.ingest.source;

import static java.util.Objects.requireNonNull;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import io.uptake.ingest.CollectingSink;
import io.uptake.ingest.Event;
import io.uptake.ingest.InputSink;
import io.uptake.ingest.Rejection;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import net.jqwik.api.statistics.Statistics;

/**
 * What a source promises whatever a file holds (DATA.md 2.3, nothing lost), as every source's property
 * tests check it: deciding whether it reads the file and parsing it throw nothing but I/O errors, every
 * record read becomes exactly one event or one rejection, and each rejection names the input and a line
 * the file has, at the end of its reason. What a format promises besides (a header line, one record a
 * line, reasons that never quote a person) is said when the contract is made.
 */
public final class SourceContract {

    private final EventSource source;
    private final String input;
    private final long firstRecordLine;
    private final boolean oneRecordALine;
    private final List<String> withheld;
    private final Check also;

    private SourceContract(EventSource source, String input, long firstRecordLine, boolean oneRecordALine, List<String> withheld,
                           Check also) {
        this.source = requireNonNull(source, "source is null");
        this.input = requireNonNull(input, "input is null");
        this.firstRecordLine = firstRecordLine;
        this.oneRecordALine = oneRecordALine;
        this.withheld = List.copyOf(withheld);
        this.also = requireNonNull(also, "also is null");
    }

    /** The contract of a source reading files that it knows by the name {@code input}. */
    public static SourceContract of(EventSource source, String input) {
        return new SourceContract(source, input, 1, false, List.of(), (bytes, sink) -> {});
    }

    /** Line 1 is the header, never a record: no rejection names it. */
    public SourceContract withHeader() {
        return new SourceContract(source, input, 2, oneRecordALine, withheld, also);
    }

    /** A record is a line or starts on one: at most one rejection a line, in file order, each on a line that is not blank. */
    public SourceContract oneRecordALine() {
        return new SourceContract(source, input, firstRecordLine, true, withheld, also);
    }

    /** No reason quotes any of these, such as the {@code @} of a username or an address. */
    public SourceContract withholding(String... texts) {
        return new SourceContract(source, input, firstRecordLine, oneRecordALine, List.of(texts), also);
    }

    /** What a format promises besides, checked after the rest. */
    public SourceContract also(Check check) {
        return new SourceContract(source, input, firstRecordLine, oneRecordALine, withheld, check);
    }

    /** A check of what a source sent for a file's bytes. */
    public interface Check {
        void check(byte[] bytes, CollectingSink sink);
    }

    /** A parser as the checks call it: a source, or the parser it is made of. */
    public interface Parser {
        long parse(InputFile file, InputSink sink) throws IOException;
    }

    /** What a source made of a file, and of the file changed. */
    public record Outcomes(CollectingSink before, CollectingSink after) {}

    /** Parses the file, checking that every record read became exactly one event or one rejection. */
    public static CollectingSink parsed(Parser parser, InputFile file) throws IOException {
        CollectingSink sink = new CollectingSink();
        long read = parser.parse(file, sink);
        assertThat(read).isEqualTo(sink.events.size() + sink.rejections.size());
        return sink;
    }

    /** Parses the text, written as UTF-8, and checks the contract. */
    public CollectingSink parse(String text) throws IOException {
        return parse(text.getBytes(StandardCharsets.UTF_8));
    }

    /**
     * Parses the bytes as a file, and checks the contract; the source is asked first whether it reads the
     * file, which must not throw either, and parses it whatever it answers.
     */
    public CollectingSink parse(byte[] bytes) throws IOException {
        return parse(bytes, false);
    }

    /** As {@link #parse(byte[])}, for bytes the source must recognise as its own. */
    public CollectingSink parseRecognised(byte[] bytes) throws IOException {
        return parse(bytes, true);
    }

    public CollectingSink parseRecognised(String text) throws IOException {
        return parseRecognised(text.getBytes(StandardCharsets.UTF_8));
    }

    /**
     * What the ingest does with a file: parses it only when the source recognises it, counting in jqwik's
     * statistics how many were, and how many of those gave events and rejections.
     */
    public void parseIfRecognised(byte[] bytes) throws IOException {
        Path path = write(bytes);
        try {
            if (source.recognises(new InputFile(path, input))) {
                collectStatistics(check(path, bytes));
            } else {
                Statistics.collect("not recognised", "-");
            }
        } finally {
            Files.delete(path);
        }
    }

    /** Counts in jqwik's statistics whether a file gave events and rejections. */
    public static void collectStatistics(CollectingSink sink) {
        Statistics.collect(sink.events.isEmpty() ? "no event" : "events", sink.rejections.isEmpty() ? "no rejection" : "rejections");
    }

    /** Parses both texts, which the source must recognise, and checks that they give the same events and the same rejections. */
    public Outcomes assertSameOutcome(String original, String changed) throws IOException {
        CollectingSink before = parseRecognised(original);
        CollectingSink after = parseRecognised(changed);

        assertThat(after.events).isEqualTo(before.events);
        assertThat(after.rejections).isEqualTo(before.rejections);
        return new Outcomes(before, after);
    }

    /**
     * Parses both texts, which the source must recognise, and checks that they give the same events, and
     * rejections of the same lines for the same reasons.
     */
    public Outcomes assertSameEvents(String original, String changed) throws IOException {
        CollectingSink before = parseRecognised(original);
        CollectingSink after = parseRecognised(changed);

        assertThat(after.events).isEqualTo(before.events);
        assertThat(after.rejections).extracting(Rejection::line, Rejection::reason)
                .isEqualTo(before.rejections.stream().map(r -> tuple(r.line(), r.reason())).toList());
        return new Outcomes(before, after);
    }

    /**
     * Parses the text, which the source must recognise, and the text with one of its lines from {@code from}
     * on (0-based) repeated, and checks that the copy is read as one more record and adds no event id of its
     * own: the ingest de-duplicates by id.
     */
    public Outcomes assertARepeatedLineAddsNoId(String text, int from, Random random) throws IOException {
        CollectingSink before = parseRecognised(text);
        CollectingSink after = parseRecognised(Damage.duplicateLine(text, from, random));

        assertThat(after.events.size() + after.rejections.size()).isEqualTo(before.events.size() + before.rejections.size() + 1);
        assertThat(after.events.stream().map(Event::eventId).distinct().toList())
                .isEqualTo(before.events.stream().map(Event::eventId).distinct().toList());
        return new Outcomes(before, after);
    }

    /** The text with a byte order mark before it, or CR LF line ends, or both, or neither: as it should read. */
    public static String withByteOrderMarkAndLineEnds(String text, boolean byteOrderMark, boolean crLf) {
        return (byteOrderMark ? "\uFEFF" : "") + (crLf ? text.replace("\n", "\r\n") : text);
    }

    /**
     * The lines of a file, worked out apart from any parser: UTF-8, each ended by LF, CR LF or CR, a byte
     * order mark before line 1 dropped; a final line end ends the last line and does not start an empty one.
     */
    public static List<String> lines(byte[] bytes) {
        String text = new String(bytes, StandardCharsets.UTF_8);
        if (text.startsWith("\uFEFF")) {
            text = text.substring(1);
        }
        List<String> lines = new ArrayList<>(List.of(text.split("\r\n|\r|\n", -1)));
        if (lines.get(lines.size() - 1).isEmpty()) {
            lines.remove(lines.size() - 1);
        }
        return lines;
    }

    private CollectingSink parse(byte[] bytes, boolean mustRecognise) throws IOException {
        Path path = write(bytes);
        try {
            boolean recognised = source.recognises(new InputFile(path, input));
            if (mustRecognise) {
                assertThat(recognised).as("%s recognises the file", source.name()).isTrue();
            }
            return check(path, bytes);
        } finally {
            Files.delete(path);
        }
    }

    private CollectingSink check(Path path, byte[] bytes) throws IOException {
        CollectingSink sink = parsed(source::parse, new InputFile(path, input));
        List<String> lines = lines(bytes);
        long previous = 0;
        for (Rejection rejection : sink.rejections) {
            assertThat(rejection.input()).isEqualTo(input);
            assertThat(rejection.reason()).endsWith(" in " + input + " line " + rejection.line());
            for (String text : withheld) {
                assertThat(rejection.reason()).doesNotContain(text);
            }
            assertThat(rejection.line()).isBetween(firstRecordLine, (long) lines.size());
            if (oneRecordALine) {
                assertThat(rejection.line()).isGreaterThan(previous);
                assertThat(lines.get((int) rejection.line() - 1)).isNotBlank();
            }
            previous = rejection.line();
        }
        also.check(bytes, sink);
        return sink;
    }

    /** A file named as the input is, so that a source that looks at the name sees its suffix. */
    private Path write(byte[] bytes) throws IOException {
        int dot = input.lastIndexOf('.');
        Path path = Files.createTempFile("source-", dot < 0 ? "" : input.substring(dot));
        Files.write(path, bytes);
        return path;
    }
}
