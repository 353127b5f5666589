package io.uptake.ingest.eventid;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class EventIdHashTest {

    /*
     * Expected values are MurmurHash3_x64_128 with seed 0 as the reference C code writes its 16 output
     * bytes (h1 then h2, least significant byte first): "foo" is the example in the Python mmh3 package's
     * documentation (hash_bytes('foo') = b'aE\xf5\x01W\x86q\xe2\x87}\xba+\xe4\x87\xaf~'), the fox is the
     * usual published test vector, and the others were checked against Guava's Hashing.murmur3_128().
     */

    @Test
    void hashesAsTheReferenceMurmurHash3Does() {
        assertThat(EventIdHash.of("foo").toHex()).isEqualTo("6145f501578671e2877dba2be487af7e");
        assertThat(EventIdHash.of("The quick brown fox jumps over the lazy dog").toHex())
                .isEqualTo("6c1b07bc7bbc4be347939ac4a93c437a");
        // 16 bytes: one whole block and no tail; 17: one block and a one-byte tail.
        assertThat(EventIdHash.of("0123456789abcdef").toHex()).isEqualTo("a7d14acf946de04bda08a7635c5bc387");
        assertThat(EventIdHash.of("0123456789abcdef0").toHex()).isEqualTo("75c0a58587ae24ebca283131b368fb73");
        // Hashed as UTF-8: ü is two bytes.
        assertThat(EventIdHash.of("ümlaut-id-ü").toHex()).isEqualTo("78e795e41679c9d1951ddc84c318f842");
    }

    @Test
    void theHalvesAreTheOutputBytesReadLittleEndian() {
        // j-1 -> da0b1236e8fedb53 47b6f0ee068eb09d: h1 is 0x53dbfee836120bda, h2 0x9db08e06eef0b647.
        assertThat(EventIdHash.of("j-1")).isEqualTo(new EventIdHash(0x53dbfee836120bdaL, 0x9db08e06eef0b647L));
    }

    @Test
    void hashesTheBytesOfAnIdInsideALargerBuffer() {
        byte[] line = "{\"event_id\":\"j-1\"}".getBytes(StandardCharsets.UTF_8);
        // "j-1" starts at byte 13 of the line and is 3 bytes long.
        assertThat(EventIdHash.of(line, 13, 3)).isEqualTo(EventIdHash.of("j-1"));
    }

    @Test
    void theEmptyIdHashesToZero() {
        // MurmurHash3 of no bytes with seed 0 is all zeros: the one hash the id set must keep aside.
        assertThat(EventIdHash.of("")).isEqualTo(new EventIdHash(0, 0));
    }

    @Test
    void sortsAsUnsignedNumbers() {
        EventIdHash small = new EventIdHash(1, 0);
        EventIdHash large = new EventIdHash(-1, 0);
        assertThat(small.compareTo(large)).isNegative();
        assertThat(new EventIdHash(1, -1).compareTo(new EventIdHash(1, 2))).isPositive();
    }
}
