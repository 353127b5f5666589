package io.uptake.jobs.activity;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Arrays;

/**
 * A set of days as bits: bit {@code i} is day {@code origin + i} of the run ({@link ActivityBits#origin}).
 * A person's active days in one of these make a rolling-window figure a few word operations instead
 * of a row per person and day: "active in the 28 days ending on D" is whether any bit is set in
 * [D-27, D]. Stored in a binary column as little-endian 64-bit words.
 */
public final class DayBits {

    private static final long[] NONE = new long[0];

    private final long[] words;

    private DayBits(long[] words) {
        this.words = words;
    }

    /** No day. */
    public static DayBits empty() {
        return new DayBits(NONE);
    }

    /** The days given as indexes (any order, repeats allowed, none negative). */
    public static DayBits of(int... days) {
        int max = Arrays.stream(days).max().orElse(-1);
        long[] words = new long[max / 64 + 1];
        for (int day : days) {
            if (day < 0) {
                throw new IllegalArgumentException("day index " + day + " is before the origin");
            }
            words[day >>> 6] |= 1L << (day & 63);
        }
        return new DayBits(max < 0 ? NONE : words);
    }

    /** The set a binary column holds; null reads as no day. */
    public static DayBits read(byte[] bytes) {
        if (bytes == null || bytes.length == 0) {
            return empty();
        }
        long[] words = new long[bytes.length / Long.BYTES];
        ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN).asLongBuffer().get(words);
        return new DayBits(words);
    }

    /** The bytes of the binary column. */
    public byte[] bytes() {
        ByteBuffer buffer = ByteBuffer.allocate(words.length * Long.BYTES).order(ByteOrder.LITTLE_ENDIAN);
        buffer.asLongBuffer().put(words);
        return buffer.array();
    }

    public boolean get(int day) {
        return day >= 0 && (day >>> 6) < words.length && (words[day >>> 6] & (1L << (day & 63))) != 0;
    }

    /** Whether any day of [from, to] is in the set; false for an empty range. */
    public boolean any(int from, int to) {
        return count(from, to) > 0;
    }

    /** How many days of [from, to] are in the set (0 for an empty range). */
    public int count(int from, int to) {
        from = Math.max(from, 0);
        if (words.length == 0) {
            return 0;
        }
        to = Math.min(to, words.length * 64 - 1);
        if (from > to) {
            return 0;
        }
        int first = from >>> 6;
        int last = to >>> 6;
        long lowMask = -1L << (from & 63);
        long highMask = -1L >>> (63 - (to & 63));
        if (first == last) {
            return Long.bitCount(words[first] & lowMask & highMask);
        }
        int n = Long.bitCount(words[first] & lowMask) + Long.bitCount(words[last] & highMask);
        for (int w = first + 1; w < last; w++) {
            n += Long.bitCount(words[w]);
        }
        return n;
    }

    /** The first day in the set, or -1 when it is empty. */
    public int first() {
        for (int w = 0; w < words.length; w++) {
            if (words[w] != 0) {
                return w * 64 + Long.numberOfTrailingZeros(words[w]);
            }
        }
        return -1;
    }

    /** The last day in the set on or before {@code day}, or -1 when there is none. */
    public int lastOnOrBefore(int day) {
        if (day < 0) {
            return -1;
        }
        int w = Math.min(day >>> 6, words.length - 1);
        if (w < 0) {
            return -1;
        }
        long word = (day >>> 6) > w ? words[w] : words[w] & (-1L >>> (63 - (day & 63)));
        while (true) {
            if (word != 0) {
                return w * 64 + 63 - Long.numberOfLeadingZeros(word);
            }
            if (--w < 0) {
                return -1;
            }
            word = words[w];
        }
    }

    /** The days in either set. */
    public DayBits or(DayBits other) {
        long[] longer = words.length >= other.words.length ? words : other.words;
        long[] shorter = longer == words ? other.words : words;
        long[] union = longer.clone();
        for (int w = 0; w < shorter.length; w++) {
            union[w] |= shorter[w];
        }
        return new DayBits(union);
    }

    /** The same set with the days after {@code day} removed. */
    public DayBits upTo(int day) {
        if (day < 0) {
            return empty();
        }
        if ((day >>> 6) >= words.length) {
            return this;
        }
        long[] kept = Arrays.copyOf(words, (day >>> 6) + 1);
        kept[kept.length - 1] &= -1L >>> (63 - (day & 63));
        return new DayBits(kept);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof DayBits other && Arrays.equals(trimmed(), other.trimmed());
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(trimmed());
    }

    private long[] trimmed() {
        int n = words.length;
        while (n > 0 && words[n - 1] == 0) {
            n--;
        }
        return Arrays.copyOf(words, n);
    }

    @Override
    public String toString() {
        StringBuilder days = new StringBuilder("DayBits[");
        for (int d = first(); d >= 0 && d < words.length * 64; d++) {
            if (get(d)) {
                days.append(days.length() > 8 ? "," : "").append(d);
            }
        }
        return days.append(']').toString();
    }
}
