package io.uptake.system;

import static org.assertj.core.api.Assertions.assertThat;

import io.uptake.ingest.Ingest;
import io.uptake.warehouse.DataLayout;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.statistics.Statistics;

/**
 * Any damage to any input format: ingest commits what it can, quarantines the rest with a reason, or
 * refuses the file with a message naming it, and every record read is accounted for, in its report and
 * in the warehouse alike. Nothing escapes as an exception.
 */
class DamagedInputProperties {

    @Property(tries = 120)
    void aDamagedInputIsIngestedOrRefusedByNameAndEveryRecordReadIsInTheWarehouseOrInQuarantine(
            @ForAll("formats") String format, @ForAll("damages") List<InputDamage> damages, @ForAll Random random)
            throws IOException {
        Path dir = Files.createTempDirectory("uptake-damage-");
        try {
            byte[] bytes = Specimens.bytes(format);
            String name = Specimens.all().get(format);
            for (InputDamage damage : damages) {
                bytes = damage.apply(name, bytes, random);
            }
            Path input = Specimens.write(dir.resolve("input"), format, bytes);
            DataLayout layout = new DataLayout(dir.resolve("data"));

            Specimens.Outcome outcome = Specimens.ingest(layout, input);

            String what = format + " after " + damages;
            outcome.refusal().ifPresent(message -> assertThat(message).as(what).contains(input.getFileName().toString()));
            long committed = 0;
            long quarantined = 0;
            for (Ingest.InputReport report : outcome.reports()) {
                assertThat(report.read()).as(what).isEqualTo(report.committed() + report.duplicates() + report.quarantined());
                quarantined += report.quarantined();
                committed += Specimens.ofEvents(report) ? report.committed() : 0;
            }
            boolean nothingCommitted = outcome.refusal().isPresent();
            assertThat(Specimens.liveEvents(layout)).as(what).isEqualTo(nothingCommitted ? 0 : committed);
            assertThat(Specimens.liveQuarantine(layout)).as(what).isEqualTo(nothingCommitted ? 0 : quarantined);
            Statistics.collect(outcome.refusal().isPresent() ? "refused"
                    : outcome.reports().stream().anyMatch(Ingest.InputReport::wasSkipped) ? "not recognised" : "ingested");
        } finally {
            delete(dir);
        }
    }

    @Provide
    Arbitrary<String> formats() {
        return Arbitraries.of(Specimens.formats());
    }

    @Provide
    Arbitrary<List<InputDamage>> damages() {
        return Arbitraries.of(InputDamage.class).list().ofMinSize(1).ofMaxSize(3);
    }

    private static void delete(Path dir) throws IOException {
        try (Stream<Path> walk = Files.walk(dir)) {
            for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }
}
