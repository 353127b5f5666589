package io.uptake.jobs.publish;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.uptake.jobs.Frames;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConcurrentStagingTest {

    private static SparkSession spark;

    @TempDir
    Path marts;

    @BeforeAll
    static void startSpark() {
        spark = Frames.localSpark("ConcurrentStagingTest");
    }

    @Test
    void aMartReadsTheMartsItWaitsForAndRowCountsComeInPlannedOrder() throws IOException {
        MartWriter writer = writer();
        Map<String, Long> rows;
        try (ConcurrentStaging staging = new ConcurrentStaging(writer, "run", 3)) {
            staging.stage("numbers", List.of(), () -> spark.range(5).toDF("n"), "n");
            staging.stage("letters", List.of(), () -> spark.range(2).selectExpr("char(65 + id) as letter"), "letter");
            // Reads the staged "numbers": stagedPath() throws unless that mart is staged already.
            staging.stage("evens", List.of("numbers"),
                    () -> spark.read().parquet(writer.stagedPath("numbers")).where("n % 2 = 0"), "n");
            staging.stage("pairs", List.of("evens", "letters"),
                    () -> spark.read().parquet(writer.stagedPath("evens"))
                            .crossJoin(spark.read().parquet(writer.stagedPath("letters"))), "n", "letter");
            rows = staging.awaitAll();
        }
        writer.swapIn();

        assertThat(rows).containsExactly(Map.entry("numbers", 5L), Map.entry("letters", 2L),
                Map.entry("evens", 3L), Map.entry("pairs", 6L));
        List<Row> pairs = spark.read().parquet(marts.resolve("pairs").toString()).collectAsList();
        assertThat(pairs).extracting(Row::toString)
                .containsExactly("[0,A]", "[0,B]", "[2,A]", "[2,B]", "[4,A]", "[4,B]");
    }

    @Test
    void aFailureIsThrownOnceEveryMartHasStoppedAndItsDependentsAreNeverBuilt() throws IOException {
        MartWriter writer = writer();
        AtomicBoolean dependentBuilt = new AtomicBoolean();
        try (ConcurrentStaging staging = new ConcurrentStaging(writer, "run", 2)) {
            staging.stage("fine", List.of(), () -> spark.range(3).toDF("n"), "n");
            staging.stage("broken", List.of(), () -> {
                throw new IllegalArgumentException("costs.csv holds two currencies");
            });
            staging.stage("dependent", List.of("broken"), () -> {
                dependentBuilt.set(true);
                return spark.range(1).toDF("n");
            });

            assertThatThrownBy(staging::awaitAll)
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessage("costs.csv holds two currencies");
        }

        assertThat(dependentBuilt).isFalse();
        assertThat(writer.rowsWritten()).containsOnlyKeys("fine");
    }

    @Test
    void aMartCannotWaitForOneNotPlannedBeforeIt() throws IOException {
        try (ConcurrentStaging staging = new ConcurrentStaging(writer(), "run", 1)) {
            assertThatThrownBy(() -> staging.stage("summary", List.of("monthly"), () -> spark.range(1).toDF("n")))
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessage("mart monthly is read before it is planned");
        }
    }

    private MartWriter writer() throws IOException {
        Files.createDirectories(marts);
        return new MartWriter(spark.sparkContext().hadoopConfiguration(), marts.toUri().toString(), "run");
    }
}
