package io.uptake.ingest.source.jsonl;

import static io.uptake.ingest.TestFixtures.ADA_KEY;
import static io.uptake.ingest.TestFixtures.GRACE_KEY;
import static io.uptake.ingest.TestFixtures.SESS77_KEY;
import static io.uptake.ingest.TestFixtures.U1042_KEY;
import static io.uptake.ingest.TestFixtures.write;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import io.uptake.ingest.source.InputFile;
import io.uptake.ingest.CollectingSink;
import io.uptake.ingest.Event;
import io.uptake.ingest.Rejection;
import io.uptake.ingest.TestFixtures;
import io.uptake.ingest.source.ModuleMapping;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class JsonLinesParserTest {

    @TempDir
    Path dir;

    private final JsonLinesParser parser = new JsonLinesParser(TestFixtures.pseudonymizer(), ModuleMapping.defaults());

    @Test
    void appliesTheDefaultsClientWebStatusSuccessAndSourceJsonl() throws IOException {
        CollectingSink sink = new CollectingSink();
        long read = parser.parse(new InputFile(write(dir.resolve("events.jsonl"), """
                {"event_id":"7f9c2b","occurred_at":"2025-10-01T09:00:03Z","user_id":"u-1042","event_type":"record_update","object_type":"Opportunity"}
                """), "events.jsonl"), sink);

        assertThat(read).isEqualTo(1);
        assertThat(sink.rejections).isEmpty();
        assertThat(sink.events).containsExactly(new Event("7f9c2b", Instant.parse("2025-10-01T09:00:03Z"), U1042_KEY,
                null, "jsonl", "record_update", "record_update", "sales", "Opportunity", null, "web", "success", null, null));
    }

    @Test
    void keepsEveryOptionalFieldTheSenderGivesAndConvertsOffsetsToUtc() throws IOException {
        CollectingSink sink = new CollectingSink();
        parser.parse(new InputFile(write(dir.resolve("events.jsonl"), """
                {"event_id":"e2","occurred_at":"2025-10-01T11:30:00+02:00","user_id":"005Kq00000mNoPr","session_id":"sess-77","event_type":"search","module":"service","object_type":"Case","record_id":"500Cc00000DdEeFIAV","client":"mobile","status":"failure","error_code":"TIMEOUT","duration_ms":1500,"source":"collector"}
                """), "events.jsonl"), sink);

        // 11:30 at +02:00 is 09:30 UTC; the 15-character user id is keyed in its 18-character form.
        assertThat(sink.events).containsExactly(new Event("e2", Instant.parse("2025-10-01T09:30:00Z"), GRACE_KEY,
                SESS77_KEY, "collector", "search", "search", "service", "Case", "500Cc00000DdEeFIAV", "mobile", "failure",
                "TIMEOUT", 1500L));
    }

    @Test
    void quarantinesMissingFieldsWrongTypesUnknownValuesAndBadTimestampsWithReasons() throws IOException {
        CollectingSink sink = new CollectingSink();
        long read = parser.parse(new InputFile(write(dir.resolve("events.jsonl"), """
                {"event_id":"e1","occurred_at":"2025-10-01T09:00:03Z","user_id":"u-1042","event_type":"login"}
                {"occurred_at":"2025-10-01T09:00:03Z","user_id":"u-1042","event_type":"login"}
                {"event_id":"e3","occurred_at":"2025-10-01T09:00:03Z","event_type":"login"}
                {"event_id":42,"occurred_at":"2025-10-01T09:00:03Z","user_id":"u-1042","event_type":"login"}
                {"event_id":"e5","occurred_at":"2025-10-01T09:00:03Z","user_id":"u-1042","event_type":"login","duration_ms":"1500"}
                {"event_id":"e6","occurred_at":"2025-10-01T09:00:03Z","user_id":"u-1042","event_type":"login","client":7}
                {"event_id":"e7","occurred_at":"2025-10-01T09:00:03Z","user_id":"u-1042","event_type":"page_visit"}
                {"event_id":"e8","occurred_at":"2025-10-01 09:00:03","user_id":"u-1042","event_type":"login"}
                {"event_id":"e9","occurred_at":"2025-10-01T09:00:03","user_id":"u-1042","event_type":"login"}

                [1,2]
                {"event_id":"e12",
                {"event_id":"e13","occurred_at":"2025-10-01T09:00:03Z","user_id":"u-1042","event_type":"login","status":"ok"}
                {"event_id":"e14","occurred_at":"2025-10-01T09:00:03Z","user_id":"u-1042","event_type":"login","client":"desktop"}
                """), "events.jsonl"), sink);

        // 14 lines, line 10 blank: 13 read = 1 event + 12 rejections.
        assertThat(read).isEqualTo(13);
        assertThat(sink.events).extracting(Event::eventId).containsExactly("e1");
        assertThat(sink.rejections).extracting(Rejection::line, Rejection::reason).containsExactly(
                tuple(2L, "Missing required field event_id in events.jsonl line 2"),
                tuple(3L, "Missing required field user_id in events.jsonl line 3"),
                tuple(4L, "Field event_id must be a non-empty string in events.jsonl line 4"),
                tuple(5L, "duration_ms must be a whole number in events.jsonl line 5"),
                tuple(6L, "Field client must be a string in events.jsonl line 6"),
                tuple(7L, "Unknown event_type 'page_visit' in events.jsonl line 7"),
                tuple(8L, "Cannot parse occurred_at '2025-10-01 09:00:03': expected ISO-8601 with an offset or Z in events.jsonl line 8"),
                tuple(9L, "Cannot parse occurred_at '2025-10-01T09:00:03': expected ISO-8601 with an offset or Z in events.jsonl line 9"),
                tuple(11L, "Expected a JSON object in events.jsonl line 11"),
                tuple(12L, "Not valid JSON (syntax error at column 19) in events.jsonl line 12"),
                tuple(13L, "Unknown status 'ok': expected success or failure in events.jsonl line 13"),
                tuple(14L, "Unknown client 'desktop': expected one of web, mobile, api, automation in events.jsonl line 14"));
        assertThat(sink.rejections).extracting(Rejection::input).containsOnly("events.jsonl");
    }

    @Test
    void theRecordIdOfAUserRecordIsStoredAsThatUsersKey() throws IOException {
        CollectingSink sink = new CollectingSink();
        parser.parse(new InputFile(write(dir.resolve("events.jsonl"), """
                {"event_id":"e1","occurred_at":"2025-10-01T09:00:03Z","user_id":"005Kq00000mNoPr","event_type":"record_view","object_type":"User","record_id":"005Aa00000BcDeF"}
                {"event_id":"e2","occurred_at":"2025-10-01T09:00:04Z","user_id":"005Kq00000mNoPr","event_type":"record_view","object_type":"Opportunity","record_id":"006Aa00000XyZwQIAV"}
                """), "events.jsonl"), sink);

        assertThat(sink.events).extracting(Event::userKey, Event::objectType, Event::recordId, Event::module)
                .containsExactly(
                        tuple(GRACE_KEY, "User", ADA_KEY, "admin"),
                        tuple(GRACE_KEY, "Opportunity", "006Aa00000XyZwQIAV", "sales"));
    }

    @Test
    void aSyntaxErrorReasonDoesNotEchoTheRawUserId() throws IOException {
        CollectingSink sink = new CollectingSink();
        // The sender forgot the quotes around the user id: Jackson's own message would quote the token.
        parser.parse(new InputFile(write(dir.resolve("events.jsonl"), """
                {"event_id":"e1","occurred_at":"2025-10-01T09:00:03Z","user_id":u1042,"event_type":"login"}
                """), "events.jsonl"), sink);

        // column 65 is the 'u' of u1042: 64 characters precede it.
        assertThat(sink.rejections).extracting(Rejection::line, Rejection::reason).containsExactly(
                tuple(1L, "Not valid JSON (syntax error at column 65) in events.jsonl line 1"));
    }

    @Test
    void aSecondObjectOnTheSameLineRejectsTheLineInsteadOfBeingDropped() throws Exception {
        String a = "{\"event_id\":\"a\",\"occurred_at\":\"2025-10-01T09:00:00Z\",\"user_id\":\"u-1\",\"event_type\":\"search\"}";
        String b = a.replace("\"a\"", "\"b\"");
        CollectingSink sink = new CollectingSink();

        parser.parseLine(a + b, "two.jsonl", 1, sink);

        // The second object starts right after the first one's 91 characters: column 92.
        assertThat(a.length()).isEqualTo(91);
        assertThat(sink.events).isEmpty();
        assertThat(sink.rejections).extracting(Rejection::reason)
                .containsExactly("Not valid JSON (syntax error at column 92) in two.jsonl line 1");
    }

    @Test
    void hostileLinesAreRejectedByTheReadLimitsWithoutEchoingThem() {
        String valid = "{\"event_id\":\"a\",\"occurred_at\":\"2025-10-01T09:00:00Z\",\"user_id\":\"u-1\",\"event_type\":\"search\"";
        CollectingSink sink = new CollectingSink();

        // Over the line limit: rejected before any parsing.
        parser.parseLine(valid + ",\"x\":\"" + "y".repeat(JsonLinesParser.MAX_LINE_CHARS) + "\"}", "h.jsonl", 1, sink);
        // 17 nested arrays, one more than the depth limit of 16.
        parser.parseLine(valid + ",\"x\":" + "[".repeat(17) + "]".repeat(17) + "}", "h.jsonl", 2, sink);
        // A string one character over 64 KiB.
        parser.parseLine(valid + ",\"x\":\"" + "y".repeat(64 * 1024 + 1) + "\"}", "h.jsonl", 3, sink);

        assertThat(sink.events).isEmpty();
        assertThat(sink.rejections).extracting(Rejection::line, Rejection::reason).containsExactly(
                // valid + ,"x":" (6) + the y's + "} (2)
                tuple(1L, "Line of " + (valid.length() + 6 + JsonLinesParser.MAX_LINE_CHARS + 2)
                        + " characters exceeds the limit of 1048576 in h.jsonl line 1"),
                tuple(2L, "Exceeds a read limit: Document nesting depth (17) exceeds the maximum allowed (16) in h.jsonl line 2"),
                tuple(3L, "Exceeds a read limit: String value length (65537) exceeds the maximum allowed (65536) in h.jsonl line 3"));
    }
}
