package io.uptake.ingest.eventid;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class EventIdSetTest {

    @Test
    void addsEachHashOnce() {
        EventIdSet ids = new EventIdSet(4);

        assertThat(ids.add(1, 2)).isTrue();
        assertThat(ids.add(1, 2)).isFalse();
        assertThat(ids.add(2, 1)).isTrue();

        assertThat(ids.size()).isEqualTo(2);
        assertThat(ids.contains(1, 2)).isTrue();
        assertThat(ids.contains(2, 1)).isTrue();
        assertThat(ids.contains(1, 1)).isFalse();
    }

    @Test
    void keepsTheAllZeroHashAlthoughItMarksEmptySlots() {
        EventIdSet ids = new EventIdSet(4);

        assertThat(ids.contains(0, 0)).isFalse();
        assertThat(ids.add(0, 0)).isTrue();
        assertThat(ids.add(0, 0)).isFalse();

        assertThat(ids.size()).isEqualTo(1);
        assertThat(ids.contains(0, 0)).isTrue();
    }

    @Test
    void growsPastItsFirstSizeAndKeepsEveryHash() {
        // Room for 4 at first: 16 slots (the least), grown at 13 (> 3/4 of 16), then at 25 (> 3/4 of 32), ...
        EventIdSet ids = new EventIdSet(4);
        for (long i = 1; i <= 1_000; i++) {
            ids.add(i, i * 31);
        }

        assertThat(ids.size()).isEqualTo(1_000);
        // 1,000 hashes need more than 1,000 / 0.75 = 1,334 slots: 2,048, at 16 bytes each.
        assertThat(ids.bytes()).isEqualTo(2_048L * 16);
        for (long i = 1; i <= 1_000; i++) {
            assertThat(ids.contains(i, i * 31)).as("hash %d", i).isTrue();
        }
        assertThat(ids.contains(1_001, 1_001 * 31)).isFalse();
    }

    @Test
    void isSizedForTheIdsExpected() {
        // 100 expected / 0.75 = 134 slots needed: the next power of two is 256.
        assertThat(new EventIdSet(100).bytes()).isEqualTo(256L * 16);
    }
}
