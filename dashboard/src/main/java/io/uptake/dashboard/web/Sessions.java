package io.uptake.dashboard.web;

import io.javalin.http.Context;
import io.javalin.http.Cookie;
import io.javalin.http.SameSite;
import io.uptake.dashboard.DashboardException;
import io.uptake.dashboard.auth.Account;

/** The session cookie, and the signed-in account of a request. */
public final class Sessions {

    public static final String COOKIE = "uptake_session";
    private static final String ACCOUNT = "uptake.account";

    private Sessions() {}

    /** The session id the browser sent, if any. */
    public static String id(Context ctx) {
        return ctx.cookie(COOKIE);
    }

    /** Sets the session cookie: script-proof, same-site only, and Secure when served over TLS. */
    public static void setCookie(Context ctx, String sessionId) {
        ctx.cookie(new Cookie(COOKIE, sessionId, "/", -1, secure(ctx), true, null, SameSite.STRICT));
    }

    public static void clearCookie(Context ctx) {
        ctx.cookie(new Cookie(COOKIE, "", "/", 0, secure(ctx), true, null, SameSite.STRICT));
    }

    /** Records the account of a request whose session was checked. */
    public static void signIn(Context ctx, Account account) {
        ctx.attribute(ACCOUNT, account);
    }

    /** The account of a request that passed the sign-in check. */
    public static Account account(Context ctx) {
        Account account = ctx.attribute(ACCOUNT);
        if (account == null) {
            throw new DashboardException(DashboardException.Code.UNAUTHENTICATED, "sign_in_first");
        }
        return account;
    }

    /** True for a request that came over TLS: its cookies get the Secure flag. */
    static boolean secure(Context ctx) {
        return ctx.req().isSecure();
    }
}
