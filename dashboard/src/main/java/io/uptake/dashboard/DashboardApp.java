package io.uptake.dashboard;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.javalin.Javalin;
import io.javalin.http.Context;
import io.javalin.http.staticfiles.Location;
import io.javalin.json.JavalinJackson;
import io.javalin.security.RouteRole;
import io.uptake.dashboard.auth.Accounts;
import io.uptake.dashboard.auth.SessionStore;
import io.uptake.dashboard.auth.SignInThrottle;
import io.uptake.dashboard.i18n.Language;
import io.uptake.dashboard.i18n.Messages;
import io.uptake.dashboard.i18n.RequestLanguage;
import io.uptake.dashboard.pages.Pages;
import io.uptake.dashboard.view.Page;
import io.uptake.dashboard.view.PageList;
import io.uptake.dashboard.web.Json;
import io.uptake.dashboard.snapshot.SnapshotStore;
import io.uptake.dashboard.web.AnswerCache;
import io.uptake.dashboard.web.AuthController;
import io.uptake.dashboard.web.CachedAnswers;
import io.uptake.dashboard.web.Csrf;
import io.uptake.dashboard.web.PageController;
import io.uptake.dashboard.web.Sessions;
import io.uptake.http.HttpServers;
import io.uptake.http.ServerOptions;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Wires the dashboard: one place for every route, the sign-in check and the response headers.
 * Returns an unstarted {@link Javalin}; the command starts it. Error answers are written in the
 * request's language ({@link RequestLanguage}); a page requested with {@code ?lang=} remembers it in a
 * cookie, so that the sign-in and the API calls that follow are answered in it too.
 */
public final class DashboardApp {

    private static final Logger LOG = LoggerFactory.getLogger(DashboardApp.class);

    /** Marks the routes open without sign-in. */
    public enum Access implements RouteRole { PUBLIC }

    static final String CONTENT_SECURITY_POLICY = "default-src 'self'; script-src 'self'; "
            + "style-src 'self' 'unsafe-inline'; img-src 'self' data: blob:; connect-src 'self'; object-src 'none'; "
            + "base-uri 'none'; form-action 'self'; frame-ancestors 'none'";

    /**
     * Jetty's response buffer, large enough for most pages' whole JSON, which then goes out in one write
     * with its Content-Length rather than in chunks. No larger: Jetty pools buffers of up to 64 KB only.
     */
    private static final int OUTPUT_BUFFER_BYTES = 64 * 1024;
    /** Marks a request whose error answer is written: the status's generic handler leaves it alone. */
    private static final String EXPLAINED = "uptake.error-explained";

    private DashboardApp() {}

    /** The JSON mapper of the API: snake_case names, ISO dates ({@link Json}). */
    public static ObjectMapper json() {
        return Json.mapper();
    }

    /**
     * Headers on every answer, Jetty's own error pages included: no inline script, no framing, no
     * content sniffing, no referrer.
     */
    static final Map<String, String> SECURITY_HEADERS = Map.of(
            "Content-Security-Policy", CONTENT_SECURITY_POLICY,
            "X-Content-Type-Options", "nosniff",
            "X-Frame-Options", "DENY",
            "Referrer-Policy", "no-referrer");

    /** The app over plain HTTP on every network interface. */
    public static Javalin create(Accounts accounts, SnapshotStore snapshots, Clock clock) {
        return create(accounts, snapshots, clock, ServerOptions.plain(ServerOptions.EVERY_INTERFACE, 0));
    }

    /** The app listening as {@code server} says: its host, HTTPS when it has a certificate, its trusted proxies. */
    public static Javalin create(Accounts accounts, SnapshotStore snapshots, Clock clock, ServerOptions server) {
        PageList pageList = new PageList(Pages.ALL);
        SessionStore sessions = new SessionStore(clock);
        AuthController auth = new AuthController(accounts, sessions, new SignInThrottle(clock), pageList);
        Csrf csrf = new Csrf();
        CachedAnswers answers = new CachedAnswers(snapshots, new AnswerCache(AnswerCache.DEFAULT_MAX_BYTES), json());
        PageController pages = new PageController(pageList);
        Set<String> pagePaths = new HashSet<>(List.of("/", "/" + PageController.LOGIN));
        pageList.pages().forEach(page -> pagePaths.add("/" + page.id()));

        return Javalin.create(config -> {
            config.startup.showJavalinBanner = false;
            config.jsonMapper(new JavalinJackson(json(), false));
            HttpServers.configure(config, server, SECURITY_HEADERS);
            config.jetty.modifyHttpConfiguration(http -> {
                http.setOutputBufferSize(OUTPUT_BUFFER_BYTES);
                http.setOutputAggregationSize(OUTPUT_BUFFER_BYTES);
            });
            config.staticFiles.add(files -> {
                files.hostedPath = "/assets";
                files.directory = "/io/uptake/dashboard/assets";
                files.location = Location.CLASSPATH;
                files.roles = Set.of(Access.PUBLIC);
            });
            // ECharts from its WebJar: public library code, cached for a year (the path holds the version).
            config.staticFiles.add(files -> {
                files.hostedPath = "/webjars";
                files.directory = "META-INF/resources/webjars";
                files.location = Location.CLASSPATH;
                files.roles = Set.of(Access.PUBLIC);
                files.headers = Map.of("Cache-Control", "max-age=31536000, immutable");
            });

            config.routes.before(DashboardApp::noStore);
            config.routes.before(ctx -> {
                if (pagePaths.contains(ctx.path())) {
                    RequestLanguage.remember(ctx);
                }
            });
            config.routes.before(csrf::check);
            config.routes.after(csrf::issue);
            config.routes.beforeMatched(ctx -> requireSignIn(ctx, sessions));

            config.routes.get("/", pages::home, Access.PUBLIC);
            config.routes.get("/login", pages::login, Access.PUBLIC);
            for (Page page : pageList.pages()) {
                config.routes.get("/" + page.id(), pages.page(page));
                config.routes.get("/api/v1/" + page.id(), ctx -> answers.serve(ctx, page));
            }

            config.routes.get("/api/v1/health", ctx -> health(ctx, snapshots), Access.PUBLIC);
            config.routes.post("/api/v1/login", auth::login, Access.PUBLIC);
            config.routes.post("/api/v1/logout", auth::logout, Access.PUBLIC);
            config.routes.get("/api/v1/me", auth::me);
            byte[] openApi = openApi();
            config.routes.get("/api/v1/openapi.json", ctx -> ctx.contentType("application/json").result(openApi));

            config.routes.exception(DashboardException.class, (e, ctx) ->
                    error(ctx, e.code().status(), e.code().id(), e.message(RequestLanguage.of(ctx))));
            config.routes.exception(Exception.class, (e, ctx) -> {
                LOG.error("Request {} {} failed", ctx.method(), ctx.path(), e);
                error(ctx, 500, "internal", Messages.text(RequestLanguage.of(ctx), "internal_error"));
            });
            config.routes.error(404, ctx -> {
                // A 404 the API already explained (an unknown team) keeps its own message.
                if (ctx.path().startsWith("/api/") && ctx.attribute(EXPLAINED) == null) {
                    error(ctx, 404, DashboardException.Code.NOT_FOUND.id(),
                            Messages.text(RequestLanguage.of(ctx), "no_such_endpoint", ctx.method(), ctx.path()));
                }
            });
        });
    }

    /** Every route but the public ones needs a live session; pages send the browser to sign in. */
    private static void requireSignIn(Context ctx, SessionStore sessions) {
        if (ctx.routeRoles().contains(Access.PUBLIC)) {
            return;
        }
        var account = sessions.touch(Sessions.id(ctx));
        if (account.isPresent()) {
            Sessions.signIn(ctx, account.get());
            return;
        }
        if (ctx.path().startsWith("/api/")) {
            throw new DashboardException(DashboardException.Code.UNAUTHENTICATED, "sign_in_first");
        }
        // The whole address, filters and language included, so a shared link keeps its point through sign-in.
        String query = ctx.queryString();
        String next = query == null || query.isEmpty() ? ctx.path() : ctx.path() + "?" + query;
        String lang = ctx.queryParam("lang");
        ctx.redirect("/login?next=" + URLEncoder.encode(next, StandardCharsets.UTF_8)
                + (lang == null || lang.isBlank() ? "" : "&lang=" + URLEncoder.encode(lang, StandardCharsets.UTF_8)));
        ctx.skipRemainingHandlers();
    }

    /** The OpenAPI document of the JSON API, written by hand beside the routes it describes. */
    private static byte[] openApi() {
        try (var in = DashboardApp.class.getResourceAsStream("/io/uptake/dashboard/api/openapi.json")) {
            if (in == null) {
                throw new IllegalStateException("the OpenAPI document is missing from the classpath");
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** API answers are per account and never cached. */
    private static void noStore(Context ctx) {
        if (ctx.path().startsWith("/api/")) {
            ctx.header("Cache-Control", "no-store");
        }
    }

    private static void health(Context ctx, SnapshotStore snapshots) {
        Map<String, Object> body = new LinkedHashMap<>();
        var serving = snapshots.current();
        var problem = snapshots.problem();
        Language language = RequestLanguage.of(ctx);
        // Still 200 when degraded: the server answers, from the last good snapshot if it has one.
        body.put("status", problem.isEmpty() ? "ok" : "degraded");
        problem.ifPresent(p -> {
            Map<String, Object> reason = new LinkedHashMap<>();
            reason.put("category", p.trouble().id());
            reason.put("message", p.message(language));
            body.put("problem", reason);
        });
        body.put("snapshot", serving.map(s -> {
            Map<String, Object> snapshot = new LinkedHashMap<>();
            snapshot.put("run_id", s.runId());
            snapshot.put("as_of", s.asOf().toString());
            snapshot.put("created_at", s.createdAt().toString());
            return snapshot;
        }).orElse(null));
        ctx.json(body);
    }

    private static void error(Context ctx, int status, String code, String message) {
        ctx.attribute(EXPLAINED, Boolean.TRUE);
        Map<String, String> body = new LinkedHashMap<>();
        body.put("error", code);
        body.put("message", message);
        ctx.status(status).json(body);
    }
}
