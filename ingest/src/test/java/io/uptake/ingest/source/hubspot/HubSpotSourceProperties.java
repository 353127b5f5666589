package io.uptake.ingest.source.hubspot;

import static org.assertj.core.api.Assertions.assertThat;

import io.uptake.ingest.CollectingSink;
import io.uptake.ingest.Event;
import io.uptake.ingest.Rejection;
import io.uptake.ingest.TestFixtures;
import io.uptake.ingest.TextDamage;
import io.uptake.ingest.source.InputFile;
import io.uptake.ingest.source.ModuleMapping;
import io.uptake.ingest.source.SourceContext;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.Size;

/**
 * Whatever a HubSpot file holds, the source returns, and every record it read became exactly one event
 * or one rejection naming the file and a line the file has: random bytes, and the documented pages and
 * exports damaged the ways files get damaged. No event ever carries a raw user id, e-mail or IP.
 */
class HubSpotSourceProperties {

    private static final String INPUT = "fuzz.json";

    private static final List<String> FILES = List.of(HubSpotSourceTest.LOGIN_PAGE, HubSpotSourceTest.AUDIT_PAGE,
            HubSpotSourceTest.SECURITY_PAGE, HubSpotSourceTest.LOGIN_PAGE + HubSpotSourceTest.SECURITY_PAGE,
            HubSpotSourceTest.LOGIN_CSV, HubSpotSourceTest.AUDIT_CSV, HubSpotSourceTest.SECURITY_CSV);

    /** Characters that break JSON or CSV: structure, quotes, escapes, line ends, NUL, BOM, bidi, non-BMP. */
    private static final String NASTY = "{}[]:,\"\\\r\n\t\u0000\uFEFF\u2028\u202E\u00e9\u4e2d\ud83d\ude00";

    private final HubSpotSource source = new HubSpotSource(
            new SourceContext(TestFixtures.pseudonymizer(), ModuleMapping.defaults(), HubSpotSourceTest.people()));

    @Property(tries = 300)
    void randomBytesNeverEscapeAndEveryRecordReadIsOneEventOrOneRejection(@ForAll @Size(max = 3000) byte[] bytes)
            throws IOException {
        parseChecked(bytes);
    }

    @Property(tries = 600)
    void damagedPagesAndExportsNeverEscapeAndEveryRecordReadIsOneEventOrOneRejection(
            @ForAll("files") String file, @ForAll @Size(min = 1, max = 6) List<Mutation> mutations, @ForAll Random random)
            throws IOException {
        String text = file;
        for (Mutation mutation : mutations) {
            text = mutation.apply(text, random);
        }
        CollectingSink sink = parseChecked(text.getBytes(StandardCharsets.UTF_8));

        for (Event event : sink.events) {
            assertThat(List.of(event.eventId(), event.userKey(), String.valueOf(event.recordId()), event.sourceEventType()))
                    .noneMatch(value -> value.contains("@") || value.contains("45.56.") || value.equals("876")
                            || value.equals("5521") || value.equals("7654"));
        }
    }

    @Provide
    Arbitrary<String> files() {
        return Arbitraries.of(FILES);
    }

    /**
     * Parses the bytes as a file and checks what must hold for any input: nothing thrown, read = events
     * + rejections, and each rejection names the input and a line of the file, its own in its reason.
     */
    private CollectingSink parseChecked(byte[] bytes) throws IOException {
        Path path = Files.createTempFile("hubspot-", ".json");
        try {
            Files.write(path, bytes);
            InputFile file = new InputFile(path, INPUT);
            CollectingSink sink = new CollectingSink();
            source.recognises(file);
            long read = source.parse(file, sink);

            assertThat(read).isEqualTo(sink.events.size() + sink.rejections.size());
            long lines = lineCount(bytes);
            for (Rejection rejection : sink.rejections) {
                assertThat(rejection.input()).isEqualTo(INPUT);
                assertThat(rejection.reason()).endsWith(" in " + INPUT + " line " + rejection.line());
                assertThat(rejection.line()).isBetween(1L, lines);
                assertThat(rejection.reason()).doesNotContain("@", "45.56.");
            }
            return sink;
        } finally {
            Files.delete(path);
        }
    }

    /** How many lines the text has as the readers count them: LF, CR LF or CR ends one; a BOM is no text. */
    private static long lineCount(byte[] bytes) {
        String text = new String(bytes, StandardCharsets.UTF_8);
        if (text.startsWith("\uFEFF")) {
            text = text.substring(1);
        }
        String[] lines = text.split("\r\n|\r|\n", -1);
        return lines[lines.length - 1].isEmpty() ? lines.length - 1 : lines.length;
    }

    /** The ways a page or an export gets damaged on its way here, each at a random place. */
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
        },
        /** A value HubSpot writes swapped for another kind: a flag, a number, a date, a person. */
        SWAP_A_VALUE {
            @Override
            String apply(String text, Random random) {
                String[] from = {"true", "876", "2025-02-07", "UPDATE", "person3@testdomain.com", "ADD_USER", "false"};
                String[] to = {"\"yes\"", "-1", "1999-12-31", "", "Person Three", "{}", "null"};
                int i = random.nextInt(from.length);
                return text.replaceFirst(java.util.regex.Pattern.quote(from[i]), to[random.nextInt(to.length)]);
            }
        },
        /** A stray quote, the damage a CSV export suffers most. */
        STRAY_QUOTE {
            @Override
            String apply(String text, Random random) {
                int at = random.nextInt(text.length() + 1);
                return text.substring(0, at) + "\"" + text.substring(at);
            }
        };

        abstract String apply(String text, Random random);
    }
}
