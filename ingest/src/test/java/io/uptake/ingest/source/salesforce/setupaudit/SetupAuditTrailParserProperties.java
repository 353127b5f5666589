package io.uptake.ingest.source.salesforce.setupaudit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import io.uptake.ingest.CollectingSink;
import io.uptake.ingest.Event;
import io.uptake.ingest.Rejection;
import io.uptake.ingest.TestFixtures;
import io.uptake.ingest.source.InputFile;
import io.uptake.ingest.source.People;
import io.uptake.ingest.source.salesforce.exports.ExportDamage;
import io.uptake.ingest.source.salesforce.exports.ExportDamage.Mutation;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
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
 * Whatever bytes a Setup Audit Trail file holds, the parser returns, and every record it read became exactly
 * one event or one rejection (DATA.md 2.3, nothing lost): random bytes, valid files damaged the ways
 * real files are, and changes that must not change the events at all.
 */
class SetupAuditTrailParserProperties {

    private static final String INPUT = "Fuzz.csv";

    private static final List<String> FILES = List.of(SetupAuditTrailParserTest.OBJECT_EXPORT, SetupAuditTrailParserTest.DOWNLOAD);

    private final SetupAuditTrailParser parser = new SetupAuditTrailParser(TestFixtures.pseudonymizer(),
            People.none(TestFixtures.pseudonymizer()));

    @Property(tries = 300)
    void randomBytesAreToldApartWithoutAnExceptionAndParsedIfTheyLookLikeASetupAuditTrail(
            @ForAll @Size(max = 3000) byte[] bytes) throws IOException {
        parseAsTheIngestDoes(bytes);
    }

    @Property(tries = 300)
    void randomBytesGivenToTheParserAnywayEndAsEventsAndRejectionsOnly(@ForAll @Size(max = 3000) byte[] bytes)
            throws IOException {
        check(bytes);
    }

    @Property(tries = 300)
    void aValidHeaderFollowedByRandomBytesKeepsEveryRecordReadAsOneEventOrOneRejection(
            @ForAll("files") String file, @ForAll @Size(max = 3000) byte[] body) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        bytes.writeBytes(file.substring(0, file.indexOf('\n') + 1).getBytes(StandardCharsets.UTF_8));
        bytes.writeBytes(body);
        check(bytes.toByteArray());
    }

    @Property(tries = 500)
    void damagedFilesNeverEscapeTheParserAndEveryRecordReadIsOneEventOrOneRejection(
            @ForAll("files") String file, @ForAll @Size(min = 1, max = 6) List<Mutation> mutations,
            @ForAll Random random) throws IOException {
        String text = file;
        for (Mutation mutation : mutations) {
            text = mutation.apply(text, random);
        }
        parseAsTheIngestDoes(text.getBytes(StandardCharsets.UTF_8));
    }

    @Property(tries = 50)
    void aByteOrderMarkAndCrLfLineEndsChangeNoEventAndNoRejection(
            @ForAll("files") String file, @ForAll boolean bom, @ForAll boolean crlf) throws IOException {
        String changed = (bom ? "\uFEFF" : "") + (crlf ? file.replace("\n", "\r\n") : file);

        CollectingSink original = check(file.getBytes(StandardCharsets.UTF_8));
        CollectingSink sink = check(changed.getBytes(StandardCharsets.UTF_8));

        assertThat(sink.events).isEqualTo(original.events);
        assertThat(sink.rejections).isEqualTo(original.rejections);
    }

    @Property(tries = 100)
    void columnsInAnotherOrderGiveTheSameEventsWithTheSameIds(@ForAll("files") String file, @ForAll Random random)
            throws IOException {
        CollectingSink original = check(file.getBytes(StandardCharsets.UTF_8));
        CollectingSink sink = check(ExportDamage.shuffleColumns(file, random).getBytes(StandardCharsets.UTF_8));

        assertThat(sink.events).isEqualTo(original.events);
        assertThat(sink.rejections).extracting(Rejection::line, Rejection::reason)
                .isEqualTo(original.rejections.stream().map(r -> tuple(r.line(), r.reason())).toList());
    }

    @Property(tries = 100)
    void aDuplicatedRowIsReadAgainAndGivesAnEventWithTheSameId(@ForAll("files") String file, @ForAll Random random)
            throws IOException {
        List<String> lines = new ArrayList<>(file.lines().toList());
        int row = 1 + random.nextInt(lines.size() - 1);
        lines.add(row + 1, lines.get(row));

        CollectingSink original = check(file.getBytes(StandardCharsets.UTF_8));
        CollectingSink sink = check((String.join("\n", lines) + "\n").getBytes(StandardCharsets.UTF_8));

        assertThat(sink.events).hasSize(original.events.size() + 1);
        // The ingest de-duplicates by id: the copy adds no id of its own.
        assertThat(sink.events.stream().map(Event::eventId).distinct().toList())
                .isEqualTo(original.events.stream().map(Event::eventId).toList());
    }

    @Provide
    Arbitrary<String> files() {
        return Arbitraries.of(FILES);
    }

    /** What the ingest does with a file: parse it when this source recognises it. Deciding must not throw either. */
    private void parseAsTheIngestDoes(byte[] bytes) throws IOException {
        Path file = Files.createTempFile("setupaudit-", ".csv");
        try {
            Files.write(file, bytes);
            if (SetupAuditTrailParser.isSetupAuditTrail(InputFile.of(file))) {
                CollectingSink sink = check(bytes);
                Statistics.collect(sink.events.isEmpty() ? "no event" : "events",
                        sink.rejections.isEmpty() ? "no rejection" : "rejections");
            } else {
                Statistics.collect("not recognised", "-");
            }
        } finally {
            Files.delete(file);
        }
    }

    private CollectingSink check(byte[] bytes) throws IOException {
        return ExportDamage.check(parser::parse, bytes, INPUT);
    }
}
