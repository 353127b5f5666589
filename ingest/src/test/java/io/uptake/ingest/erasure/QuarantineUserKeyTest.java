package io.uptake.ingest.erasure;

import static io.uptake.ingest.TestFixtures.ADA_KEY;
import static io.uptake.ingest.TestFixtures.GRACE_KEY;
import static io.uptake.ingest.TestFixtures.U1042_KEY;
import static io.uptake.ingest.TestFixtures.write;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import io.uptake.ingest.source.InputFile;
import io.uptake.ingest.CollectingSink;
import io.uptake.ingest.Rejection;
import io.uptake.ingest.TestFixtures;
import io.uptake.ingest.source.jsonl.JsonLinesParser;
import io.uptake.ingest.source.salesforce.elf.EventLogFileParser;
import io.uptake.ingest.source.ModuleMapping;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The parsers give a rejected line the key of the user it still names, so erasure reaches quarantine. */
class QuarantineUserKeyTest {

    @TempDir
    Path tmp;

    @Test
    void aRejectedEventLogFileRowKeepsTheKeyOfItsUserWhenItStillNamesOne() throws Exception {
        Path file = write(tmp.resolve("Logout.csv"), """
                "EVENT_TYPE","TIMESTAMP","USER_ID","USER_ID_DERIVED","SESSION_TYPE"
                "Logout","2025100109x","005Aa00000BcDeF","005Aa00000BcDeFIAV","U"
                "Logout","20251001090000.000","005Kq00000mNoPr"
                "Logout","20251001090000.000"
                "EVENT_TYPE","TIMESTAMP","USER_ID","USER_ID_DERIVED","SESSION_TYPE"
                "Logout","2025100109x","","","U"
                """);
        CollectingSink sink = new CollectingSink();

        new EventLogFileParser(TestFixtures.pseudonymizer(), ModuleMapping.defaults()).parse(new InputFile(file, "Logout.csv"), sink);

        assertThat(sink.rejections).extracting(Rejection::line, Rejection::userKey).containsExactly(
                tuple(2L, ADA_KEY), // bad TIMESTAMP, user in both forms
                tuple(3L, GRACE_KEY), // cut off after USER_ID: the 15-character id still names Grace
                tuple(4L, null), // cut off before USER_ID
                tuple(5L, null), // the header again: USER_ID names the column, not a user
                tuple(6L, null)); // no user id
    }

    @Test
    void aRejectedJsonLineKeepsTheKeyOfItsUserIdWhenItIsAUsableString() {
        JsonLinesParser parser = new JsonLinesParser(TestFixtures.pseudonymizer(), ModuleMapping.defaults());
        CollectingSink sink = new CollectingSink();
        String[] lines = {
            "{\"event_id\":\"x-1\",\"occurred_at\":\"2025-10-01T09:00:00Z\",\"user_id\":\"u-1042\",\"event_type\":\"teleport\"}",
            "{\"occurred_at\":\"2025-10-01T09:00:00Z\",\"user_id\":\"005Aa00000BcDeF\",\"event_type\":\"login\"}",
            "{\"event_id\":\"x-3\",\"occurred_at\":\"2025-10-01T09:00:00Z\",\"user_id\":1042,\"event_type\":\"login\"}",
            "{\"event_id\":\"x-4\",\"occurred_at\":\"2025-10-01T09:00:00Z\",\"user_id\":\"  \",\"event_type\":\"login\"}",
            "{\"event_id\":\"x-5\",\"user_id\":u-1042}",
            "[\"u-1042\"]"};

        for (int i = 0; i < lines.length; i++) {
            parser.parseLine(lines[i], "events.jsonl", i + 1, sink);
        }

        assertThat(sink.events).isEmpty();
        assertThat(sink.rejections).extracting(Rejection::line, Rejection::userKey).containsExactly(
                tuple(1L, U1042_KEY), // unknown event_type
                tuple(2L, ADA_KEY), // no event_id; the 15-character id keyed as ingest keys it
                tuple(3L, null), // a number is no user id
                tuple(4L, null), // blank
                tuple(5L, null), // not JSON
                tuple(6L, null)); // not an object
    }
}
