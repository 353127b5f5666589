package io.uptake.dashboard.i18n;

import io.javalin.http.Context;
import io.javalin.http.Cookie;
import io.javalin.http.SameSite;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The language a request is answered in: the {@code lang} query parameter if it names a supported
 * language, else the {@value #COOKIE} cookie, else the first supported language of
 * {@code Accept-Language} by its q weights, else English.
 *
 * <p>The pages keep the reader's choice in the URL and in the browser's local storage, which the
 * server never sees; so a page requested with a supported {@code ?lang=} also sets the
 * {@value #COOKIE} cookie ({@link #remember}). The sign-in POST and the API calls a page makes carry
 * no {@code lang} of their own, and get their messages in the page's language through the cookie.
 * The cookie is not HttpOnly (a language is no secret) and is same-site {@code Lax}.
 */
public final class RequestLanguage {

    public static final String COOKIE = "uptake_lang";
    public static final String PARAMETER = "lang";
    /** As long as the browser's local storage keeps the choice: until the reader changes it. */
    private static final int COOKIE_MAX_AGE = (int) Duration.ofDays(365).toSeconds();

    private RequestLanguage() {}

    public static Language of(Context ctx) {
        return Language.of(ctx.queryParam(PARAMETER))
                .or(() -> Language.of(ctx.cookie(COOKIE)))
                .or(() -> accepted(ctx.header("Accept-Language")))
                .orElse(Language.EN);
    }

    /**
     * For a page: a supported {@code ?lang=} is remembered in the {@value #COOKIE} cookie, unless the
     * cookie says so already.
     */
    public static void remember(Context ctx) {
        Optional<Language> asked = Language.of(ctx.queryParam(PARAMETER));
        if (asked.isEmpty() || asked.equals(Language.of(ctx.cookie(COOKIE)))) {
            return;
        }
        ctx.cookie(new Cookie(COOKIE, asked.get().tag(), "/", COOKIE_MAX_AGE, ctx.req().isSecure(), false, null,
                SameSite.LAX));
    }

    /** The first supported language of an {@code Accept-Language} header, by weight; q=0 means "not this". */
    static Optional<Language> accepted(String header) {
        if (header == null || header.isBlank()) {
            return Optional.empty();
        }
        List<Locale.LanguageRange> ranges;
        try {
            ranges = Locale.LanguageRange.parse(header);
        } catch (IllegalArgumentException e) {
            // A malformed header is the browser's mistake, not the reader's: answer in the default language.
            return Optional.empty();
        }
        return ranges.stream().filter(range -> range.getWeight() > 0)
                .map(range -> Language.of(range.getRange())).flatMap(Optional::stream).findFirst();
    }
}
