package io.uptake.dashboard.web;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.javalin.http.ContentType;
import io.javalin.http.Context;
import io.javalin.http.Header;
import io.uptake.dashboard.auth.Scope;
import io.uptake.dashboard.snapshot.ServingSnapshot;
import io.uptake.dashboard.snapshot.SnapshotStore;
import io.uptake.dashboard.view.Filters;
import io.uptake.dashboard.view.Page;
import io.uptake.dashboard.view.Visibility;
import io.uptake.dashboard.i18n.Language;
import io.uptake.dashboard.i18n.RequestLanguage;
import java.util.ArrayList;
import java.util.List;

/**
 * Answers a data endpoint from {@link AnswerCache}, after the same checks as ever: a signed-in role the
 * page is open to, and a snapshot. Every answer carries its entity tag; a caller whose
 * {@code If-None-Match} names it gets a 304 without the body.
 */
public final class CachedAnswers {

    private final SnapshotStore snapshots;
    private final AnswerCache cache;
    private final ObjectMapper json;

    public CachedAnswers(SnapshotStore snapshots, AnswerCache cache, ObjectMapper json) {
        this.snapshots = requireNonNull(snapshots, "snapshots is null");
        this.cache = requireNonNull(cache, "cache is null");
        this.json = requireNonNull(json, "json is null");
    }

    /** A page's API: its view of what the signed-in scope may see, under the request's filters, in its language. */
    public void serve(Context ctx, Page page) {
        Scope scope = Sessions.account(ctx).scope();
        page.requireAllowed(scope.role());
        ServingSnapshot snapshot = snapshots.require();
        Language language = RequestLanguage.of(ctx);
        List<String> key = new ArrayList<>(filters(ctx));
        key.add(language.tag());
        // Only answers that were built are cached: a refused filter (403, 404, 400) is checked every time.
        AnswerCache.Answer answer = cache.answer(snapshot, new AnswerCache.Key(scope, page.id(), key),
                () -> bytes(page.view().build(Visibility.of(ctx, snapshot, scope, language))));
        ctx.header(Header.ETAG, answer.etag());
        if (matches(ctx.header(Header.IF_NONE_MATCH), answer.etag())) {
            ctx.status(304);
            return;
        }
        ctx.contentType(ContentType.APPLICATION_JSON).result(answer.json());
    }

    /** The filter parameters as the views read them (the first value of each), blank ones as absent. */
    private static List<String> filters(Context ctx) {
        List<String> values = new ArrayList<>(Filters.PARAMETERS.size());
        for (String name : Filters.PARAMETERS) {
            String value = ctx.queryParam(name);
            values.add(value == null || value.isBlank() ? "" : value);
        }
        return values;
    }

    /** {@code If-None-Match}: {@code *} or a list of tags, compared weakly as RFC 9110 asks for GET. */
    static boolean matches(String ifNoneMatch, String etag) {
        if (ifNoneMatch == null) {
            return false;
        }
        for (String tag : ifNoneMatch.split(",")) {
            String candidate = tag.strip();
            if (candidate.startsWith("W/")) {
                candidate = candidate.substring(2);
            }
            if (candidate.equals("*") || candidate.equals(etag)) {
                return true;
            }
        }
        return false;
    }

    private byte[] bytes(Object body) {
        try {
            return json.writeValueAsBytes(body);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Cannot write the answer as JSON: " + e.getMessage(), e);
        }
    }
}
