package io.uptake.ingest;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.function.UnaryOperator;

/**
 * The damage any text input suffers on its way here, each at a random place; the property tests of
 * both parsers apply these, and add the damage particular to their format.
 */
public final class TextDamage {

    private TextDamage() {}

    /** One character, half the time from {@code nasty} (the format's own troublemakers), else any. */
    public static String insertCharacter(String text, Random random, String nasty) {
        int at = random.nextInt(text.length() + 1);
        return text.substring(0, at) + character(random, nasty) + text.substring(at);
    }

    public static String deleteCharacters(String text, Random random) {
        if (text.isEmpty()) {
            return text;
        }
        int from = random.nextInt(text.length());
        int to = Math.min(text.length(), from + 1 + random.nextInt(20));
        return text.substring(0, from) + text.substring(to);
    }

    public static String replaceCharacter(String text, Random random, String nasty) {
        if (text.isEmpty()) {
            return text;
        }
        int at = random.nextInt(text.length());
        return text.substring(0, at) + character(random, nasty) + text.substring(at + 1);
    }

    public static String duplicateLine(String text, Random random) {
        return replaceLine(text, random, line -> line + "\n" + line);
    }

    public static String byteOrderMark(String text) {
        return "\uFEFF" + text;
    }

    public static String crLfLineEnds(String text, Random random) {
        return text.replace("\r\n", "\n").replace("\n", random.nextBoolean() ? "\r\n" : "\r");
    }

    /** Up to eight code points from anywhere in Unicode, surrogates and unassigned ones included. */
    public static String unicode(String text, Random random) {
        StringBuilder noise = new StringBuilder();
        for (int i = random.nextInt(8); i >= 0; i--) {
            noise.appendCodePoint(random.nextInt(0x10FFFF + 1));
        }
        int at = random.nextInt(text.length() + 1);
        return text.substring(0, at) + noise + text.substring(at);
    }

    public static String truncate(String text, Random random) {
        return text.substring(0, random.nextInt(text.length() + 1));
    }

    /** The text with one of its lines, chosen at random, changed. */
    public static String replaceLine(String text, Random random, UnaryOperator<String> change) {
        List<String> lines = new ArrayList<>(List.of(text.split("\n", -1)));
        int at = random.nextInt(lines.size());
        lines.set(at, change.apply(lines.get(at)));
        return String.join("\n", lines);
    }

    /** A character, half the time from {@code nasty}, else any UTF-16 unit (lone surrogates included). */
    public static char character(Random random, String nasty) {
        return random.nextBoolean() ? nasty.charAt(random.nextInt(nasty.length())) : (char) random.nextInt(0x10000);
    }
}
