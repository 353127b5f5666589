package io.uptake.ingest.collector;

import static org.assertj.core.api.Assertions.assertThat;

import io.uptake.ingest.collector.Collector.RejectedEvent;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RejectionsTest {

    @Test
    void aKindIsTheReasonWithoutItsValues() {
        assertThat(Rejections.kind("Cannot parse occurred_at '2025-10-01 09:02': expected ISO-8601 with an offset or Z"))
                .isEqualTo("Cannot parse occurred_at '…': expected ISO-8601 with an offset or Z");
        assertThat(Rejections.kind("occurred_at +10000-01-01T00:00:00Z is more than a day after the moment of ingest "
                + "(2025-10-03T06:00:00.123Z)")).isEqualTo("occurred_at … is more than a day after the moment of ingest (…)");
        assertThat(Rejections.kind("occurred_at 1999-12-31T23:59:59Z is before 2000-01-01"))
                .isEqualTo("occurred_at … is before 2000-01-01");
        assertThat(Rejections.kind("record_id is 1500 characters long, over the limit of 1000 ('0065g00000AbCdEf…')"))
                .isEqualTo("record_id is … characters long, over the limit of … ('…')");
        assertThat(Rejections.kind("Missing required field user_id")).isEqualTo("Missing required field user_id");
    }

    @Test
    void listsTheFirstHundredAndCountsKindsPastTheTwentiethAsOtherReasons() {
        Rejections rejections = new Rejections();
        // 25 kinds (the field name differs), 10 events each, in turn.
        for (int i = 0; i < 250; i++) {
            rejections.add(i, "Missing required field f" + (char) ('a' + i % 25));
        }

        assertThat(rejections.count()).isEqualTo(250);
        assertThat(rejections.listed()).hasSize(100);
        assertThat(rejections.listed().get(99)).isEqualTo(new RejectedEvent(99, "Missing required field fy"));
        Map<String, Long> expected = new LinkedHashMap<>();
        for (int kind = 0; kind < 20; kind++) {
            expected.put("Missing required field f" + (char) ('a' + kind), 10L);
        }
        expected.put("other reasons", 50L);
        assertThat(rejections.byReason()).containsExactlyEntriesOf(expected);
    }
}
