package io.uptake.bench;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The dashboard under load from {@code wrk}, a second process on loopback, signed in as the executive:
 * a paced run (each connection waits so that all of them together send about {@code rate} requests a
 * second) for the latency at that rate, and an unpaced run for the peak rate.
 */
final class LoadTest {

    /** One wrk run: requests a second achieved and the 99th-percentile latency in milliseconds. */
    record Result(double requestsPerSecond, double p99Millis) {}

    private static final Pattern RATE = Pattern.compile("Requests/sec:\\s+([\\d.]+)");
    private static final Pattern P99 = Pattern.compile("\\s99%\\s+([\\d.]+)(us|ms|s)\\b");
    private static final String PACING = """
            -- Each connection waits between requests so that all connections together send about
            -- UPTAKE_RATE requests a second.
            local rate = tonumber(os.getenv("UPTAKE_RATE"))
            local connections = tonumber(os.getenv("UPTAKE_CONNECTIONS"))
            function delay()
              return 1000 * connections / rate
            end
            """;

    private final String baseUrl;
    private final Path work;
    private final String cookie;

    private LoadTest(String baseUrl, Path work, String cookie) {
        this.baseUrl = baseUrl;
        this.work = work;
        this.cookie = cookie;
    }

    /** Signs in (CSRF cookie from the sign-in page, then the JSON sign-in) and keeps the session cookie. */
    static LoadTest signedIn(String baseUrl, Path work, String username, String password)
            throws IOException, InterruptedException {
        HttpClient http = HttpClient.newHttpClient();
        HttpResponse<String> page = http.send(HttpRequest.newBuilder(URI.create(baseUrl + "/login")).build(),
                HttpResponse.BodyHandlers.ofString());
        String csrf = cookie(page, "uptake_csrf");
        HttpRequest login = HttpRequest.newBuilder(URI.create(baseUrl + "/api/v1/login"))
                .header("Content-Type", "application/json")
                .header("Cookie", "uptake_csrf=" + csrf).header("X-CSRF-Token", csrf)
                .POST(HttpRequest.BodyPublishers.ofString(
                        "{\"username\":\"" + username + "\",\"password\":\"" + password + "\"}"))
                .build();
        HttpResponse<String> answer = http.send(login, HttpResponse.BodyHandlers.ofString());
        if (answer.statusCode() != 200) {
            throw new IOException("signing in to " + baseUrl + " as " + username + " answered " + answer.statusCode()
                    + ": " + answer.body());
        }
        return new LoadTest(baseUrl, work, "uptake_session=" + cookie(answer, "uptake_session"));
    }

    /** The session cookie, for a browser or another client. */
    String cookie() {
        return cookie;
    }

    /** About {@code rate} requests a second over {@code connections} connections for {@code seconds}. */
    Result paced(String path, int rate, int connections, int seconds) throws IOException {
        Path script = work.resolve("pacing.lua");
        Files.writeString(script, PACING);
        return wrk(path, connections, seconds, List.of("-s", script.toString()),
                Map.of("UPTAKE_RATE", Integer.toString(rate), "UPTAKE_CONNECTIONS", Integer.toString(connections)));
    }

    /** As many requests as {@code connections} connections can send in {@code seconds}. */
    Result peak(String path, int connections, int seconds) throws IOException {
        return wrk(path, connections, seconds, List.of(), Map.of());
    }

    private Result wrk(String path, int connections, int seconds, List<String> extra, Map<String, String> env)
            throws IOException {
        List<String> command = new ArrayList<>(List.of("wrk", "-t", "1", "-c", Integer.toString(connections),
                "-d", seconds + "s", "--latency", "-H", "Cookie: " + cookie));
        command.addAll(extra);
        command.add(baseUrl + path);
        ChildProcess.Run run = ChildProcess.run(command, env, work, work.resolve("wrk.log"));
        if (run.output().contains("Non-2xx")) {
            throw new IOException("wrk got errors from " + baseUrl + path + ":\n" + run.output());
        }
        return new Result(number(RATE, run.output()), p99Millis(run.output()));
    }

    private static double p99Millis(String output) throws IOException {
        Matcher m = P99.matcher(output);
        if (!m.find()) {
            throw new IOException("no 99% latency in wrk's output:\n" + output);
        }
        double value = Double.parseDouble(m.group(1));
        return switch (m.group(2)) {
            case "us" -> value / 1000;
            case "s" -> value * 1000;
            default -> value;
        };
    }

    private static double number(Pattern pattern, String output) throws IOException {
        Matcher m = pattern.matcher(output);
        if (!m.find()) {
            throw new IOException("no " + pattern.pattern() + " in wrk's output:\n" + output);
        }
        return Double.parseDouble(m.group(1));
    }

    private static String cookie(HttpResponse<?> response, String name) throws IOException {
        return response.headers().allValues("Set-Cookie").stream()
                .filter(c -> c.startsWith(name + "="))
                .map(c -> c.split(";", 2)[0].substring(name.length() + 1))
                .findFirst()
                .orElseThrow(() -> new IOException(response.uri() + " set no " + name + " cookie"));
    }

    static String describe(Result r) {
        return String.format(Locale.ROOT, "%.0f req/s, p99 %.2f ms", r.requestsPerSecond(), r.p99Millis());
    }
}
