package io.uptake.dashboard;

import static org.assertj.core.api.Assertions.assertThat;

import io.javalin.Javalin;
import io.uptake.dashboard.auth.Accounts;
import io.uptake.dashboard.snapshot.SnapshotStore;
import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The browser code is a set of ES modules served as they are, with no bundler to catch a broken
 * import: a name imported from a module that does not export it, or a script still calling the former
 * global Uptake, fails only in the browser. These checks fail the build instead, and keep the two
 * languages of every message dictionary in step.
 */
class DashboardAssetsTest {

    static final String ASSETS = "/io/uptake/dashboard/assets";
    static final Pattern IMPORT = Pattern.compile("^import \\{([^}]*)\\} from '\\./([\\w-]+\\.js)';$", Pattern.MULTILINE);
    static final Pattern KEY = Pattern.compile("^\\s*'([^']+)':\\s");
    static final Pattern BLOCK_END = Pattern.compile("^\\s*\\},?\\s*$");

    /** File name to source of every .js under assets/. */
    static Map<String, String> scripts;

    @BeforeAll
    static void read() throws IOException, URISyntaxException {
        Path dir = Path.of(Objects.requireNonNull(DashboardAssetsTest.class.getResource(ASSETS), ASSETS + " is not on the classpath").toURI());
        scripts = new TreeMap<>();
        try (Stream<Path> files = Files.list(dir)) {
            for (Path file : files.filter(f -> f.getFileName().toString().endsWith(".js")).toList()) {
                scripts.put(file.getFileName().toString(), Files.readString(file, StandardCharsets.UTF_8));
            }
        }
    }

    @Test
    void everyImportedNameIsExportedByTheImportedModule() {
        Set<String> imported = new LinkedHashSet<>();
        for (Map.Entry<String, String> script : scripts.entrySet()) {
            Matcher line = IMPORT.matcher(script.getValue());
            while (line.find()) {
                String module = line.group(2);
                assertThat(scripts).as("%s imports ./%s", script.getKey(), module).containsKey(module);
                imported.add(module);
                for (String name : line.group(1).split(",")) {
                    Pattern export = Pattern.compile("^export (async )?(function|const|let|class) " + Pattern.quote(name.strip()) + "\\b",
                            Pattern.MULTILINE);
                    assertThat(export.matcher(scripts.get(module)).find())
                            .as("%s imports %s from ./%s, which must export it", script.getKey(), name.strip(), module).isTrue();
                }
            }
        }
        // The page scripts import the shared modules; page.js alone imports api.js.
        assertThat(imported).containsExactlyInAnyOrder("i18n.js", "format.js", "api.js", "definitions.js", "filters.js",
                "tables.js", "charts.js", "page.js");
    }

    @Test
    void everyPageScriptStartsThePageCycleWithItsOwnApi() {
        for (String page : List.of("overview", "adoption", "training", "quality", "rollout", "roi")) {
            assertThat(scripts.get(page + ".js")).as(page)
                    .containsPattern("(?m)^import \\{[^}]*\\bstart\\b[^}]*\\} from '\\./page\\.js';$")
                    .contains("start('/api/v1/" + page + "', ");
        }
        assertThat(scripts.get("login.js")).contains("import { addMessages, lang, t } from './i18n.js';");
    }

    @Test
    void noScriptUsesTheFormerGlobals() {
        scripts.forEach((file, source) -> assertThat(source).as(file)
                .doesNotContainPattern("\\bUptake\\.\\w")
                .doesNotContain("UptakeMessages"));
    }

    @Test
    void everyMessageDictionaryHasTheSameKeysInBothLanguages() {
        List<String> dictionaries = new ArrayList<>();
        scripts.forEach((file, source) -> {
            List<Map<String, Set<String>>> blocks = dictionaries(source);
            for (int i = 0; i < blocks.size(); i++) {
                Map<String, Set<String>> keys = blocks.get(i);
                assertThat(keys.get("zh-CN")).as("%s dictionary %d: zh-CN keys = en keys", file, i + 1)
                        .containsExactlyInAnyOrderElementsOf(keys.get("en"));
                dictionaries.add(file);
            }
        });
        // i18n.js holds the shared dictionary; overview, training, quality, rollout, roi and login add their own.
        assertThat(dictionaries).containsExactlyInAnyOrder("i18n.js", "login.js", "overview.js", "quality.js", "roi.js", "rollout.js", "training.js");
        Map<String, Set<String>> shared = dictionaries(scripts.get("i18n.js")).get(0);
        assertThat(shared.get("en")).contains("nav.overview", "empty.no_snapshot", "action.download_csv");
        assertThat(dictionaries(scripts.get("login.js")).get(0).get("en"))
                .containsExactly("login.title", "login.username", "login.password", "login.submit", "login.failed");
    }

    @Test
    void pagesLoadOneModuleScriptThatTheServerSendsAsJavaScript(@TempDir Path dir) throws Exception {
        String layout = resource("/io/uptake/dashboard/pages/layout.html");
        assertThat(layout).contains("<script type=\"module\" src=\"/assets/{{page}}.js\"></script>")
                .doesNotContain("<script src=\"/assets/");
        Javalin app = DashboardApp.create(new Accounts(List.of()),
                new SnapshotStore(dir.resolve("serving/snapshot.json"), new TestClock(Instant.parse("2026-01-01T08:00:00Z")), DashboardApp.json()),
                new TestClock(Instant.parse("2026-01-01T08:00:00Z"))).start(0);
        try {
            HttpClient http = HttpClient.newHttpClient();
            HttpResponse<String> login = get(http, app, "/login");
            assertThat(login.body()).contains("<script type=\"module\" src=\"/assets/login.js\"></script>");
            // A browser refuses a module whose Content-Type is not JavaScript (and nosniff is on).
            for (String file : scripts.keySet()) {
                HttpResponse<String> script = get(http, app, "/assets/" + file);
                assertThat(script.statusCode()).as(file).isEqualTo(200);
                assertThat(script.headers().firstValue("Content-Type").orElseThrow()).as(file).contains("javascript");
            }
        } finally {
            app.stop();
        }
    }

    /** The { en: {...}, 'zh-CN': {...} } blocks of a script, in order: language to its keys. */
    static List<Map<String, Set<String>>> dictionaries(String source) {
        List<Map<String, Set<String>>> blocks = new ArrayList<>();
        Map<String, Set<String>> block = null;
        Set<String> keys = null;
        for (String line : source.lines().toList()) {
            String trimmed = line.strip();
            if (trimmed.equals("en: {")) {
                block = new TreeMap<>();
                blocks.add(block);
                keys = new LinkedHashSet<>();
                block.put("en", keys);
            } else if (trimmed.equals("'zh-CN': {") && block != null) {
                keys = new LinkedHashSet<>();
                block.put("zh-CN", keys);
            } else if (keys != null && BLOCK_END.matcher(line).matches()) {
                keys = null;
            } else if (keys != null) {
                Matcher key = KEY.matcher(line);
                if (key.find()) {
                    assertThat(keys.add(key.group(1))).as("message key %s appears once", key.group(1)).isTrue();
                }
            }
        }
        return blocks;
    }

    static String resource(String name) throws IOException {
        try (var in = Objects.requireNonNull(DashboardAssetsTest.class.getResourceAsStream(name), name + " is not on the classpath")) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    static HttpResponse<String> get(HttpClient http, Javalin app, String path) throws IOException, InterruptedException {
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + app.port() + path)).GET().build();
        return http.send(request, HttpResponse.BodyHandlers.ofString());
    }
}
