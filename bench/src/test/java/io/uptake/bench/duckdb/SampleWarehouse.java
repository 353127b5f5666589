package io.uptake.bench.duckdb;

import io.uptake.ingest.Ingest;
import io.uptake.ingest.IngestException;
import io.uptake.ingest.privacy.Pseudonymizer;
import io.uptake.jobs.JobConfig;
import io.uptake.jobs.KpiJob;
import io.uptake.sampledata.GenerateCommand;
import io.uptake.sampledata.Size;
import io.uptake.warehouse.DataLayout;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import org.apache.spark.sql.SparkSession;

/**
 * The {@code small} sample organisation (seed 42) as the product builds it: generated, ingested and
 * computed by the KPI job with a local Spark session and a fixed clock (the morning after the sample's
 * last day). Ingested are the inputs the benchmark reads: the reference files, the EventLogFiles of
 * {@code elf/} and the JSON lines of {@code jsonl/} (not the other products' exports). The peer's tests
 * read it; none may change it.
 */
record SampleWarehouse(Path input, DataLayout layout, GenerateCommand.Summary generated, KpiJob.Result run) {

    static final Instant RUN_TIME = Instant.parse("2026-01-01T06:00:00Z");

    Path warehouse() {
        return layout.warehouse();
    }

    static SampleWarehouse build(Path dir) throws IOException, IngestException {
        Path input = dir.resolve("input");
        GenerateCommand.Summary generated = GenerateCommand.generate(input, 42, Size.SMALL);
        DataLayout layout = new DataLayout(dir.resolve("data"));
        Clock clock = Clock.fixed(RUN_TIME, ZoneOffset.UTC);
        new Ingest(layout, Pseudonymizer.loadOrCreate(layout.keyFile()), clock, report -> { })
                .run(List.of(input.resolve("reference"), input.resolve("elf"), input.resolve("jsonl")));
        SparkSession spark = SparkSession.builder()
                .master("local[2]")
                .appName("DuckDbPeerTest")
                .config("spark.ui.enabled", "false")
                .config("spark.sql.shuffle.partitions", "2")
                .config("spark.sql.session.timeZone", "UTC")
                .getOrCreate();
        try {
            KpiJob.Result run = KpiJob.run(spark, new JobConfig(layout, Optional.empty(), "local[2]", clock));
            return new SampleWarehouse(input, layout, generated, run);
        } finally {
            spark.stop();
        }
    }
}
