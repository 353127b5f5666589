package io.uptake.dashboard.web;

import com.fasterxml.jackson.databind.JsonNode;
import io.javalin.http.Context;
import io.uptake.dashboard.DashboardException;
import io.uptake.dashboard.auth.Account;
import io.uptake.dashboard.auth.Accounts;
import io.uptake.dashboard.auth.SessionStore;
import io.uptake.dashboard.view.PageList;
import io.uptake.dashboard.auth.SignInThrottle;
import java.time.temporal.ChronoUnit;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sign-in, sign-out and who-am-I. A refused sign-in is answered in the request's language: the login
 * page's {@code ?lang=} reaches this POST through the language cookie.
 */
public final class AuthController {

    private static final Logger LOG = LoggerFactory.getLogger(AuthController.class);

    /** What the pages need to know of the signed-in account. */
    public record Me(String username, String role, List<String> teams, List<String> pages) {
        static Me of(Account account, PageList pages) {
            return new Me(account.username(), account.role().id(), account.teams(), pages.allowedTo(account.role()));
        }
    }

    private final Accounts accounts;
    private final SessionStore sessions;
    private final SignInThrottle throttle;
    private final PageList pages;

    public AuthController(Accounts accounts, SessionStore sessions, SignInThrottle throttle, PageList pages) {
        this.pages = pages;
        this.accounts = accounts;
        this.sessions = sessions;
        this.throttle = throttle;
    }

    /** {@code POST /api/v1/login} with {@code {"username": .., "password": ..}}: a new session on success. */
    public void login(Context ctx) {
        JsonNode body;
        try {
            body = ctx.bodyAsClass(JsonNode.class);
        } catch (Exception e) {
            // Jackson's parse errors arrive undeclared through Javalin's Kotlin code.
            throw new DashboardException(DashboardException.Code.BAD_REQUEST, "login_body_expected",
                    "{\"username\": \"...\", \"password\": \"...\"}");
        }
        String username = body == null ? "" : body.path("username").asText("");
        String password = body == null ? "" : body.path("password").asText("");
        if (username.isEmpty() || password.isEmpty()) {
            throw new DashboardException(DashboardException.Code.BAD_REQUEST, "login_fields_required");
        }
        throttle.attempt(username, ctx.ip()).ifPresent(refusal -> {
            throw refused(ctx, username, refusal);
        });
        Account account = accounts.authenticate(username, password).orElseThrow(() -> {
            LOG.info("Failed sign-in for '{}' from {}", username, ctx.ip());
            return new DashboardException(DashboardException.Code.UNAUTHENTICATED, "wrong_password");
        });
        throttle.succeeded(username, ctx.ip());
        // A fresh id at every sign-in, so an id planted before sign-in is worth nothing.
        sessions.invalidate(Sessions.id(ctx));
        Sessions.setCookie(ctx, sessions.create(account));
        LOG.info("Signed in '{}' ({})", account.username(), account.role().id());
        ctx.json(Me.of(account, pages));
    }

    /** The answer to a throttled attempt; the same whether or not the username exists. */
    private static DashboardException refused(Context ctx, String username, SignInThrottle.Refusal refusal) {
        LOG.info("Refused sign-in for '{}' from {}: {} until {}", username, ctx.ip(),
                refusal.locked() ? "locked" : "throttled", refusal.until());
        ctx.header("Retry-After", Long.toString(refusal.retryAfterSeconds()));
        if (refusal.locked()) {
            return new DashboardException(DashboardException.Code.LOCKED, "sign_in_locked",
                    refusal.until().truncatedTo(ChronoUnit.SECONDS));
        }
        long seconds = refusal.retryAfterSeconds();
        return seconds == 1 ? new DashboardException(DashboardException.Code.THROTTLED, "sign_in_throttled_second")
                : new DashboardException(DashboardException.Code.THROTTLED, "sign_in_throttled", seconds);
    }

    /** {@code POST /api/v1/logout}: ends the session. */
    public void logout(Context ctx) {
        sessions.invalidate(Sessions.id(ctx));
        Sessions.clearCookie(ctx);
        ctx.status(204);
    }

    /** {@code GET /api/v1/me}. */
    public void me(Context ctx) {
        ctx.json(Me.of(Sessions.account(ctx), pages));
    }
}
