package io.uptake.ingest.source;

import static java.util.Objects.requireNonNull;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.function.BiFunction;
import java.util.function.UnaryOperator;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;

/**
 * One way a file gets damaged on its way here, at a random place: what the property tests of every
 * source apply to valid files. The damage any text suffers is here, and that of CSV and of quoted
 * values; a source's tests add the damage particular to its format with {@link #of}.
 *
 * @param name   what jqwik shows of the damage in a failing sample
 * @param change the damage: the text, and the randomness that places it
 */
public record Damage(String name, BiFunction<String, Random, String> change) {

    /** Characters that break CSV or text handling: separators, quotes, line ends, NUL, BOM, bidi, non-BMP, an address's {@code @}. */
    public static final String CSV_TROUBLE = ",\"\r\n\t\u0000\uFEFF\u202E\u00e9\u4e2d\ud83d\ude00\\;'@";
    /** Characters that break JSON, CSV or text handling: structure, quotes, escapes, line ends, NUL, BOM, bidi, non-BMP. */
    public static final String JSON_TROUBLE = "{}[]:,\"\\\r\n\t\u0000\uFEFF\u2028\u202E\u00e9\u4e2d\ud83d\ude00";

    public Damage {
        requireNonNull(name, "name is null");
        requireNonNull(change, "change is null");
    }

    public static Damage of(String name, BiFunction<String, Random, String> change) {
        return new Damage(name, change);
    }

    public String apply(String text, Random random) {
        return change.apply(text, random);
    }

    @Override
    public String toString() {
        return name;
    }

    /** The text with each of the damages done to it in turn. */
    public static String applyAll(List<Damage> damages, String text, Random random) {
        for (Damage damage : damages) {
            text = damage.apply(text, random);
        }
        return text;
    }

    /** Lists of {@code min} to {@code max} damages, each any of these. */
    public static Arbitrary<List<Damage>> lists(List<Damage> damages, int min, int max) {
        return Arbitraries.of(damages).list().ofMinSize(min).ofMaxSize(max);
    }

    /** The damage any text suffers, with {@code trouble} the characters that break its format. */
    public static List<Damage> toText(String trouble) {
        return List.of(insertCharacter(trouble), deleteCharacters(), replaceCharacter(trouble), duplicateALine(), byteOrderMark(),
                crLfLineEnds(), unicode(), truncate());
    }

    /** The damage a CSV file suffers: any text's, and broken rows and quotes; now and then a field longer than a megabyte. */
    public static List<Damage> toCsv() {
        return concat(toText(CSV_TROUBLE), shuffleFieldsOfARow(), breakAQuote(), veryLongValue(CSV_TROUBLE, 1_100_000));
    }

    /** The damage a JSON file suffers: any text's, and broken quotes; now and then a value of {@code tooLong} characters. */
    public static List<Damage> toJson(int tooLong) {
        return concat(toText(JSON_TROUBLE), breakAQuote(), veryLongValue(JSON_TROUBLE, tooLong));
    }

    /** The damages, and more. */
    public static List<Damage> concat(List<Damage> damages, Damage... more) {
        List<Damage> all = new ArrayList<>(damages);
        all.addAll(List.of(more));
        return List.copyOf(all);
    }

    /** One character, half the time one of {@code trouble}, else any. */
    public static Damage insertCharacter(String trouble) {
        return of("INSERT_CHARACTER", (text, random) -> {
            int at = random.nextInt(text.length() + 1);
            return text.substring(0, at) + character(random, trouble) + text.substring(at);
        });
    }

    /** Up to 20 characters gone. */
    public static Damage deleteCharacters() {
        return of("DELETE_CHARACTERS", (text, random) -> {
            if (text.isEmpty()) {
                return text;
            }
            int from = random.nextInt(text.length());
            int to = Math.min(text.length(), from + 1 + random.nextInt(20));
            return text.substring(0, from) + text.substring(to);
        });
    }

    public static Damage replaceCharacter(String trouble) {
        return of("REPLACE_CHARACTER", (text, random) -> {
            if (text.isEmpty()) {
                return text;
            }
            int at = random.nextInt(text.length());
            return text.substring(0, at) + character(random, trouble) + text.substring(at + 1);
        });
    }

    public static Damage duplicateALine() {
        return of("DUPLICATE_A_LINE", (text, random) -> replaceLine(text, random, line -> line + "\n" + line));
    }

    public static Damage byteOrderMark() {
        return of("BYTE_ORDER_MARK", (text, random) -> "\uFEFF" + text);
    }

    /** Every line end CR LF, or every one CR. */
    public static Damage crLfLineEnds() {
        return of("CR_LF_LINE_ENDS", (text, random) -> text.replace("\r\n", "\n").replace("\n", random.nextBoolean() ? "\r\n" : "\r"));
    }

    /** Up to eight code points from anywhere in Unicode, surrogates and unassigned ones included. */
    public static Damage unicode() {
        return of("UNICODE", (text, random) -> {
            StringBuilder noise = new StringBuilder();
            for (int i = random.nextInt(8); i >= 0; i--) {
                noise.appendCodePoint(random.nextInt(0x10FFFF + 1));
            }
            int at = random.nextInt(text.length() + 1);
            return text.substring(0, at) + noise + text.substring(at);
        });
    }

    public static Damage truncate() {
        return of("TRUNCATE", (text, random) -> text.substring(0, random.nextInt(text.length() + 1)));
    }

    /** A quote dropped, doubled, escaped with a backslash, or with text right after it; in a text without one, a stray one. */
    public static Damage breakAQuote() {
        return of("BREAK_A_QUOTE", (text, random) -> {
            List<Integer> quotes = new ArrayList<>();
            for (int i = 0; i < text.length(); i++) {
                if (text.charAt(i) == '"') {
                    quotes.add(i);
                }
            }
            if (quotes.isEmpty()) {
                return strayQuote().apply(text, random);
            }
            int at = quotes.get(random.nextInt(quotes.size()));
            return switch (random.nextInt(4)) {
                case 0 -> text.substring(0, at) + text.substring(at + 1);
                case 1 -> text.substring(0, at) + "\"\"" + text.substring(at + 1);
                case 2 -> text.substring(0, at) + "\\\"" + text.substring(at + 1);
                default -> text.substring(0, at + 1) + "x\"y" + text.substring(at + 1);
            };
        });
    }

    /** A quote where none belongs, the damage a CSV export suffers most. */
    public static Damage strayQuote() {
        return of("STRAY_QUOTE", (text, random) -> {
            int at = random.nextInt(text.length() + 1);
            return text.substring(0, at) + "\"" + text.substring(at);
        });
    }

    /**
     * One character repeated up to 70,000 times, now and then {@code tooLong} times (past the source's
     * limit): inside a JSON string value when it lands after the start of one, else anywhere.
     */
    public static Damage veryLongValue(String trouble, int tooLong) {
        return of("VERY_LONG_VALUE", (text, random) -> {
            int value = text.indexOf("\":\"", random.nextInt(text.length() + 1));
            int at = value < 0 ? random.nextInt(text.length() + 1) : value + 3;
            int length = random.nextInt(10) == 0 ? tooLong : 1 + random.nextInt(70_000);
            return text.substring(0, at) + String.valueOf(character(random, trouble)).repeat(length) + text.substring(at);
        });
    }

    /** A CSV line's comma-separated pieces in another order. */
    public static Damage shuffleFieldsOfARow() {
        return of("SHUFFLE_FIELDS_OF_A_ROW", (text, random) -> replaceLine(text, random, line -> {
            List<String> fields = new ArrayList<>(List.of(line.split(",", -1)));
            Collections.shuffle(fields, random);
            return String.join(",", fields);
        }));
    }

    /**
     * Not damage but a change that must change no event: a CSV file with its columns in another order,
     * every field quoted; a row of another width than the header stays as it is.
     */
    public static String shuffleColumns(String text, Random random) {
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

    /** Not damage either: the text with one of its lines from {@code from} on (0-based) repeated right after it. */
    public static String duplicateLine(String text, int from, Random random) {
        List<String> lines = new ArrayList<>(text.lines().toList());
        int at = from + random.nextInt(lines.size() - from);
        lines.add(at + 1, lines.get(at));
        return String.join("\n", lines) + "\n";
    }

    /** The text with one of its lines, chosen at random, changed. */
    public static String replaceLine(String text, Random random, UnaryOperator<String> change) {
        List<String> lines = new ArrayList<>(List.of(text.split("\n", -1)));
        int at = random.nextInt(lines.size());
        lines.set(at, change.apply(lines.get(at)));
        return String.join("\n", lines);
    }

    /** A character, half the time one of {@code trouble}, else any UTF-16 unit (lone surrogates included). */
    public static char character(Random random, String trouble) {
        return random.nextBoolean() ? trouble.charAt(random.nextInt(trouble.length())) : (char) random.nextInt(0x10000);
    }

    private static List<String> fields(String line) {
        List<String> fields = CsvRecords.fields(line, CsvRecords.Quoting.STANDARD);
        return fields == null ? List.of() : fields;
    }
}
