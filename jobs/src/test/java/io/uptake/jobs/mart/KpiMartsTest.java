package io.uptake.jobs.mart;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.uptake.jobs.Frames;
import io.uptake.warehouse.Marts;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.functions;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.Test;

/** The registry is the job's plan: each descriptor must be true of the mart it describes. */
class KpiMartsTest {

    @Test
    void theRegistryHoldsTheSeventeenMartsOfTheKpiDefinitionsOnceEachAfterTheMartsTheyRead() {
        // docs/kpis.md, "Marts": 4 adoption, 3 freshness, 4 training, 2 ROI, 4 rollout and goals.
        assertThat(KpiMarts.ALL).extracting(Mart::name).containsExactlyInAnyOrder(
                Marts.ADOPTION_DAILY, Marts.MODULE_ADOPTION, Marts.USER_ACTIVITY, Marts.LIFECYCLE_WEEKLY,
                Marts.SOURCE_FRESHNESS, Marts.RECORD_FRESHNESS, Marts.RECORD_OWNERS,
                Marts.TRAINING_GAP, Marts.TEAMS_NEEDING_HELP, Marts.TRAINING_EFFECT, Marts.TRAINING_USERS,
                Marts.ROI_MONTHLY, Marts.ROI_SUMMARY,
                Marts.ROLLOUT_CURVE, Marts.WAVE_SUMMARY, Marts.GOALS_STATUS, Marts.MANAGER_SUPPORT);
        List<String> before = new ArrayList<>();
        for (Mart mart : KpiMarts.ALL) {
            assertThat(before).as(mart.name() + " reads").containsAll(mart.reads());
            before.add(mart.name());
        }
    }

    @Test
    void keysAndSortColumnsAreColumnsOfTheMartAndRequiredInputsAreOptionalInputs() {
        for (Mart mart : KpiMarts.ALL) {
            List<String> columns = Arrays.asList(mart.schema().fieldNames());
            assertThat(mart.keys()).as(mart.name()).isNotEmpty();
            assertThat(columns).as(mart.name()).containsAll(mart.keys()).containsAll(mart.order());
            assertThat(RunInputs.OPTIONAL).as(mart.name()).containsAll(mart.requires());
        }
    }

    @Test
    void aMartReadingAnotherRequiresEveryInputThatOneRequires() {
        // Otherwise it would be planned after a mart that is never staged, and read nothing as if it were.
        for (Mart mart : KpiMarts.ALL) {
            for (String read : mart.reads()) {
                if (!read.equals(Marts.ROI_MONTHLY) || !mart.name().equals(Marts.GOALS_STATUS)) {
                    assertThat(mart.requires()).as(mart.name() + " reads " + read)
                            .containsAll(KpiMarts.named(read).requires());
                }
            }
        }
        // goals_status is the one exception: without costs its roi_cum goals say why, the others are evaluated.
        assertThat(KpiMarts.named(Marts.GOALS_STATUS).requires()).containsExactly(RunInputs.GOALS);
    }

    @Test
    void aMartWhoseFunctionGivesAColumnOfAnotherTypeFailsByNameAndColumn() {
        SparkSession spark = Frames.localSpark("KpiMartsTest");
        Mart waves = KpiMarts.named(Marts.WAVE_SUMMARY);
        Dataset<Row> wrong = spark.createDataFrame(List.of(RowFactory.create("wave-1", null, 3, null, null, null)),
                StructType.fromDDL("wave STRING, go_live_date DATE, users INT, days_to_50pct INT, days_to_80pct INT,"
                        + " adoption_rate_now DOUBLE"));

        assertThatThrownBy(() -> waves.conform(wrong)).isInstanceOf(IllegalStateException.class)
                .hasMessage("wave_summary.users is int but its descriptor says bigint");
        assertThatThrownBy(() -> waves.conform(wrong.withColumn("extra", functions.lit(1))))
                .hasMessage("wave_summary has columns its descriptor does not list: [extra]");
        // In the descriptor's order, whatever the function's.
        Dataset<Row> right = wrong.withColumn("users", functions.col("users").cast("bigint"));
        assertThat(waves.conform(right.select("users", "wave", "go_live_date", "days_to_50pct", "days_to_80pct",
                "adoption_rate_now")).columns()).containsExactly(waves.schema().fieldNames());
    }
}
