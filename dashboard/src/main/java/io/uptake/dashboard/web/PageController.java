package io.uptake.dashboard.web;

import io.javalin.http.Context;
import io.javalin.http.Handler;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import io.uptake.dashboard.auth.Role;
import io.uptake.dashboard.view.Page;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;

/** The HTML pages: static shells whose scripts draw the charts from the JSON API. */
public final class PageController {

    public static final String LOGIN = "login";
    public static final List<String> PAGES = Arrays.stream(Page.values()).map(Page::id).toList();

    private final Map<String, byte[]> html = new LinkedHashMap<>();

    public PageController() {
        String echarts = echartsScript();
        html.put(LOGIN, resource(LOGIN).getBytes(StandardCharsets.UTF_8));
        String layout = resource("layout");
        PAGES.forEach(page -> html.put(page, page(layout, page, echarts)));
    }

    /**
     * The handler serving one page. A signed-in role the page is not open to (a trainer's Overview) is
     * sent to the first page it may open, rather than to a page of empty 403s.
     */
    public Handler page(String name) {
        byte[] body = html.get(name);
        Optional<Page> page = Page.of(name);
        return ctx -> {
            if (page.isPresent()) {
                Role role = Sessions.account(ctx).role();
                if (!page.get().allows(role)) {
                    ctx.redirect("/" + Page.allowedTo(role).get(0));
                    return;
                }
            }
            ctx.contentType("text/html; charset=utf-8").result(body);
        };
    }

    public void home(Context ctx) {
        ctx.redirect("/" + PAGES.get(0));
    }

    /** ECharts from its WebJar, at the version the build pinned: the pages need no network. */
    static String echartsScript() {
        try (InputStream in = PageController.class.getResourceAsStream("/META-INF/maven/org.webjars/echarts/pom.properties")) {
            if (in == null) {
                throw new IllegalStateException("the ECharts WebJar is missing from the classpath");
            }
            Properties properties = new Properties();
            properties.load(in);
            return "/webjars/echarts/" + properties.getProperty("version") + "/echarts.min.js";
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * A page: the layout (header, navigation, filters) around the page's own content, whose first
     * line names its title: {@code <!-- title: Overview -->}.
     */
    private static byte[] page(String layout, String page, String echarts) {
        String content = resource(page);
        String firstLine = content.lines().findFirst().orElse("");
        if (!firstLine.startsWith("<!-- title: ")) {
            throw new IllegalStateException("page " + page + " does not start with <!-- title: ... -->");
        }
        String title = firstLine.substring("<!-- title: ".length(), firstLine.length() - " -->".length());
        return layout.replace("{{title}}", title).replace("{{page}}", page).replace("{{echarts}}", echarts)
                .replace("{{content}}", content.substring(firstLine.length()).strip())
                .getBytes(StandardCharsets.UTF_8);
    }

    private static String resource(String name) {
        String resource = "/io/uptake/dashboard/pages/" + name + ".html";
        try (InputStream in = PageController.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("page " + resource + " is missing from the classpath");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
