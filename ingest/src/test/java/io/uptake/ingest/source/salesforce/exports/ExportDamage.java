package io.uptake.ingest.source.salesforce.exports;

import static org.assertj.core.api.Assertions.assertThat;

import io.uptake.ingest.CollectingSink;
import io.uptake.ingest.Event;
import io.uptake.ingest.Rejection;
import io.uptake.ingest.TextDamage;
import io.uptake.ingest.source.CsvRecords;
import io.uptake.ingest.source.InputFile;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.StringReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;

/**
 * What the property tests of the Salesforce export sources share: the damage a CSV export or download
 * suffers on its way here, and the checks that hold for whatever a parser is given.
 */
public final class ExportDamage {

    /** Characters that break CSV or text handling: separators, quotes, line ends, NUL, BOM, bidi, non-BMP. */
    public static final String NASTY = ",\"\r\n\t\u0000\uFEFF\u202E\u00e9\u4e2d\ud83d\ude00\\;'@";

    /** A parser as the checks call it. */
    public interface Parser {
        long parse(InputFile file, CollectingSink sink) throws IOException;
    }

    private ExportDamage() {}

    /**
     * Parses the bytes as a file named {@code input} and checks what must hold for any content: nothing
     * thrown, read = events + rejections, each rejection naming the input and a line after the header that
     * the file has, and no reason, source event type or error code carrying an {@code @}: no username or
     * e-mail leaves the file.
     */
    public static CollectingSink check(Parser parser, byte[] bytes, String input) throws IOException {
        Path file = Files.createTempFile("export-", ".csv");
        try {
            Files.write(file, bytes);
            CollectingSink sink = new CollectingSink();
            long read = parser.parse(new InputFile(file, input), sink);

            assertThat(read).isEqualTo(sink.events.size() + sink.rejections.size());
            long lines = physicalLines(bytes);
            long previous = 1;
            for (Rejection rejection : sink.rejections) {
                assertThat(rejection.input()).isEqualTo(input);
                assertThat(rejection.reason()).endsWith(" in " + input + " line " + rejection.line()).doesNotContain("@");
                assertThat(rejection.line()).isGreaterThan(previous).isLessThanOrEqualTo(lines);
                previous = rejection.line();
            }
            for (Event event : sink.events) {
                assertThat(event.userKey()).matches("[0-9a-f]{64}");
                assertThat(event.sourceEventType()).doesNotContain("@");
                assertThat(event.errorCode() == null ? "" : event.errorCode()).doesNotContain("@");
            }
            return sink;
        } finally {
            Files.delete(file);
        }
    }

    /** Lines as the reader counts them: LF, CR LF and CR each end one. */
    public static long physicalLines(byte[] bytes) {
        long lines = 1;
        for (int i = 0; i < bytes.length; i++) {
            if (bytes[i] == '\n' || (bytes[i] == '\r' && (i + 1 == bytes.length || bytes[i + 1] != '\n'))) {
                lines++;
            }
        }
        return lines;
    }

    /** The file with its columns in another order, every field quoted; a row of another width stays as it is. */
    public static String shuffleColumns(String text, Random random) throws IOException {
        List<String> lines = text.lines().toList();
        int columns = fields(lines.get(0)).size();
        List<Integer> order = new ArrayList<>();
        for (int i = 0; i < columns; i++) {
            order.add(i);
        }
        Collections.shuffle(order, random);
        StringBuilder shuffled = new StringBuilder();
        for (String line : lines) {
            List<String> fields = fields(line);
            if (fields.size() != columns) {
                shuffled.append(line).append('\n');
                continue;
            }
            List<String> quoted = order.stream().map(i -> "\"" + fields.get(i).replace("\"", "\"\"") + "\"").toList();
            shuffled.append(String.join(",", quoted)).append('\n');
        }
        return shuffled.toString();
    }

    private static List<String> fields(String line) throws IOException {
        CsvRecords.Record record = new CsvRecords(new BufferedReader(new StringReader(line)), CsvRecords.Quoting.STANDARD).next();
        return record == null || record.problem() != null ? List.of() : record.fields();
    }

    /** The ways an export gets damaged on its way here, each at a random place. */
    public enum Mutation {
        INSERT_CHARACTER {
            @Override
            public String apply(String text, Random random) {
                return TextDamage.insertCharacter(text, random, NASTY);
            }
        },
        DELETE_CHARACTERS {
            @Override
            public String apply(String text, Random random) {
                return TextDamage.deleteCharacters(text, random);
            }
        },
        REPLACE_CHARACTER {
            @Override
            public String apply(String text, Random random) {
                return TextDamage.replaceCharacter(text, random, NASTY);
            }
        },
        SHUFFLE_FIELDS_OF_A_ROW {
            @Override
            public String apply(String text, Random random) {
                return TextDamage.replaceLine(text, random, line -> {
                    List<String> fields = new ArrayList<>(List.of(line.split(",", -1)));
                    Collections.shuffle(fields, random);
                    return String.join(",", fields);
                });
            }
        },
        BREAK_A_QUOTE {
            @Override
            public String apply(String text, Random random) {
                List<Integer> quotes = new ArrayList<>();
                for (int i = 0; i < text.length(); i++) {
                    if (text.charAt(i) == '"') {
                        quotes.add(i);
                    }
                }
                if (quotes.isEmpty()) {
                    int at = random.nextInt(text.length() + 1);
                    return text.substring(0, at) + "\"" + text.substring(at);
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
            public String apply(String text, Random random) {
                return TextDamage.duplicateLine(text, random);
            }
        },
        BYTE_ORDER_MARK {
            @Override
            public String apply(String text, Random random) {
                return TextDamage.byteOrderMark(text);
            }
        },
        CR_LF_LINE_ENDS {
            @Override
            public String apply(String text, Random random) {
                return TextDamage.crLfLineEnds(text, random);
            }
        },
        VERY_LONG_FIELD {
            @Override
            public String apply(String text, Random random) {
                int at = random.nextInt(text.length() + 1);
                // Now and then longer than a megabyte.
                int length = random.nextInt(10) == 0 ? 1_100_000 : 1 + random.nextInt(70_000);
                return text.substring(0, at) + String.valueOf(TextDamage.character(random, NASTY)).repeat(length) + text.substring(at);
            }
        },
        UNICODE {
            @Override
            public String apply(String text, Random random) {
                return TextDamage.unicode(text, random);
            }
        },
        TRUNCATE {
            @Override
            public String apply(String text, Random random) {
                return TextDamage.truncate(text, random);
            }
        };

        public abstract String apply(String text, Random random);
    }
}
