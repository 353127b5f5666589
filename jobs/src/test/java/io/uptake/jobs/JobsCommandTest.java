package io.uptake.jobs;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** The command line; each case here ends before a SparkSession is started. */
class JobsCommandTest {

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    @Test
    void helpPrintsTheUsage() {
        assertThat(run("--help")).isZero();
        assertThat(out.toString(StandardCharsets.UTF_8)).isEqualTo(JobsCommand.USAGE + "\n");
    }

    @Test
    void anOptionWithoutItsValueIsAUsageError() {
        assertThat(run("--data", "/srv/uptake", "--master")).isEqualTo(2);
        assertThat(err.toString(StandardCharsets.UTF_8)).isEqualTo("jobs: --master needs a value\n" + JobsCommand.USAGE + "\n");
    }

    @Test
    void anUnknownOptionIsAUsageError() {
        assertThat(run("--mastr", "yarn")).isEqualTo(2);
        assertThat(err.toString(StandardCharsets.UTF_8)).startsWith("jobs: unknown option '--mastr'\n");
    }

    @Test
    void aLimitThatIsNotAPositiveWholeNumberIsAUsageError() {
        assertThat(run("--max-days", "ten")).isEqualTo(2);
        assertThat(run("--max-user-days", "0")).isEqualTo(2);
        assertThat(err.toString(StandardCharsets.UTF_8)).isEqualTo(
                "jobs: --max-days must be a whole number of at least 1, got 'ten'\n" + JobsCommand.USAGE + "\n"
                        + "jobs: --max-user-days must be a whole number of at least 1, got '0'\n" + JobsCommand.USAGE + "\n");
    }

    @Test
    void aMasterOtherThanSparkSubmitsIsRefused() {
        // spark-submit hands its master to the main class as the spark.master system property.
        System.setProperty("spark.master", "spark://spark-master:7077");
        try {
            assertThat(run("--master", "local[2]")).isEqualTo(2);
        } finally {
            System.clearProperty("spark.master");
        }
        assertThat(err.toString(StandardCharsets.UTF_8)).startsWith("jobs: --master local[2] differs from spark-submit's"
                + " master spark://spark-master:7077; give the master to spark-submit only\n");
    }

    @Test
    void anIntervalThatIsNotAPositiveWholeNumberIsAUsageError() {
        assertThat(run("--watch", "--interval", "0.5")).isEqualTo(2);
        assertThat(err.toString(StandardCharsets.UTF_8)).isEqualTo(
                "jobs: --interval must be a whole number of seconds, at least 1, got '0.5'\n" + JobsCommand.USAGE + "\n");
    }

    @Test
    void anIntervalWithoutWatchIsAUsageError() {
        assertThat(run("--interval", "60")).isEqualTo(2);
        assertThat(err.toString(StandardCharsets.UTF_8)).startsWith("jobs: --interval is for --watch only\n");
    }

    @Test
    void watchingFollowsTodayAndRefusesAnAsOfDate() {
        assertThat(run("--watch", "--as-of", "2025-10-03")).isEqualTo(2);
        assertThat(err.toString(StandardCharsets.UTF_8)).startsWith(
                "jobs: --as-of cannot be combined with --watch: a watching service follows today's date\n");
    }

    @Test
    void theUsageNamesWatchAndItsInterval() {
        assertThat(run("--watch", "--help")).isZero();
        assertThat(out.toString(StandardCharsets.UTF_8)).startsWith("Usage: ./uptake jobs [--data DIR|URI]"
                + " [--as-of YYYY-MM-DD] [--full] [--master URL] [--max-days N] [--max-user-days N]"
                + " [--watch [--interval SECONDS]]\n");
    }

    private int run(String... args) {
        return JobsCommand.run(args, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
    }
}
