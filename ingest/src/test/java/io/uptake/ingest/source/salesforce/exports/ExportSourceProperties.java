package io.uptake.ingest.source.salesforce.exports;

import static org.assertj.core.api.Assertions.assertThat;

import io.uptake.ingest.Event;
import io.uptake.ingest.source.Damage;
import io.uptake.ingest.source.EventSource;
import io.uptake.ingest.source.SourceContract;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Random;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.Size;

/**
 * Whatever bytes a Salesforce export or download holds, its source returns, and every record it read
 * became exactly one event or one rejection (DATA.md 2.3, nothing lost): random bytes, valid files
 * damaged the ways real files are, and changes that must not change the events at all. No reason,
 * source event type or error code carries an {@code @}: no username or e-mail leaves the file. Each
 * export source's properties are these, given its source and valid files.
 */
public abstract class ExportSourceProperties {

    private static final List<Damage> DAMAGE = Damage.toCsv();

    private final SourceContract contract;
    private final List<String> files;

    protected ExportSourceProperties(EventSource source, List<String> files) {
        this.contract = SourceContract.of(source, "Fuzz.csv").withHeader().oneRecordALine().withholding("@")
                .also((bytes, sink) -> sink.events.forEach(ExportSourceProperties::namesNoPerson));
        this.files = List.copyOf(files);
    }

    @Property(tries = 300)
    void randomBytesAreToldApartWithoutAnExceptionAndParsedIfTheyLookLikeThisSourcesFiles(
            @ForAll @Size(max = 3000) byte[] bytes) throws IOException {
        contract.parseIfRecognised(bytes);
    }

    @Property(tries = 300)
    void randomBytesGivenToTheParserAnywayEndAsEventsAndRejectionsOnly(@ForAll @Size(max = 3000) byte[] bytes)
            throws IOException {
        contract.parse(bytes);
    }

    @Property(tries = 300)
    void aValidHeaderFollowedByRandomBytesKeepsEveryRecordReadAsOneEventOrOneRejection(
            @ForAll("files") String file, @ForAll @Size(max = 3000) byte[] body) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        bytes.writeBytes(file.substring(0, file.indexOf('\n') + 1).getBytes(StandardCharsets.UTF_8));
        bytes.writeBytes(body);
        contract.parse(bytes.toByteArray());
    }

    @Property(tries = 500)
    void damagedFilesNeverEscapeTheParserAndEveryRecordReadIsOneEventOrOneRejection(
            @ForAll("files") String file, @ForAll("damage") List<Damage> damage, @ForAll Random random) throws IOException {
        contract.parseIfRecognised(Damage.applyAll(damage, file, random).getBytes(StandardCharsets.UTF_8));
    }

    @Property(tries = 50)
    void aByteOrderMarkAndCrLfLineEndsChangeNoEventAndNoRejection(
            @ForAll("files") String file, @ForAll boolean bom, @ForAll boolean crlf) throws IOException {
        contract.assertSameOutcome(file, SourceContract.withByteOrderMarkAndLineEnds(file, bom, crlf));
    }

    @Property(tries = 100)
    void columnsInAnotherOrderGiveTheSameEventsWithTheSameIds(@ForAll("files") String file, @ForAll Random random)
            throws IOException {
        contract.assertSameEvents(file, Damage.shuffleColumns(file, random));
    }

    @Property(tries = 100)
    void aDuplicatedRowIsReadAgainAndGivesAnEventWithTheSameId(@ForAll("files") String file, @ForAll Random random)
            throws IOException {
        SourceContract.Outcomes outcomes = contract.assertARepeatedLineAddsNoId(file, 1, random);

        assertThat(outcomes.after().events).hasSize(outcomes.before().events.size() + 1);
    }

    @Provide
    Arbitrary<String> files() {
        return Arbitraries.of(files);
    }

    @Provide
    Arbitrary<List<Damage>> damage() {
        return Damage.lists(DAMAGE, 1, 6);
    }

    /** An event is keyed by a person's key, and carries no username or address where a type or a code belongs. */
    private static void namesNoPerson(Event event) {
        assertThat(event.userKey()).matches("[0-9a-f]{64}");
        assertThat(event.sourceEventType()).doesNotContain("@");
        assertThat(event.errorCode() == null ? "" : event.errorCode()).doesNotContain("@");
    }
}
