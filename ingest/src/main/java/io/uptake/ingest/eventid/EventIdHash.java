package io.uptake.ingest.eventid;

import java.nio.charset.StandardCharsets;

/**
 * The 128-bit MurmurHash3 (x64 variant, seed 0) of an event id's UTF-8 bytes: what de-duplication
 * compares instead of the id itself. 128 bits, not 64: two different ids with the same hash would make
 * the second a "duplicate" and drop a real event without a word; with 128 bits the chance of that among
 * even 10^10 ids is about 10^-19. Not a cryptographic hash: a sender who wants to hide its own events can
 * simply not send them, so nothing is gained by choosing ids that collide.
 */
public record EventIdHash(long high, long low) implements Comparable<EventIdHash> {

    private static final long C1 = 0x87c37b91114253d5L;
    private static final long C2 = 0x4cf5ad432745937fL;

    /** The hash of the id's UTF-8 bytes. */
    public static EventIdHash of(String eventId) {
        byte[] bytes = eventId.getBytes(StandardCharsets.UTF_8);
        return of(bytes, 0, bytes.length);
    }

    /** The hash of {@code length} bytes of {@code bytes} from {@code offset}: the id as the input holds it. */
    public static EventIdHash of(byte[] bytes, int offset, int length) {
        long h1 = 0;
        long h2 = 0;
        int blocks = length / 16;
        for (int i = 0; i < blocks; i++) {
            int at = offset + i * 16;
            long k1 = littleEndian(bytes, at);
            long k2 = littleEndian(bytes, at + 8);
            h1 ^= mixK1(k1);
            h1 = Long.rotateLeft(h1, 27) + h2;
            h1 = h1 * 5 + 0x52dce729;
            h2 ^= mixK2(k2);
            h2 = Long.rotateLeft(h2, 31) + h1;
            h2 = h2 * 5 + 0x38495ab5;
        }
        int tail = offset + blocks * 16;
        int rest = length & 15;
        long k1 = 0;
        long k2 = 0;
        for (int i = rest - 1; i >= 8; i--) {
            k2 ^= (bytes[tail + i] & 0xffL) << ((i - 8) * 8);
        }
        for (int i = Math.min(rest, 8) - 1; i >= 0; i--) {
            k1 ^= (bytes[tail + i] & 0xffL) << (i * 8);
        }
        if (rest > 8) {
            h2 ^= mixK2(k2);
        }
        if (rest > 0) {
            h1 ^= mixK1(k1);
        }
        h1 ^= length;
        h2 ^= length;
        h1 += h2;
        h2 += h1;
        h1 = finalMix(h1);
        h2 = finalMix(h2);
        h1 += h2;
        h2 += h1;
        return new EventIdHash(h1, h2);
    }

    /** The hash as MurmurHash3's reference code prints it: h1's then h2's bytes, least significant first. */
    public String toHex() {
        return String.format("%016x%016x", Long.reverseBytes(high), Long.reverseBytes(low));
    }

    @Override
    public int compareTo(EventIdHash other) {
        int byHigh = Long.compareUnsigned(high, other.high);
        return byHigh != 0 ? byHigh : Long.compareUnsigned(low, other.low);
    }

    private static long littleEndian(byte[] bytes, int at) {
        long value = 0;
        for (int i = 7; i >= 0; i--) {
            value = (value << 8) | (bytes[at + i] & 0xffL);
        }
        return value;
    }

    private static long mixK1(long k1) {
        return Long.rotateLeft(k1 * C1, 31) * C2;
    }

    private static long mixK2(long k2) {
        return Long.rotateLeft(k2 * C2, 33) * C1;
    }

    private static long finalMix(long k) {
        k ^= k >>> 33;
        k *= 0xff51afd7ed558ccdL;
        k ^= k >>> 33;
        k *= 0xc4ceb9fe1a85ec53L;
        k ^= k >>> 33;
        return k;
    }
}
