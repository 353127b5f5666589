package io.uptake.ingest.source.salesforce.elf;

import static org.assertj.core.api.Assertions.assertThat;

import io.uptake.ingest.CollectingSink;
import io.uptake.ingest.TestFixtures;
import io.uptake.ingest.source.Damage;
import io.uptake.ingest.source.InputFile;
import io.uptake.ingest.source.ModuleMapping;
import io.uptake.ingest.source.SourceContext;
import io.uptake.ingest.source.SourceContract;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.Size;
import net.jqwik.api.statistics.Statistics;

/**
 * Whatever bytes an EventLogFile holds, the parser returns, and every record it read became exactly
 * one event or one rejection (DATA.md 2.3, nothing lost): random bytes, valid exports mutated the ways
 * real exports go wrong, and changes that must not change the events at all. A file is parsed as the
 * ingest parses it: only when {@link EventLogFileParser#isEventLogFile} finds an EVENT_TYPE header
 * (a header the CSV parser cannot read, e.g. with broken quoting, makes it skip the whole file).
 */
class EventLogFileParserProperties {

    private static final String INPUT = "Fuzz.csv";

    /** RestApi ELF: a create through the sObject API and a failed query, all columns filled. */
    private static final String REST_API_CSV = """
            "EVENT_TYPE","TIMESTAMP","REQUEST_ID","USER_ID","METHOD","URI","REQUEST_STATUS","STATUS_CODE","RUN_TIME","ENTITY_NAME","TIMESTAMP_DERIVED","USER_ID_DERIVED"
            "RestApi","20251001100000.000","4R1","005Aa00000BcDeF","POST","/services/data/v60.0/sobjects/Opportunity/006Aa00000XyZwQ","S","201","42","Opportunity","2025-10-01T10:00:00.000Z","005Aa00000BcDeFIAV"
            "RestApi","20251001100100.000","4R2","005Kq00000mNoPr","GET","/services/data/v60.0/query","F","500","1200.7","","2025-10-01T10:01:00.000Z","005Kq00000mNoPrIAK"
            """;

    private static final List<String> EXPORTS = List.of(TestFixtures.LOGIN_CSV, TestFixtures.PAGE_VIEW_CSV, REST_API_CSV);

    private static final List<Damage> DAMAGE = Damage.toCsv();

    private final EventLogFileParser parser = new EventLogFileParser(TestFixtures.pseudonymizer(), ModuleMapping.defaults());
    /** Line 1 is the header, never a record. */
    private final SourceContract contract = SourceContract.of(new EventLogFileSource(SourceContext.of(TestFixtures.pseudonymizer())),
            INPUT).withHeader();

    @Property(tries = 300)
    void randomBytesAreToldApartFromAnEventLogFileWithoutAnExceptionAndParsedIfTheyLookLikeOne(
            @ForAll @Size(max = 3000) byte[] bytes) throws IOException {
        contract.parseIfRecognised(bytes);
    }

    @Property(tries = 300)
    void aValidHeaderFollowedByRandomBytesKeepsEveryRecordReadAsOneEventOrOneRejection(
            @ForAll("exports") String export, @ForAll @Size(max = 3000) byte[] body) throws IOException {
        String header = export.substring(0, export.indexOf('\n') + 1);
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        bytes.writeBytes(header.getBytes(StandardCharsets.UTF_8));
        bytes.writeBytes(body);
        contract.parseRecognised(bytes.toByteArray());
    }

    @Property(tries = 500)
    void mutatedExportsNeverEscapeTheParserAndEveryRecordReadIsOneEventOrOneRejection(
            @ForAll("exports") String export, @ForAll("damage") List<Damage> damage, @ForAll Random random) throws IOException {
        contract.parseIfRecognised(Damage.applyAll(damage, export, random).getBytes(StandardCharsets.UTF_8));
    }

    @Property(tries = 500)
    void theFastReadOfSalesforcesStrictCsvGivesExactlyWhatCommonsCsvGives(
            @ForAll("exports") String export, @ForAll("littleDamage") List<Damage> damage, @ForAll Random random)
            throws IOException {
        String text = Damage.applyAll(damage, export, random);
        Path file = Files.createTempFile("elf-", ".csv");
        try {
            // Encoded as the other properties encode: a lone surrogate becomes '?'.
            Files.write(file, text.getBytes(StandardCharsets.UTF_8));
            CollectingSink fast = new CollectingSink();
            CollectingSink commons = new CollectingSink();

            long fastRead = parser.parse(new InputFile(file, INPUT), fast);
            long commonsRead = parser.parseWithCommonsCsv(new InputFile(file, INPUT), commons);

            assertThat(fast.events).isEqualTo(commons.events);
            assertThat(fast.rejections).isEqualTo(commons.rejections);
            assertThat(fastRead).isEqualTo(commonsRead);
            Statistics.collect(QuotedCsv.records(text.getBytes(StandardCharsets.UTF_8)) == null ? "not strict" : "strict");
        } finally {
            Files.delete(file);
        }
    }

    @Property(tries = 50)
    void aByteOrderMarkAndCrLfLineEndsChangeNoEventAndNoRejection(
            @ForAll("exports") String export, @ForAll boolean bom, @ForAll boolean crlf) throws IOException {
        contract.assertSameOutcome(export, SourceContract.withByteOrderMarkAndLineEnds(export, bom, crlf));
    }

    @Property(tries = 200)
    void columnsInAnotherOrderGiveTheSameEventsWithTheSameIds(@ForAll("exports") String export, @ForAll Random random)
            throws IOException {
        // A short row cannot be reordered like the header; it stays as it is and is rejected either way.
        contract.assertSameEvents(export, Damage.shuffleColumns(export, random));
    }

    @Property(tries = 100)
    void aDuplicatedRowIsReadAgainAndGivesAnEventWithTheSameIdOrASecondRejection(
            @ForAll("exports") String export, @ForAll Random random) throws IOException {
        contract.assertARepeatedLineAddsNoId(export, 1, random);
    }

    @Provide
    Arbitrary<String> exports() {
        return Arbitraries.of(EXPORTS);
    }

    @Provide
    Arbitrary<List<Damage>> damage() {
        return Damage.lists(DAMAGE, 1, 6);
    }

    @Provide
    Arbitrary<List<Damage>> littleDamage() {
        return Damage.lists(DAMAGE, 0, 3);
    }
}
