package io.uptake.ingest.source.microsoft365;

import static io.uptake.ingest.source.microsoft365.AuditRecords.EVENTS;
import static io.uptake.ingest.source.microsoft365.AuditRecords.EXCHANGE_MAIL_ACCESSED;
import static io.uptake.ingest.source.microsoft365.AuditRecords.LAST_CENTURY;
import static io.uptake.ingest.source.microsoft365.AuditRecords.UNKNOWN_USER;
import static io.uptake.ingest.source.microsoft365.AuditRecords.quoted;
import static org.assertj.core.api.Assertions.assertThat;

import io.uptake.ingest.TestFixtures;
import io.uptake.ingest.source.Damage;
import io.uptake.ingest.source.SourceContext;
import io.uptake.ingest.source.SourceContract;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.Size;

/**
 * Whatever a file holds, the source returns, and every record it read became exactly one event or one
 * rejection (DATA.md 2.3, nothing lost): random bytes, and valid exports and API content in each shape
 * the source reads, damaged the ways files go wrong.
 */
class Dynamics365SourceProperties {

    private static final String INPUT = "fuzz.data";

    private static final List<String> RECORDS = new ArrayList<>(EVENTS);

    static {
        RECORDS.add(EXCHANGE_MAIL_ACCESSED);
        RECORDS.add(LAST_CENTURY);
        RECORDS.add(UNKNOWN_USER);
    }

    /** The records in the new Purview export, the API's one-line and pretty content, and JSON lines. */
    private static final List<String> FILES = List.of(purviewCsv(), AuditRecords.contentBlob(RECORDS),
            "[\n  " + String.join(",\n  ", RECORDS) + "\n]\n", AuditRecords.jsonLines(RECORDS));

    /** The damage any JSON suffers, and an audit record's; now and then a value past the line limit. */
    private static final List<Damage> DAMAGE = Damage.concat(Damage.toJson(AuditLogParser.MAX_LINE_CHARS + 1),
            Damage.of("DEEP_NESTING", (text, random) -> {
                int depth = 1 + random.nextInt(200);
                return text.replaceFirst("\"Fields\":\\[\\]", "\"Fields\":" + "[".repeat(depth) + "]".repeat(depth));
            }),
            Damage.of("HUGE_NUMBER", (text, random) -> text.replaceFirst("\"UserType\":0", "\"UserType\":" + "9".repeat(1 + random.nextInt(300)))),
            Damage.of("ANOTHER_WORKLOAD", (text, random) -> text.replaceFirst("\"Workload\":\"CRM\"", "\"Workload\":\"SharePoint\"")));

    private final SourceContract contract = SourceContract.of(new Dynamics365Source(SourceContext.of(TestFixtures.pseudonymizer())),
            INPUT);

    private static String purviewCsv() {
        StringBuilder csv = new StringBuilder(Dynamics365SourceTest.PURVIEW_HEADER).append('\n');
        for (String record : RECORDS) {
            csv.append(String.join(",", "", quoted("2025-10-01T09:00:03.0000000Z "), "21", "Retrieve",
                    "ada.lovelace@example.com", quoted(record), "", "")).append('\n');
        }
        return csv.toString();
    }

    @Property(tries = 300)
    void randomBytesNeverEscapeTheSourceAndEveryRecordReadIsOneEventOrOneRejection(
            @ForAll @Size(max = 3000) byte[] bytes) throws IOException {
        contract.parse(bytes);
    }

    @Property(tries = 500)
    void damagedFilesNeverEscapeTheSourceAndEveryRecordReadIsOneEventOrOneRejection(
            @ForAll("files") String file, @ForAll("damage") List<Damage> damage, @ForAll Random random) throws IOException {
        SourceContract.collectStatistics(contract.parse(Damage.applyAll(damage, file, random)));
    }

    @Property(tries = 40)
    void aByteOrderMarkAndCrLfLineEndsChangeNoEventAndNoRejection(
            @ForAll("files") String file, @ForAll boolean bom, @ForAll boolean crlf) throws IOException {
        SourceContract.Outcomes outcomes = contract.assertSameOutcome(file, SourceContract.withByteOrderMarkAndLineEnds(file, bom, crlf));

        assertThat(outcomes.before().events).hasSize(EVENTS.size());
    }

    @Provide
    Arbitrary<String> files() {
        return Arbitraries.of(FILES);
    }

    @Provide
    Arbitrary<List<Damage>> damage() {
        return Damage.lists(DAMAGE, 1, 6);
    }
}
