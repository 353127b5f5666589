package io.uptake.ingest.source.jsonl;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.uptake.ingest.source.InputFile;
import io.uptake.ingest.CollectingSink;
import io.uptake.ingest.Event;
import io.uptake.ingest.Rejection;
import io.uptake.ingest.TestFixtures;
import io.uptake.ingest.TextDamage;
import io.uptake.ingest.source.ModuleMapping;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;
import net.jqwik.api.constraints.Size;
import net.jqwik.api.statistics.Statistics;

/**
 * Whatever a JSON-lines file holds, the parser returns, reads exactly its non-blank lines, and every
 * line read became exactly one event or one rejection (DATA.md 2.3, nothing lost): random bytes,
 * random lines, valid files mutated the ways real files go wrong, and changes that must not change
 * the events at all.
 */
class JsonLinesParserProperties {

    private static final String INPUT = "fuzz.jsonl";
    private static final ObjectMapper JSON = new ObjectMapper();

    /** Every field of DATA.md 1.1b once, a minimal line, an offset timestamp, and the shared fixture's lines. */
    private static final String VALID_JSONL = """
            {"event_id":"e-1","occurred_at":"2025-10-01T09:00:03Z","user_id":"u-1042","session_id":"sess-77","event_type":"record_update","module":"sales","object_type":"Opportunity","record_id":"006Aa00000XyZwQIAV","client":"web","status":"success","error_code":null,"duration_ms":1250,"source":"collector"}
            {"event_id":"e-2","occurred_at":"2025-10-01T11:30:00+02:00","user_id":"005Kq00000mNoPr","event_type":"search","client":"mobile","status":"failure","error_code":"TIMEOUT"}
            {"event_id":"e-3","occurred_at":"2025-10-02T08:00:00Z","user_id":"005Aa00000BcDeF","event_type":"login"}
            """;

    private static final List<String> FILES = List.of(VALID_JSONL, TestFixtures.EVENTS_JSONL);

    /** Characters that break JSON or text handling: structure, escapes, line ends, NUL, BOM, bidi, non-BMP. */
    private static final String NASTY = "{}[]:,\"\\\r\n\t\u0000\uFEFF\u2028\u202E\u00e9\u4e2d\ud83d\ude00";

    /** Pieces of JSON, some valid and some not, for lines that look like JSON and mostly are not events. */
    private static final List<String> TOKENS = List.of("{", "}", "[", "]", ":", ",", "\"", "\"event_id\"",
            "\"occurred_at\"", "\"user_id\"", "\"event_type\"", "\"duration_ms\"", "\"client\"", "\"login\"",
            "\"2025-10-01T09:00:03Z\"", "\"u-1\"", "null", "true", "1", "-0", "1e999", "12345678901234567890123",
            "\"\\u0000\"", "\"\\ud800\"", "\" \"", "NaN", "//", "/*", "'");

    private final JsonLinesParser parser = new JsonLinesParser(TestFixtures.pseudonymizer(), ModuleMapping.defaults());

    @Property(tries = 300)
    void randomBytesNeverEscapeTheParserAndEveryNonBlankLineIsOneEventOrOneRejection(
            @ForAll @Size(max = 3000) byte[] bytes) throws IOException {
        parseChecked(bytes);
    }

    @Property(tries = 500)
    void anyLineGoesToExactlyOneOfAcceptAndRejectAndNothingEscapes(@ForAll("lines") String line) {
        CollectingSink sink = new CollectingSink();

        parser.parseLine(line, INPUT, 7, sink);

        assertThat(sink.events.size() + sink.rejections.size()).isEqualTo(1);
        sink.rejections.forEach(r -> assertThat(r.reason()).endsWith(" in " + INPUT + " line 7"));
    }

    @Property(tries = 500)
    void mutatedFilesNeverEscapeTheParserAndEveryNonBlankLineIsOneEventOrOneRejection(
            @ForAll("files") String file, @ForAll @Size(min = 1, max = 6) List<Mutation> mutations,
            @ForAll Random random) throws IOException {
        String text = file;
        for (Mutation mutation : mutations) {
            text = mutation.apply(text, random);
        }
        CollectingSink sink = parseChecked(text.getBytes(StandardCharsets.UTF_8));
        Statistics.collect(sink.events.isEmpty() ? "no event" : "events",
                sink.rejections.isEmpty() ? "no rejection" : "rejections");
    }

    @Property(tries = 50)
    void aByteOrderMarkAndCrLfLineEndsChangeNoEventAndNoRejection(
            @ForAll("files") String file, @ForAll boolean bom, @ForAll boolean crlf) throws IOException {
        String changed = (bom ? "\uFEFF" : "") + (crlf ? file.replace("\n", "\r\n") : file);

        CollectingSink original = parseChecked(file.getBytes(StandardCharsets.UTF_8));
        CollectingSink sink = parseChecked(changed.getBytes(StandardCharsets.UTF_8));

        assertThat(sink.events).isEqualTo(original.events);
        assertThat(sink.rejections).isEqualTo(original.rejections);
    }

    @Property(tries = 200)
    void fieldsInAnotherOrderGiveTheSameEvents(@ForAll("files") String file, @ForAll Random random) throws IOException {
        StringBuilder shuffled = new StringBuilder();
        for (String line : file.lines().toList()) {
            shuffled.append(shuffleFields(line, random)).append('\n');
        }

        CollectingSink original = parseChecked(file.getBytes(StandardCharsets.UTF_8));
        CollectingSink sink = parseChecked(shuffled.toString().getBytes(StandardCharsets.UTF_8));

        assertThat(sink.events).isEqualTo(original.events);
        assertThat(sink.rejections).extracting(Rejection::line, Rejection::reason)
                .isEqualTo(original.rejections.stream().map(r -> tuple(r.line(), r.reason())).toList());
    }

    @Property(tries = 100)
    void aDuplicatedLineIsReadAgainAndGivesAnEventWithTheSameIdOrASecondRejection(
            @ForAll("files") String file, @ForAll Random random) throws IOException {
        List<String> lines = new ArrayList<>(file.lines().toList());
        int at = random.nextInt(lines.size());
        lines.add(at + 1, lines.get(at));

        CollectingSink original = parseChecked(file.getBytes(StandardCharsets.UTF_8));
        CollectingSink sink = parseChecked((String.join("\n", lines) + "\n").getBytes(StandardCharsets.UTF_8));

        assertThat(sink.events.size() + sink.rejections.size())
                .isEqualTo(original.events.size() + original.rejections.size() + 1);
        // The ingest de-duplicates by id: the copy adds no id of its own.
        assertThat(sink.events.stream().map(Event::eventId).distinct().toList())
                .isEqualTo(original.events.stream().map(Event::eventId).distinct().toList());
    }

    @Provide
    Arbitrary<String> files() {
        return Arbitraries.of(FILES);
    }

    /** Any text, JSON-looking token soup, valid lines with one character changed, and lines too long to parse. */
    @Provide
    Arbitrary<String> lines() {
        Arbitrary<String> anyText = Arbitraries.strings().all().ofMaxLength(300);
        Arbitrary<String> tokenSoup = Arbitraries.of(TOKENS).list().ofMaxSize(40).map(tokens -> String.join("", tokens));
        Arbitrary<String> almostValid = Arbitraries.randoms().map(random -> Mutation.REPLACE_CHARACTER.apply(
                VALID_JSONL.lines().toList().get(random.nextInt(3)), random));
        Arbitrary<String> deep = Arbitraries.integers().between(1, 5_000).map(depth -> "[".repeat(depth) + "]".repeat(depth));
        Arbitrary<String> tooLong = Arbitraries.of(70_000, JsonLinesParser.MAX_LINE_CHARS + 1)
                .map(length -> "{\"event_id\":\"" + "x".repeat(length) + "\"}");
        return Arbitraries.frequencyOf(
                Tuple.of(4, anyText), Tuple.of(4, tokenSoup),
                Tuple.of(4, almostValid), Tuple.of(1, deep), Tuple.of(1, tooLong));
    }

    /**
     * Parses the bytes as a file and checks what must hold for any input: nothing thrown, read = the
     * non-blank lines = events + rejections, and each rejection names the input and its own line.
     */
    private CollectingSink parseChecked(byte[] bytes) throws IOException {
        Path file = Files.createTempFile("jsonl-", ".jsonl");
        try {
            Files.write(file, bytes);
            CollectingSink sink = new CollectingSink();
            long read = parser.parse(new InputFile(file, INPUT), sink);

            List<String> lines = linesOf(bytes);
            long nonBlank = lines.stream().filter(line -> !line.isBlank()).count();
            assertThat(read).isEqualTo(nonBlank).isEqualTo(sink.events.size() + sink.rejections.size());
            long previous = 0;
            for (Rejection rejection : sink.rejections) {
                assertThat(rejection.input()).isEqualTo(INPUT);
                assertThat(rejection.reason()).endsWith(" in " + INPUT + " line " + rejection.line());
                // One rejection per line at most, in file order, on a line the file has that is not blank.
                assertThat(rejection.line()).isGreaterThan(previous).isLessThanOrEqualTo(lines.size());
                assertThat(lines.get((int) rejection.line() - 1)).isNotBlank();
                previous = rejection.line();
            }
            return sink;
        } finally {
            Files.delete(file);
        }
    }

    /** The file's lines, worked out apart from the parser: UTF-8, LF, CR LF or CR, a BOM before line 1 dropped. */
    private static List<String> linesOf(byte[] bytes) {
        String text = new String(bytes, StandardCharsets.UTF_8);
        if (text.startsWith("\uFEFF")) {
            text = text.substring(1);
        }
        List<String> lines = new ArrayList<>(List.of(text.split("\r\n|\r|\n", -1)));
        // A final line end ends the last line; it does not start an empty one.
        if (lines.get(lines.size() - 1).isEmpty()) {
            lines.remove(lines.size() - 1);
        }
        return lines;
    }

    /** The line with its object's fields in a random order; a line that is no JSON object stays as it is. */
    private static String shuffleFields(String line, Random random) {
        try {
            JsonNode node = JSON.readTree(line);
            if (!(node instanceof ObjectNode object)) {
                return line;
            }
            List<Map.Entry<String, JsonNode>> fields = new ArrayList<>(object.properties());
            Collections.shuffle(fields, random);
            ObjectNode shuffled = JSON.createObjectNode();
            fields.forEach(field -> shuffled.set(field.getKey(), field.getValue()));
            return JSON.writeValueAsString(shuffled);
        } catch (JsonProcessingException e) {
            return line;
        }
    }

    /** The ways a JSON-lines file gets damaged on its way here, each at a random place. */
    enum Mutation {
        INSERT_CHARACTER {
            @Override
            String apply(String text, Random random) {
                return TextDamage.insertCharacter(text, random, NASTY);
            }
        },
        DELETE_CHARACTERS {
            @Override
            String apply(String text, Random random) {
                return TextDamage.deleteCharacters(text, random);
            }
        },
        REPLACE_CHARACTER {
            @Override
            String apply(String text, Random random) {
                return TextDamage.replaceCharacter(text, random, NASTY);
            }
        },
        SHUFFLE_FIELDS_OF_A_LINE {
            @Override
            String apply(String text, Random random) {
                return TextDamage.replaceLine(text, random, line -> shuffleFields(line, random));
            }
        },
        BREAK_A_QUOTE {
            @Override
            String apply(String text, Random random) {
                List<Integer> quotes = new ArrayList<>();
                for (int i = 0; i < text.length(); i++) {
                    if (text.charAt(i) == '"') {
                        quotes.add(i);
                    }
                }
                if (quotes.isEmpty()) {
                    return "\"" + text;
                }
                int at = quotes.get(random.nextInt(quotes.size()));
                // Drop the quote, escape it, or double it.
                return switch (random.nextInt(3)) {
                    case 0 -> text.substring(0, at) + text.substring(at + 1);
                    case 1 -> text.substring(0, at) + "\\\"" + text.substring(at + 1);
                    default -> text.substring(0, at) + "\"\"" + text.substring(at + 1);
                };
            }
        },
        DUPLICATE_A_LINE {
            @Override
            String apply(String text, Random random) {
                return TextDamage.duplicateLine(text, random);
            }
        },
        BYTE_ORDER_MARK {
            @Override
            String apply(String text, Random random) {
                return TextDamage.byteOrderMark(text);
            }
        },
        CR_LF_LINE_ENDS {
            @Override
            String apply(String text, Random random) {
                return TextDamage.crLfLineEnds(text, random);
            }
        },
        VERY_LONG_VALUE {
            @Override
            String apply(String text, Random random) {
                // Inside a string value when it lands after a quote; now and then past the line limit.
                int value = text.indexOf("\":\"", random.nextInt(text.length() + 1));
                int at = value < 0 ? random.nextInt(text.length() + 1) : value + 3;
                int length = random.nextInt(10) == 0 ? JsonLinesParser.MAX_LINE_CHARS + 1 : 1 + random.nextInt(70_000);
                return text.substring(0, at) + String.valueOf(TextDamage.character(random, NASTY)).repeat(length) + text.substring(at);
            }
        },
        DEEP_NESTING {
            @Override
            String apply(String text, Random random) {
                int depth = 1 + random.nextInt(200);
                return TextDamage.replaceLine(text, random, line -> line.replaceFirst("\"duration_ms\":\\d+|\"client\":\"[a-z]+\"",
                        "\"client\":" + "[".repeat(depth) + "]".repeat(depth)));
            }
        },
        HUGE_NUMBER {
            @Override
            String apply(String text, Random random) {
                String digits = "9".repeat(1 + random.nextInt(300));
                return TextDamage.replaceLine(text, random, line -> line.replaceFirst("^\\{", "{\"duration_ms\":" + digits + ","));
            }
        },
        UNICODE {
            @Override
            String apply(String text, Random random) {
                return TextDamage.unicode(text, random);
            }
        },
        TRUNCATE {
            @Override
            String apply(String text, Random random) {
                return TextDamage.truncate(text, random);
            }
        };

        abstract String apply(String text, Random random);
    }
}
