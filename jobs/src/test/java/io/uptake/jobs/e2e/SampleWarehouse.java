package io.uptake.jobs.e2e;

import io.uptake.ingest.Ingest;
import io.uptake.ingest.IngestException;
import io.uptake.ingest.privacy.Pseudonymizer;
import io.uptake.jobs.Frames;
import io.uptake.jobs.JobConfig;
import io.uptake.jobs.KpiJob;
import io.uptake.sampledata.GenerateCommand;
import io.uptake.sampledata.Size;
import io.uptake.warehouse.DataLayout;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import org.apache.spark.sql.SparkSession;

/**
 * The {@code small} sample organisation generated, ingested and computed by the jobs once per test
 * JVM (with a fixed clock: the morning after the sample's last day), shared by the end-to-end and
 * notebook tests so the two minutes it takes are spent once. Tests read it; none may change it.
 */
record SampleWarehouse(Path input, GenerateCommand.Summary generated, DataLayout layout,
                       List<Ingest.InputReport> reports, RawInputOracle oracle, KpiJob.Result result) {

    /** The injected clock of ingest and the job. */
    static final Instant RUN_TIME = Instant.parse("2026-01-01T06:00:00Z");

    private static SampleWarehouse built;

    /** The sample warehouse, built on first use. */
    static synchronized SampleWarehouse get() {
        if (built == null) {
            try {
                built = build(Files.createTempDirectory("uptake-sample-"));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            } catch (IngestException e) {
                throw new IllegalStateException("the sample did not ingest: " + e.getMessage(), e);
            }
        }
        return built;
    }

    /** The shared local Spark session (restarted if a test stopped it). */
    SparkSession spark() {
        return Frames.localSpark("SampleWarehouse");
    }

    private static SampleWarehouse build(Path dir) throws IOException, IngestException {
        Path input = dir.resolve("input");
        GenerateCommand.Summary generated = GenerateCommand.generate(input, 42, Size.SMALL);
        DataLayout layout = new DataLayout(dir.resolve("data"));
        Clock clock = Clock.fixed(RUN_TIME, ZoneOffset.UTC);
        Ingest ingest = new Ingest(layout, Pseudonymizer.loadOrCreate(layout.keyFile()), clock, report -> { });
        List<Ingest.InputReport> reports = ingest.run(List.of(input));
        RawInputOracle oracle = RawInputOracle.read(input);
        KpiJob.Result result = KpiJob.run(Frames.localSpark("SampleWarehouse"),
                new JobConfig(layout, Optional.empty(), "local[2]", clock));
        return new SampleWarehouse(input, generated, layout, reports, oracle, result);
    }
}
