package io.uptake.ingest.source.jsonl;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.uptake.ingest.CollectingSink;
import io.uptake.ingest.TestFixtures;
import io.uptake.ingest.source.Damage;
import io.uptake.ingest.source.ModuleMapping;
import io.uptake.ingest.source.SourceContext;
import io.uptake.ingest.source.SourceContract;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
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

    /** The damage any JSON suffers, and that of JSON lines of events; now and then a line over the limit. */
    private static final List<Damage> DAMAGE = Damage.concat(Damage.toJson(JsonLinesParser.MAX_LINE_CHARS + 1),
            Damage.of("SHUFFLE_FIELDS_OF_A_LINE", (text, random) -> Damage.replaceLine(text, random, line -> shuffleFields(line, random))),
            Damage.of("DEEP_NESTING", (text, random) -> {
                int depth = 1 + random.nextInt(200);
                return Damage.replaceLine(text, random, line -> line.replaceFirst("\"duration_ms\":\\d+|\"client\":\"[a-z]+\"",
                        "\"client\":" + "[".repeat(depth) + "]".repeat(depth)));
            }),
            Damage.of("HUGE_NUMBER", (text, random) -> {
                String digits = "9".repeat(1 + random.nextInt(300));
                return Damage.replaceLine(text, random, line -> line.replaceFirst("^\\{", "{\"duration_ms\":" + digits + ","));
            }));

    /** Pieces of JSON, some valid and some not, for lines that look like JSON and mostly are not events. */
    private static final List<String> TOKENS = List.of("{", "}", "[", "]", ":", ",", "\"", "\"event_id\"",
            "\"occurred_at\"", "\"user_id\"", "\"event_type\"", "\"duration_ms\"", "\"client\"", "\"login\"",
            "\"2025-10-01T09:00:03Z\"", "\"u-1\"", "null", "true", "1", "-0", "1e999", "12345678901234567890123",
            "\"\\u0000\"", "\"\\ud800\"", "\" \"", "NaN", "//", "/*", "'");

    private final JsonLinesParser parser = new JsonLinesParser(TestFixtures.pseudonymizer(), ModuleMapping.defaults());
    /** One record a line, and the lines read exactly the file's lines that are not blank. */
    private final SourceContract contract = SourceContract.of(new JsonLinesSource(SourceContext.of(TestFixtures.pseudonymizer())), INPUT)
            .oneRecordALine()
            .also((bytes, sink) -> assertThat(sink.events.size() + sink.rejections.size())
                    .isEqualTo(SourceContract.lines(bytes).stream().filter(line -> !line.isBlank()).count()));

    @Property(tries = 300)
    void randomBytesNeverEscapeTheParserAndEveryNonBlankLineIsOneEventOrOneRejection(
            @ForAll @Size(max = 3000) byte[] bytes) throws IOException {
        contract.parse(bytes);
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
            @ForAll("files") String file, @ForAll("damage") List<Damage> damage, @ForAll Random random) throws IOException {
        SourceContract.collectStatistics(contract.parse(Damage.applyAll(damage, file, random).getBytes(StandardCharsets.UTF_8)));
    }

    @Property(tries = 50)
    void aByteOrderMarkAndCrLfLineEndsChangeNoEventAndNoRejection(
            @ForAll("files") String file, @ForAll boolean bom, @ForAll boolean crlf) throws IOException {
        contract.assertSameOutcome(file, SourceContract.withByteOrderMarkAndLineEnds(file, bom, crlf));
    }

    @Property(tries = 200)
    void fieldsInAnotherOrderGiveTheSameEvents(@ForAll("files") String file, @ForAll Random random) throws IOException {
        StringBuilder shuffled = new StringBuilder();
        for (String line : file.lines().toList()) {
            shuffled.append(shuffleFields(line, random)).append('\n');
        }

        contract.assertSameEvents(file, shuffled.toString());
    }

    @Property(tries = 100)
    void aDuplicatedLineIsReadAgainAndGivesAnEventWithTheSameIdOrASecondRejection(
            @ForAll("files") String file, @ForAll Random random) throws IOException {
        contract.assertARepeatedLineAddsNoId(file, 0, random);
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
        Arbitrary<String> almostValid = Arbitraries.randoms().map(random -> Damage.replaceCharacter(Damage.JSON_TROUBLE).apply(
                VALID_JSONL.lines().toList().get(random.nextInt(3)), random));
        Arbitrary<String> deep = Arbitraries.integers().between(1, 5_000).map(depth -> "[".repeat(depth) + "]".repeat(depth));
        Arbitrary<String> tooLong = Arbitraries.of(70_000, JsonLinesParser.MAX_LINE_CHARS + 1)
                .map(length -> "{\"event_id\":\"" + "x".repeat(length) + "\"}");
        return Arbitraries.frequencyOf(
                Tuple.of(4, anyText), Tuple.of(4, tokenSoup),
                Tuple.of(4, almostValid), Tuple.of(1, deep), Tuple.of(1, tooLong));
    }

    @Provide
    Arbitrary<List<Damage>> damage() {
        return Damage.lists(DAMAGE, 1, 6);
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
}
