package io.uptake.jobs.activity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class DayBitsTest {

    /** Days 0, 5, 63 (last bit of word 0), 64 (first bit of word 1) and 130 (word 2). */
    private final DayBits days = DayBits.of(130, 0, 5, 63, 64, 5);

    @Test
    void countsTheDaysOfARangeAcrossWordBoundaries() {
        assertThat(days.count(0, 63)).isEqualTo(3);       // 0, 5, 63
        assertThat(days.count(5, 64)).isEqualTo(3);       // 5, 63, 64
        assertThat(days.count(64, 64)).isEqualTo(1);
        assertThat(days.count(6, 62)).isZero();
        assertThat(days.count(-27, 0)).isEqualTo(1);      // a window reaching before the origin
        assertThat(days.count(0, 10_000)).isEqualTo(5);   // and past the last word
        assertThat(days.count(10, 9)).isZero();
        assertThat(days.any(65, 129)).isFalse();
        assertThat(days.any(65, 130)).isTrue();
    }

    @Test
    void findsTheFirstDayAndTheLastOnOrBeforeADay() {
        assertThat(days.first()).isEqualTo(0);
        assertThat(days.lastOnOrBefore(62)).isEqualTo(5);
        assertThat(days.lastOnOrBefore(63)).isEqualTo(63);
        assertThat(days.lastOnOrBefore(129)).isEqualTo(64);
        assertThat(days.lastOnOrBefore(1000)).isEqualTo(130);
        assertThat(days.lastOnOrBefore(-1)).isEqualTo(-1);
        assertThat(DayBits.empty().first()).isEqualTo(-1);
        assertThat(DayBits.empty().lastOnOrBefore(10)).isEqualTo(-1);
    }

    @Test
    void readsBackWhatItWritesAndCombines() {
        byte[] bytes = days.bytes();
        // 3 words of 8 bytes; day 0 is the lowest bit of the first byte, day 5 its sixth bit: 0b100001.
        assertThat(bytes).hasSize(24);
        assertThat(bytes[0]).isEqualTo((byte) 0b100001);
        assertThat(DayBits.read(bytes)).isEqualTo(days);
        assertThat(DayBits.read(null)).isEqualTo(DayBits.empty());
        assertThat(days.upTo(63)).isEqualTo(DayBits.of(0, 5, 63));
        assertThat(days.upTo(-1)).isEqualTo(DayBits.empty());
        assertThat(DayBits.of(1).or(DayBits.of(200))).isEqualTo(DayBits.of(1, 200));
        assertThat(days.toString()).isEqualTo("DayBits[0,5,63,64,130]");
        assertThatThrownBy(() -> DayBits.of(-1)).hasMessage("day index -1 is before the origin");
    }
}
