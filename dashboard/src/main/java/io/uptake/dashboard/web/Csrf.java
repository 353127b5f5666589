package io.uptake.dashboard.web;

import io.javalin.http.Context;
import io.javalin.http.Cookie;
import io.javalin.http.HandlerType;
import io.javalin.http.SameSite;
import io.uptake.dashboard.DashboardException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Cross-site request forgery defence by double submit. The browser gets a random token in the cookie
 * {@value #COOKIE} (same-site only, and not HttpOnly so that this site's scripts can read it); every
 * state-changing request must send it back in the header {@value #HEADER}. Another site can make a
 * browser send the cookie but can neither read it nor set the header. A state-changing request whose
 * {@code Origin} names another site is refused too.
 */
public final class Csrf {

    public static final String COOKIE = "uptake_csrf";
    public static final String HEADER = "X-CSRF-Token";
    /** Safe methods change nothing; every other method, including unknown ones, needs the token. */
    private static final Set<HandlerType> SAFE = Set.of(HandlerType.GET, HandlerType.HEAD, HandlerType.OPTIONS,
            HandlerType.TRACE, HandlerType.QUERY);
    /** 32 random bytes in unpadded base64url. */
    private static final Pattern TOKEN = Pattern.compile("[A-Za-z0-9_-]{43}");
    private static final String ME = "/api/v1/me";

    private final SecureRandom random = new SecureRandom();

    /** Before every request: a state-changing one must come from this site and carry the token. */
    public void check(Context ctx) {
        if (SAFE.contains(ctx.method())) {
            return;
        }
        String origin = ctx.header("Origin");
        String own = origin(ctx);
        if (origin != null && !origin.toLowerCase(Locale.ROOT).equals(own.toLowerCase(Locale.ROOT))) {
            throw new DashboardException(DashboardException.Code.CSRF, "csrf_cross_origin", origin, own);
        }
        String cookie = token(ctx);
        if (cookie == null) {
            throw new DashboardException(DashboardException.Code.CSRF, "csrf_no_cookie", COOKIE, HEADER);
        }
        String header = ctx.header(HEADER);
        if (header == null || header.isEmpty()) {
            throw new DashboardException(DashboardException.Code.CSRF, "csrf_no_header", HEADER, COOKIE);
        }
        if (!MessageDigest.isEqual(header.getBytes(StandardCharsets.UTF_8), cookie.getBytes(StandardCharsets.UTF_8))) {
            throw new DashboardException(DashboardException.Code.CSRF, "csrf_mismatch", HEADER, COOKIE);
        }
    }

    /**
     * After every request: an HTML page, or {@code GET /api/v1/me}, gives a browser without a token a
     * new one. An existing token is kept, so several open tabs keep working.
     */
    public void issue(Context ctx) {
        if (!HandlerType.GET.equals(ctx.method()) || token(ctx) != null) {
            return;
        }
        String contentType = ctx.res().getContentType();
        boolean page = contentType != null && contentType.startsWith("text/html");
        if (page || ctx.path().equals(ME)) {
            byte[] bytes = new byte[32];
            random.nextBytes(bytes);
            String token = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
            ctx.cookie(new Cookie(COOKIE, token, "/", -1, Sessions.secure(ctx), false, null, SameSite.STRICT));
        }
    }

    /**
     * This site's origin as the browser sees it: the scheme, host and port of the request, which a
     * trusted proxy may have set (HTTPS in front of plain HTTP here); the default port is left out.
     */
    private static String origin(Context ctx) {
        String scheme = ctx.req().getScheme();
        int port = ctx.req().getServerPort();
        boolean usual = port == (scheme.equals("https") ? 443 : 80);
        return scheme + "://" + ctx.req().getServerName() + (usual ? "" : ":" + port);
    }

    /** The well-formed token the browser sent in the cookie, or null. */
    private static String token(Context ctx) {
        String value = ctx.cookie(COOKIE);
        return value != null && TOKEN.matcher(value).matches() ? value : null;
    }
}
