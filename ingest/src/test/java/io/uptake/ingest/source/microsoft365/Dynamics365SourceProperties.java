package io.uptake.ingest.source.microsoft365;

import static io.uptake.ingest.source.microsoft365.AuditRecords.EVENTS;
import static io.uptake.ingest.source.microsoft365.AuditRecords.EXCHANGE_MAIL_ACCESSED;
import static io.uptake.ingest.source.microsoft365.AuditRecords.LAST_CENTURY;
import static io.uptake.ingest.source.microsoft365.AuditRecords.UNKNOWN_USER;
import static io.uptake.ingest.source.microsoft365.AuditRecords.quoted;
import static org.assertj.core.api.Assertions.assertThat;

import io.uptake.ingest.CollectingSink;
import io.uptake.ingest.Rejection;
import io.uptake.ingest.TestFixtures;
import io.uptake.ingest.TextDamage;
import io.uptake.ingest.source.InputFile;
import io.uptake.ingest.source.SourceContext;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.Size;
import net.jqwik.api.statistics.Statistics;

/**
 * Whatever a file holds, the source returns, and every record it read became exactly one event or one
 * rejection (DATA.md 2.3, nothing lost): random bytes, and valid exports and API content in each shape
 * the source reads, damaged the ways files go wrong.
 */
class Dynamics365SourceProperties {

    private static final String INPUT = "fuzz.data";

    private static final List<String> RECORDS = new ArrayList<>(EVENTS);

    static {
        RECORDS.add(EXCHANGE_MAIL_ACCESSED);
        RECORDS.add(LAST_CENTURY);
        RECORDS.add(UNKNOWN_USER);
    }

    /** The records in the new Purview export, the API's one-line and pretty content, and JSON lines. */
    private static final List<String> FILES = List.of(purviewCsv(), AuditRecords.contentBlob(RECORDS),
            "[\n  " + String.join(",\n  ", RECORDS) + "\n]\n", AuditRecords.jsonLines(RECORDS));

    /** Characters that break CSV, JSON or text handling: separators, quotes, brackets, line ends, NUL, BOM, bidi, non-BMP. */
    private static final String NASTY = ",\"{}[]:\\\r\n\t\u0000\uFEFF\u2028\u202E\u00e9\u4e2d\ud83d\ude00";

    private final Dynamics365Source source = new Dynamics365Source(SourceContext.of(TestFixtures.pseudonymizer()));

    private static String purviewCsv() {
        StringBuilder csv = new StringBuilder(Dynamics365SourceTest.PURVIEW_HEADER).append('\n');
        for (String record : RECORDS) {
            csv.append(String.join(",", "", quoted("2025-10-01T09:00:03.0000000Z "), "21", "Retrieve",
                    "ada.lovelace@example.com", quoted(record), "", "")).append('\n');
        }
        return csv.toString();
    }

    @Property(tries = 300)
    void randomBytesNeverEscapeTheSourceAndEveryRecordReadIsOneEventOrOneRejection(
            @ForAll @Size(max = 3000) byte[] bytes) throws IOException {
        parseChecked(bytes);
    }

    @Property(tries = 500)
    void damagedFilesNeverEscapeTheSourceAndEveryRecordReadIsOneEventOrOneRejection(
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

    @Property(tries = 40)
    void aByteOrderMarkAndCrLfLineEndsChangeNoEventAndNoRejection(
            @ForAll("files") String file, @ForAll boolean bom, @ForAll boolean crlf) throws IOException {
        String changed = (bom ? "\uFEFF" : "") + (crlf ? file.replace("\n", "\r\n") : file);

        CollectingSink original = parseChecked(file.getBytes(StandardCharsets.UTF_8));
        CollectingSink sink = parseChecked(changed.getBytes(StandardCharsets.UTF_8));

        assertThat(original.events).hasSize(EVENTS.size());
        assertThat(sink.events).isEqualTo(original.events);
        assertThat(sink.rejections).isEqualTo(original.rejections);
    }

    @Provide
    Arbitrary<String> files() {
        return Arbitraries.of(FILES);
    }

    /**
     * Parses the bytes as a file and checks what must hold for any input: nothing thrown but I/O, read =
     * events + rejections, and each rejection names the input and a line the file has.
     */
    private CollectingSink parseChecked(byte[] bytes) throws IOException {
        Path file = Files.createTempFile("dynamics-", ".data");
        try {
            Files.write(file, bytes);
            CollectingSink sink = new CollectingSink();
            InputFile input = new InputFile(file, INPUT);
            source.recognises(input);
            long read = source.parse(input, sink);

            assertThat(read).isEqualTo(sink.events.size() + sink.rejections.size());
            long lines = new String(bytes, StandardCharsets.UTF_8).split("\r\n|\r|\n", -1).length;
            for (Rejection rejection : sink.rejections) {
                assertThat(rejection.input()).isEqualTo(INPUT);
                assertThat(rejection.reason()).contains(" in " + INPUT + " line " + rejection.line());
                assertThat(rejection.line()).isBetween(1L, lines);
            }
            return sink;
        } finally {
            Files.delete(file);
        }
    }

    /** The ways an export or an API answer gets damaged on its way here, each at a random place. */
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
        BREAK_A_QUOTE {
            @Override
            String apply(String text, Random random) {
                int at = text.indexOf('"', random.nextInt(text.length() + 1));
                if (at < 0) {
                    return "\"" + text;
                }
                return random.nextBoolean() ? text.substring(0, at) + text.substring(at + 1)
                        : text.substring(0, at) + "\"\"\"" + text.substring(at + 1);
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
                int value = text.indexOf("\":\"", random.nextInt(text.length() + 1));
                int at = value < 0 ? random.nextInt(text.length() + 1) : value + 3;
                int length = random.nextInt(10) == 0 ? AuditLogParser.MAX_LINE_CHARS + 1 : 1 + random.nextInt(70_000);
                return text.substring(0, at) + String.valueOf(TextDamage.character(random, NASTY)).repeat(length) + text.substring(at);
            }
        },
        DEEP_NESTING {
            @Override
            String apply(String text, Random random) {
                int depth = 1 + random.nextInt(200);
                return text.replaceFirst("\"Fields\":\\[\\]", "\"Fields\":" + "[".repeat(depth) + "]".repeat(depth));
            }
        },
        HUGE_NUMBER {
            @Override
            String apply(String text, Random random) {
                return text.replaceFirst("\"UserType\":0", "\"UserType\":" + "9".repeat(1 + random.nextInt(300)));
            }
        },
        ANOTHER_WORKLOAD {
            @Override
            String apply(String text, Random random) {
                return text.replaceFirst("\"Workload\":\"CRM\"", "\"Workload\":\"SharePoint\"");
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
