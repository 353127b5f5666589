package io.uptake.ingest;

import static io.uptake.ingest.TestFixtures.NOW;
import static io.uptake.ingest.TestFixtures.write;
import static org.assertj.core.api.Assertions.assertThat;

import io.uptake.ingest.source.EventSource;
import io.uptake.ingest.source.InputFile;
import io.uptake.ingest.source.SourceContext;
import io.uptake.ingest.source.Sources;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every source family quarantines an event dated before 2000-01-01 or more than a day after the moment
 * of ingest (DATA.md 1.1, plausible values) and keeps the edges. Ingest is at NOW, 2025-10-03T06:00:00Z:
 * each input holds, in this order, 1999-12-31T23:59:59Z (out), 2000-01-01T00:00:00Z (kept),
 * 2025-10-04T06:00:00Z, NOW + 1 day exactly (kept), and 2025-10-04T06:00:01Z, one second later (out).
 */
class PlausibleValuesTest {

    @TempDir
    Path dir;

    private static final String BEFORE = "1999-12-31T23:59:59Z";
    private static final String FIRST = "2000-01-01T00:00:00Z";
    private static final String DAY_AHEAD = "2025-10-04T06:00:00Z";
    private static final String TOO_FAR = "2025-10-04T06:00:01Z";

    /** Uptake's JSON lines (docs/sources/jsonl.md). */
    private static final String JSONL = """
            {"event_id":"p-1","occurred_at":"1999-12-31T23:59:59Z","user_id":"005Aa00000BcDeF","event_type":"login"}
            {"event_id":"p-2","occurred_at":"2000-01-01T00:00:00Z","user_id":"005Aa00000BcDeF","event_type":"login"}
            {"event_id":"p-3","occurred_at":"2025-10-04T06:00:00Z","user_id":"005Aa00000BcDeF","event_type":"login"}
            {"event_id":"p-4","occurred_at":"2025-10-04T06:00:01Z","user_id":"005Aa00000BcDeF","event_type":"login"}
            """;

    /** A Salesforce RestApi EventLogFile in its strict CSV shape, TIMESTAMP and TIMESTAMP_DERIVED both given. */
    private static final String ELF = """
            "EVENT_TYPE","TIMESTAMP","REQUEST_ID","USER_ID","METHOD","URI","REQUEST_STATUS","STATUS_CODE","RUN_TIME","ENTITY_NAME","TIMESTAMP_DERIVED","USER_ID_DERIVED"
            "RestApi","19991231235959.000","4R1","005Aa00000BcDeF","GET","/services/data/v60.0/query","S","200","42","","1999-12-31T23:59:59.000Z","005Aa00000BcDeFIAV"
            "RestApi","20000101000000.000","4R2","005Aa00000BcDeF","GET","/services/data/v60.0/query","S","200","42","","2000-01-01T00:00:00.000Z","005Aa00000BcDeFIAV"
            "RestApi","20251004060000.000","4R3","005Aa00000BcDeF","GET","/services/data/v60.0/query","S","200","42","","2025-10-04T06:00:00.000Z","005Aa00000BcDeFIAV"
            "RestApi","20251004060001.000","4R4","005Aa00000BcDeF","GET","/services/data/v60.0/query","S","200","42","","2025-10-04T06:00:01.000Z","005Aa00000BcDeFIAV"
            """;

    /** One page of HubSpot's GET /account-info/v3/activity/login, one record per line. */
    private static final String HUBSPOT = """
            {"results":[
            {"email":"person3@testdomain.com","id":"5432601","loginAt":"1999-12-31T23:59:59Z","loginSucceeded":true,"userId":876},
            {"email":"person3@testdomain.com","id":"5432602","loginAt":"2000-01-01T00:00:00Z","loginSucceeded":true,"userId":876},
            {"email":"person3@testdomain.com","id":"5432603","loginAt":"2025-10-04T06:00:00Z","loginSucceeded":true,"userId":876},
            {"email":"person3@testdomain.com","id":"5432604","loginAt":"2025-10-04T06:00:01Z","loginSucceeded":true,"userId":876}
            ]}
            """;

    /** Microsoft 365 audit records of Dynamics 365 as JSON lines; CreationTime is UTC without a zone. */
    private static final String MICROSOFT_365 = Stream.of(
                    "1999-12-31T23:59:59", "2000-01-01T00:00:00", "2025-10-04T06:00:00", "2025-10-04T06:00:01")
            .map(at -> """
                    {"CreationTime":"%s","Id":"8f5c2d1e-1b2c-4d3e-9f00-%s","Operation":"Update",\
                    "OrganizationId":"4b2e1f0a-0000-4000-8000-0a1b2c3d4e5f","RecordType":21,"UserKey":"10033FFF8A1B2C3D",\
                    "UserType":0,"Version":1,"Workload":"CRM","ClientIP":"10.1.2.3","UserId":"ada.lovelace@example.com",\
                    "EntityName":"account","Message":"Update"}
                    """.formatted(at, at.replaceAll("[^0-9]", "").substring(2)))
            .reduce("", String::concat);

    static Stream<Arguments> inputs() {
        return Stream.of(
                Arguments.of("events.jsonl", "jsonl", JSONL),
                Arguments.of("RestApi.csv", "salesforce-elf", ELF),
                Arguments.of("logins.json", "hubspot", HUBSPOT),
                Arguments.of("audit.jsonl", "dynamics365", MICROSOFT_365));
    }

    @ParameterizedTest(name = "{1}")
    @MethodSource("inputs")
    void everySourceQuarantinesTimesBefore2000AndMoreThanADayAheadAndKeepsTheEdges(String name, String kind, String text)
            throws Exception {
        InputFile file = new InputFile(write(dir.resolve(name), text), name);
        EventSource source = Sources.all(SourceContext.of(TestFixtures.pseudonymizer())).recognise(file).orElseThrow();
        CollectingSink sink = new CollectingSink(NOW);

        long read = source.parse(file, sink);

        assertThat(source.name()).isEqualTo(kind);
        assertThat(read).isEqualTo(4);
        assertThat(sink.events).extracting(Event::occurredAt).containsExactly(Instant.parse(FIRST), Instant.parse(DAY_AHEAD));
        assertThat(sink.rejections).hasSize(2);
        // Each source words a time before 2000 its own way, with the value as the file gives it.
        assertThat(sink.rejections.get(0).reason()).contains(BEFORE.substring(0, 19)).contains("before 2000-01-01");
        assertThat(sink.rejections.get(1).reason()).startsWith("occurred_at " + TOO_FAR
                + " is more than a day after the moment of ingest (2025-10-03T06:00:00Z) in " + name + " line ");
    }

    @Test
    void aMomentOfIngestNoTimestampCanHoldIsTheClocksFaultNotTheEvents() {
        // A clock past the year 9999: the event is plausible for it and storable; the commit fails on the
        // clock instead (the collector then sets nothing aside: CollectorAppTest), and no event is blamed.
        Instant receivedAt = Instant.parse("+10000-01-01T00:00:00Z");
        Event event = new Event("e-1", Instant.parse("9999-12-31T23:00:00Z"), "user", null, "jsonl", null, "login",
                "core", null, null, "web", "success", null, null);

        assertThat(PlausibleValues.problem(event, receivedAt)).isEmpty();
        assertThat(PlausibleValues.problem(event, Instant.parse("9999-12-31T12:00:00Z"))).isEmpty();
    }
}
