package io.uptake.ingest.collector;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.uptake.ingest.TestFixtures;
import io.uptake.warehouse.DataLayout;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CollectorCommandTest {

    static final String NO_TOKEN = "no ingest token: set the environment variable UPTAKE_INGEST_TOKEN or pass "
            + "--token-file FILE (there is no default token)";

    @TempDir
    Path tmp;

    private static CollectorCommand.Options parse(Map<String, String> env, String... args) throws Exception {
        return CollectorCommand.parse(args, env);
    }

    @Test
    void refusesToStartWithoutAToken() {
        assertThatThrownBy(() -> parse(Map.of(), "--data", tmp.toString()))
                .isInstanceOf(CollectorCommand.UsageException.class)
                .hasMessage(NO_TOKEN);
        assertThatThrownBy(() -> parse(Map.of(CollectorCommand.TOKEN_ENV, "  "), "--data", tmp.toString()))
                .hasMessage(NO_TOKEN);
    }

    @Test
    void takesTheTokenFromTheEnvironmentWithTheDocumentedDefaults() throws Exception {
        CollectorCommand.Options options = parse(Map.of(CollectorCommand.TOKEN_ENV, "env-token-0123456789"));

        assertThat(options.port()).isEqualTo(7071);
        assertThat(options.config()).isEqualTo(new CollectorConfig(DataLayout.of("./data"), "env-token-0123456789",
                5L * 1024 * 1024, 100_000, Duration.ofSeconds(30), 64L * 1024 * 1024, 200_000, Duration.ofSeconds(30), 4));
        assertThat(options.config().walDir()).isEqualTo(Path.of("data", "collector-wal").toAbsolutePath());
        assertThat(options.config().toString()).doesNotContain("env-token-0123456789");
    }

    @Test
    void takesTheTokenFileOverTheEnvironment() throws Exception {
        Path file = TestFixtures.write(tmp.resolve("token"), "file-token-0123456789\n");

        CollectorCommand.Options options = parse(Map.of(CollectorCommand.TOKEN_ENV, "env-token-0123456789"),
                "--token-file", file.toString(), "--data", tmp.toString(), "--port", "0", "--flush-interval", "0.25",
                "--max-backlog", "10", "--max-body-bytes", "1000", "--max-in-flight", "2");

        assertThat(options.port()).isZero();
        assertThat(options.config().token()).isEqualTo("file-token-0123456789");
        assertThat(options.config().layout()).isEqualTo(new DataLayout(tmp));
        assertThat(options.config().flushInterval()).isEqualTo(Duration.ofMillis(250));
        assertThat(options.config().maxBacklog()).isEqualTo(10);
        assertThat(options.config().maxBodyBytes()).isEqualTo(1000);
        assertThat(options.config().maxInFlight()).isEqualTo(2);
        assertThat(options.config().retryAfterSeconds()).isEqualTo(1);
    }

    @Test
    void refusesAnEmptyOrMissingTokenFile() {
        Path empty = TestFixtures.write(tmp.resolve("empty"), " \n");
        Path missing = tmp.resolve("missing");

        assertThatThrownBy(() -> parse(Map.of(), "--token-file", empty.toString()))
                .hasMessage("the token file " + empty + " is empty: put the ingest token in it");
        assertThatThrownBy(() -> parse(Map.of(), "--token-file", missing.toString()))
                .hasMessage("cannot read the token file " + missing + " (--token-file)");
    }

    @Test
    void namesTheBadOptionOrValue() {
        Map<String, String> env = Map.of(CollectorCommand.TOKEN_ENV, "env-token-0123456789");

        assertThatThrownBy(() -> parse(env, "--port", "70000"))
                .hasMessage("--port must be a whole number from 0 to 65535, got '70000'");
        assertThatThrownBy(() -> parse(env, "--flush-interval", "0"))
                .hasMessage("--flush-interval must be a positive number of seconds (such as 30 or 0.5), got '0'");
        assertThatThrownBy(() -> parse(env, "--flush-interval", "soon"))
                .hasMessage("--flush-interval must be a positive number of seconds (such as 30 or 0.5), got 'soon'");
        assertThatThrownBy(() -> parse(env, "--max-backlog", "0"))
                .hasMessage("--max-backlog must be a whole number from 1 to 9223372036854775807, got '0'");
        assertThatThrownBy(() -> parse(env, "--verbose", "yes")).hasMessage("unknown option '--verbose'");
        assertThatThrownBy(() -> parse(env, "--data")).hasMessage("--data needs a value");
        assertThatThrownBy(() -> parse(env, "events.jsonl")).hasMessage("unexpected argument 'events.jsonl'");
    }

    @Test
    void withoutATokenTheProgramExits2WithTheMessageAndNoStackTrace() throws Exception {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        ProcessBuilder builder = new ProcessBuilder(java, "-Xmx64m", "-XX:TieredStopAtLevel=1",
                "-cp", System.getProperty("java.class.path"), CollectorCommand.class.getName(), "--data", tmp.toString())
                .redirectErrorStream(true);
        builder.environment().remove(CollectorCommand.TOKEN_ENV);
        Process process = builder.start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();

        assertThat(process.exitValue()).as(output).isEqualTo(2);
        List<String> lines = output.lines().toList();
        assertThat(lines.get(0)).isEqualTo("collect: " + NO_TOKEN);
        assertThat(lines.get(1)).startsWith("Usage: ./uptake collect [--data DIR] [--port N] [--token-file FILE]");
        assertThat(output).doesNotContain("Exception").doesNotContain("\tat ");
    }
}
