package io.uptake.dashboard.web;

import io.javalin.http.Context;
import io.javalin.http.Handler;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import io.uptake.dashboard.auth.Role;
import io.uptake.dashboard.view.Page;
import io.uptake.dashboard.view.PageList;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Properties;

/** The HTML pages: static shells whose scripts draw the charts from the JSON API. */
public final class PageController {

    public static final String LOGIN = "login";

    private final PageList pages;
    private final byte[] login;
    private final Map<String, byte[]> html = new LinkedHashMap<>();

    public PageController(PageList pages) {
        this.pages = pages;
        String echarts = echartsScript();
        login = resource(LOGIN).getBytes(StandardCharsets.UTF_8);
        String layout = resource("layout");
        pages.pages().forEach(page -> html.put(page.id(), page(layout, page.id(), echarts)));
    }

    /** The sign-in page, open to everyone. */
    public void login(Context ctx) {
        ctx.contentType("text/html; charset=utf-8").result(login);
    }

    /**
     * The handler serving one page. A signed-in role the page is not open to (a trainer's Overview) is
     * sent to the first page it may open, with the same query (filters, language), rather than to a
     * page of empty 403s.
     */
    public Handler page(Page page) {
        byte[] body = html.get(page.id());
        return ctx -> {
            Role role = Sessions.account(ctx).role();
            if (!page.allows(role)) {
                String query = ctx.queryString();
                ctx.redirect("/" + pages.allowedTo(role).get(0) + (query == null || query.isEmpty() ? "" : "?" + query));
                return;
            }
            ctx.contentType("text/html; charset=utf-8").result(body);
        };
    }

    public void home(Context ctx) {
        String query = ctx.queryString();
        ctx.redirect("/" + pages.pages().get(0).id() + (query == null || query.isEmpty() ? "" : "?" + query));
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
