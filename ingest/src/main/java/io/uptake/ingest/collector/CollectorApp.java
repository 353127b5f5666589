package io.uptake.ingest.collector;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import io.javalin.Javalin;
import io.javalin.http.Context;
import io.javalin.json.JavalinJackson;
import io.uptake.http.HttpServers;
import io.uptake.http.ServerOptions;
import io.uptake.ingest.privacy.Pseudonymizer;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Wires the HTTP collector: its routes, its errors and the life cycle of its {@link Collector}.
 * Returns an unstarted {@link Javalin}. Starting it replays the write-ahead log and starts the
 * flusher before the port opens; stopping it closes the port, then commits everything accepted.
 */
public final class CollectorApp {

    private static final Logger LOG = LoggerFactory.getLogger(CollectorApp.class);

    /** On every answer, Jetty's own error pages included. */
    private static final Map<String, String> HEADERS = Map.of("X-Content-Type-Options", "nosniff", "Cache-Control", "no-store");

    private CollectorApp() {}

    /** The collector over plain HTTP on every network interface. */
    public static Javalin create(CollectorConfig config, Pseudonymizer pseudonymizer, Clock clock) {
        return create(config, pseudonymizer, clock, ServerOptions.plain(ServerOptions.EVERY_INTERFACE, 0));
    }

    /** The collector listening as {@code server} says: its host, HTTPS when it has a certificate, its trusted proxies. */
    public static Javalin create(CollectorConfig config, Pseudonymizer pseudonymizer, Clock clock, ServerOptions server) {
        Collector collector = new Collector(config, pseudonymizer, clock);
        CollectorController events = new CollectorController(config, collector);

        return Javalin.create(app -> {
            app.startup.showJavalinBanner = false;
            app.jsonMapper(new JavalinJackson(new ObjectMapper()
                    .setPropertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE), false));
            app.http.maxRequestSize = config.maxBodyBytes();
            HttpServers.configure(app, server, HEADERS);

            app.events.serverStarting(collector::start);
            app.events.serverStartFailed(collector::close);
            // In-flight appends finish before the port closes; the commit of everything waits for the stop.
            app.events.serverStopping(collector::stopAccepting);
            app.events.serverStopped(collector::close);

            app.routes.post("/v1/events", events::postEvents);
            app.routes.get("/v1/health", events::health);

            app.routes.exception(CollectorException.class, (e, ctx) -> {
                if (e.code() == CollectorException.Code.BACKLOG_FULL) {
                    ctx.header("Retry-After", Long.toString(config.retryAfterSeconds()));
                }
                if (e.code() == CollectorException.Code.UNAVAILABLE) {
                    // Busy or stopping: a body in flight ends within a second or so, a restart soon after.
                    ctx.header("Retry-After", "1");
                }
                if (e.code() == CollectorException.Code.UNAUTHENTICATED) {
                    ctx.header("WWW-Authenticate", "Bearer");
                }
                error(ctx, e.code().status(), e.code().id(), e.getMessage());
            });
            app.routes.exception(Exception.class, (e, ctx) -> {
                LOG.error("Request {} {} failed", ctx.method(), ctx.path(), e);
                error(ctx, 500, "internal", "Internal error, nothing of this request was accepted: retry; "
                        + "the collector's log has the details");
            });
            app.routes.error(404, ctx -> error(ctx, 404, "not_found",
                    "No such endpoint: " + ctx.method() + " " + ctx.path() + " (POST /v1/events, GET /v1/health)"));
        });
    }

    private static void error(Context ctx, int status, String code, String message) {
        Map<String, String> body = new LinkedHashMap<>();
        body.put("error", code);
        body.put("message", message);
        ctx.status(status).json(body);
    }
}
