package io.uptake.ingest.source.salesforce.elf;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import io.uptake.ingest.source.InputFile;
import io.uptake.ingest.source.ModuleMapping;
import io.uptake.ingest.CollectingSink;
import io.uptake.ingest.Event;
import io.uptake.ingest.Rejection;
import io.uptake.ingest.TestFixtures;
import io.uptake.ingest.TextDamage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
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
 * Whatever bytes an EventLogFile holds, the parser returns, and every record it read became exactly
 * one event or one rejection (DATA.md 2.3, nothing lost): random bytes, valid exports mutated the ways
 * real exports go wrong, and changes that must not change the events at all. A file is parsed as the
 * ingest parses it: only when {@link EventLogFileParser#isEventLogFile} finds an EVENT_TYPE header
 * (a header the CSV parser cannot read, e.g. with broken quoting, makes it skip the whole file).
 */
class EventLogFileParserProperties {

    private static final String INPUT = "Fuzz.csv";

    /** RestApi ELF: a create through the sObject API and a failed query, all columns filled. */
    private static final String REST_API_CSV = """
            "EVENT_TYPE","TIMESTAMP","REQUEST_ID","USER_ID","METHOD","URI","REQUEST_STATUS","STATUS_CODE","RUN_TIME","ENTITY_NAME","TIMESTAMP_DERIVED","USER_ID_DERIVED"
            "RestApi","20251001100000.000","4R1","005Aa00000BcDeF","POST","/services/data/v60.0/sobjects/Opportunity/006Aa00000XyZwQ","S","201","42","Opportunity","2025-10-01T10:00:00.000Z","005Aa00000BcDeFIAV"
            "RestApi","20251001100100.000","4R2","005Kq00000mNoPr","GET","/services/data/v60.0/query","F","500","1200.7","","2025-10-01T10:01:00.000Z","005Kq00000mNoPrIAK"
            """;

    private static final List<String> EXPORTS = List.of(TestFixtures.LOGIN_CSV, TestFixtures.PAGE_VIEW_CSV, REST_API_CSV);

    /** Characters that break CSV or text handling: separators, quotes, line ends, NUL, BOM, bidi, non-BMP. */
    private static final String NASTY = ",\"\r\n\t\u0000\uFEFF\u202E\u00e9\u4e2d\ud83d\ude00\\;'";

    private final EventLogFileParser parser = new EventLogFileParser(TestFixtures.pseudonymizer(), ModuleMapping.defaults());

    @Property(tries = 300)
    void randomBytesAreToldApartFromAnEventLogFileWithoutAnExceptionAndParsedIfTheyLookLikeOne(
            @ForAll @Size(max = 3000) byte[] bytes) throws IOException {
        parseAsTheIngestDoes(bytes);
    }

    @Property(tries = 300)
    void aValidHeaderFollowedByRandomBytesKeepsEveryRecordReadAsOneEventOrOneRejection(
            @ForAll("exports") String export, @ForAll @Size(max = 3000) byte[] body) throws IOException {
        String header = export.substring(0, export.indexOf('\n') + 1);
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        bytes.writeBytes(header.getBytes(StandardCharsets.UTF_8));
        bytes.writeBytes(body);
        parseChecked(bytes.toByteArray());
    }

    @Property(tries = 500)
    void mutatedExportsNeverEscapeTheParserAndEveryRecordReadIsOneEventOrOneRejection(
            @ForAll("exports") String export, @ForAll @Size(min = 1, max = 6) List<Mutation> mutations,
            @ForAll Random random) throws IOException {
        String text = export;
        for (Mutation mutation : mutations) {
            text = mutation.apply(text, random);
        }
        parseAsTheIngestDoes(text.getBytes(StandardCharsets.UTF_8));
    }

    @Property(tries = 500)
    void theFastReadOfSalesforcesStrictCsvGivesExactlyWhatCommonsCsvGives(
            @ForAll("exports") String export, @ForAll @Size(max = 3) List<Mutation> mutations,
            @ForAll Random random) throws IOException {
        String text = export;
        for (Mutation mutation : mutations) {
            text = mutation.apply(text, random);
        }
        Path file = Files.createTempFile("elf-", ".csv");
        try {
            // Encoded as the other properties encode: a lone surrogate becomes '?'.
            Files.write(file, text.getBytes(StandardCharsets.UTF_8));
            CollectingSink fast = new CollectingSink();
            CollectingSink commons = new CollectingSink();

            long fastRead = parser.parse(new InputFile(file, INPUT), fast);
            long commonsRead = parser.parseWithCommonsCsv(new InputFile(file, INPUT), commons);

            assertThat(fast.events).isEqualTo(commons.events);
            assertThat(fast.rejections).isEqualTo(commons.rejections);
            assertThat(fastRead).isEqualTo(commonsRead);
            Statistics.collect(QuotedCsv.records(text.getBytes(StandardCharsets.UTF_8)) == null ? "not strict" : "strict");
        } finally {
            Files.delete(file);
        }
    }

    @Property(tries = 50)
    void aByteOrderMarkAndCrLfLineEndsChangeNoEventAndNoRejection(
            @ForAll("exports") String export, @ForAll boolean bom, @ForAll boolean crlf) throws IOException {
        String changed = (bom ? "\uFEFF" : "") + (crlf ? export.replace("\n", "\r\n") : export);

        CollectingSink original = parseChecked(export.getBytes(StandardCharsets.UTF_8));
        CollectingSink sink = parseChecked(changed.getBytes(StandardCharsets.UTF_8));

        assertThat(sink.events).isEqualTo(original.events);
        assertThat(sink.rejections).isEqualTo(original.rejections);
    }

    @Property(tries = 200)
    void columnsInAnotherOrderGiveTheSameEventsWithTheSameIds(@ForAll("exports") String export, @ForAll Random random)
            throws IOException {
        List<String> lines = export.lines().toList();
        int columns = fields(lines.get(0)).size();
        List<Integer> order = new ArrayList<>();
        for (int i = 0; i < columns; i++) {
            order.add(i);
        }
        Collections.shuffle(order, random);
        StringBuilder shuffled = new StringBuilder();
        for (String line : lines) {
            List<String> fields = fields(line);
            // A short row cannot be reordered like the header; it stays as it is and is rejected either way.
            shuffled.append(fields.size() == columns ? quoted(order.stream().map(fields::get).toList()) : line).append('\n');
        }

        CollectingSink original = parseChecked(export.getBytes(StandardCharsets.UTF_8));
        CollectingSink sink = parseChecked(shuffled.toString().getBytes(StandardCharsets.UTF_8));

        assertThat(sink.events).isEqualTo(original.events);
        assertThat(sink.rejections).extracting(Rejection::line, Rejection::reason)
                .isEqualTo(original.rejections.stream().map(r -> tuple(r.line(), r.reason())).toList());
    }

    @Property(tries = 100)
    void aDuplicatedRowIsReadAgainAndGivesAnEventWithTheSameIdOrASecondRejection(
            @ForAll("exports") String export, @ForAll Random random) throws IOException {
        List<String> lines = new ArrayList<>(export.lines().toList());
        int row = 1 + random.nextInt(lines.size() - 1);
        lines.add(row + 1, lines.get(row));

        CollectingSink original = parseChecked(export.getBytes(StandardCharsets.UTF_8));
        CollectingSink sink = parseChecked((String.join("\n", lines) + "\n").getBytes(StandardCharsets.UTF_8));

        assertThat(sink.events.size() + sink.rejections.size())
                .isEqualTo(original.events.size() + original.rejections.size() + 1);
        // The ingest de-duplicates by id: the copy adds no id of its own.
        assertThat(sink.events.stream().map(Event::eventId).distinct().toList())
                .isEqualTo(original.events.stream().map(Event::eventId).distinct().toList());
    }

    @Provide
    Arbitrary<String> exports() {
        return Arbitraries.of(EXPORTS);
    }

    /**
     * What the ingest does with a {@code .csv} file: it parses it as an EventLogFile when the header
     * names {@code EVENT_TYPE}, and skips it otherwise. Deciding must not throw either.
     */
    private void parseAsTheIngestDoes(byte[] bytes) throws IOException {
        Path file = Files.createTempFile("elf-", ".csv");
        try {
            Files.write(file, bytes);
            if (EventLogFileParser.isEventLogFile(InputFile.of(file))) {
                CollectingSink sink = check(file, bytes);
                Statistics.collect(sink.events.isEmpty() ? "no event" : "events",
                        sink.rejections.isEmpty() ? "no rejection" : "rejections");
            } else {
                Statistics.collect("skipped: no EVENT_TYPE header", "-");
            }
        } finally {
            Files.delete(file);
        }
    }

    /** Parses bytes that start with a valid EventLogFile header, checking what must hold for any rows. */
    private CollectingSink parseChecked(byte[] bytes) throws IOException {
        Path file = Files.createTempFile("elf-", ".csv");
        try {
            Files.write(file, bytes);
            assertThat(EventLogFileParser.isEventLogFile(InputFile.of(file))).isTrue();
            return check(file, bytes);
        } finally {
            Files.delete(file);
        }
    }

    /**
     * Nothing thrown, read = events + rejections, and each rejection names the input and a data line
     * the file has.
     */
    private CollectingSink check(Path file, byte[] bytes) throws IOException {
        CollectingSink sink = new CollectingSink();
        long read = parser.parse(new InputFile(file, INPUT), sink);

        assertThat(read).isEqualTo(sink.events.size() + sink.rejections.size());
        long lines = physicalLines(bytes);
        for (Rejection rejection : sink.rejections) {
            assertThat(rejection.input()).isEqualTo(INPUT);
            assertThat(rejection.reason()).endsWith(" in " + INPUT + " line " + rejection.line());
            // Line 1 is the header, never a record.
            assertThat(rejection.line()).isBetween(2L, lines);
        }
        return sink;
    }

    /** Lines as the CSV parser counts them: LF, CR LF and CR each end one. */
    private static long physicalLines(byte[] bytes) {
        long lines = 1;
        for (int i = 0; i < bytes.length; i++) {
            if (bytes[i] == '\n' || (bytes[i] == '\r' && (i + 1 == bytes.length || bytes[i + 1] != '\n'))) {
                lines++;
            }
        }
        return lines;
    }

    /** The fields of a line of the exports above: every field quoted, no quote or comma inside one. */
    private static List<String> fields(String line) {
        if (!line.startsWith("\"") || !line.endsWith("\"")) {
            return List.of(line);
        }
        return List.of(line.substring(1, line.length() - 1).split("\",\"", -1));
    }

    private static String quoted(List<String> fields) {
        return "\"" + String.join("\",\"", fields) + "\"";
    }

    /** The ways an export gets damaged on its way here, each at a random place. */
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
        SHUFFLE_FIELDS_OF_A_ROW {
            @Override
            String apply(String text, Random random) {
                return TextDamage.replaceLine(text, random, line -> {
                    List<String> fields = new ArrayList<>(List.of(line.split(",", -1)));
                    Collections.shuffle(fields, random);
                    return String.join(",", fields);
                });
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
                // Drop the quote, double it, or put text right after it.
                return switch (random.nextInt(3)) {
                    case 0 -> text.substring(0, at) + text.substring(at + 1);
                    case 1 -> text.substring(0, at) + "\"\"" + text.substring(at + 1);
                    default -> text.substring(0, at + 1) + "x\"y" + text.substring(at + 1);
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
        VERY_LONG_FIELD {
            @Override
            String apply(String text, Random random) {
                int at = random.nextInt(text.length() + 1);
                // Now and then longer than a megabyte.
                int length = random.nextInt(10) == 0 ? 1_100_000 : 1 + random.nextInt(70_000);
                return text.substring(0, at) + String.valueOf(TextDamage.character(random, NASTY)).repeat(length) + text.substring(at);
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
