package io.uptake.jobs;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class WarehouseLocationTest {

    @Test
    void aHadoopUriIsTakenAsItIsWithTheLayoutOfDataMdInside() {
        WarehouseLocation hdfs = WarehouseLocation.of("hdfs://namenode:8020/uptake/");

        assertThat(hdfs.warehouse()).isEqualTo("hdfs://namenode:8020/uptake/warehouse");
        assertThat(hdfs.commits()).isEqualTo("hdfs://namenode:8020/uptake/warehouse/_commits");
        assertThat(hdfs.mart("adoption_daily")).isEqualTo("hdfs://namenode:8020/uptake/warehouse/marts/adoption_daily");
        assertThat(hdfs.snapshot()).isEqualTo("hdfs://namenode:8020/uptake/warehouse/serving/snapshot.json");
        assertThat(WarehouseLocation.of("s3a://bucket/uptake").file("events/event_date=2025-10-01/part-1.parquet"))
                .isEqualTo("s3a://bucket/uptake/warehouse/events/event_date=2025-10-01/part-1.parquet");
    }

    @Test
    void aLocalPathBecomesAnAbsoluteFileUri() {
        String expected = Path.of("some/data").toAbsolutePath().normalize().toUri().toString();

        WarehouseLocation local = WarehouseLocation.of("./some/data");

        assertThat(local.dataUri()).startsWith("file:/").isEqualTo(expected.replaceAll("/$", ""));
        assertThat(local.table("users")).isEqualTo(local.dataUri() + "/warehouse/users");
    }
}
