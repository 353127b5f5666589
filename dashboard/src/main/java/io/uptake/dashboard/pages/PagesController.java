package io.uptake.dashboard.pages;

import com.fasterxml.jackson.databind.JsonNode;
import io.javalin.http.Context;
import io.uptake.dashboard.auth.Scope;
import io.uptake.dashboard.snapshot.ServingSnapshot;
import io.uptake.dashboard.view.Filters;
import io.uptake.dashboard.view.Page;
import io.uptake.dashboard.view.Visibility;
import io.uptake.dashboard.web.CachedAnswers;
import io.uptake.warehouse.Marts;
import io.uptake.warehouse.Vocabulary;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.function.BiFunction;

/** {@code GET /api/v1/training}, {@code /quality}, {@code /rollout}, {@code /roi}: HTTP in and out of {@link PageViews}. */
public final class PagesController {

    private final CachedAnswers answers;

    public PagesController(CachedAnswers answers) {
        this.answers = answers;
    }

    public void training(Context ctx) {
        serve(ctx, Page.TRAINING, PageViews::training);
    }

    public void quality(Context ctx) {
        serve(ctx, Page.QUALITY, PageViews::quality);
    }

    public void rollout(Context ctx) {
        serve(ctx, Page.ROLLOUT, PageViews::rollout);
    }

    public void roi(Context ctx) {
        serve(ctx, Page.ROI, PageViews::roi);
    }

    private void serve(Context ctx, Page page, BiFunction<ServingSnapshot, Visibility, Map<String, Object>> view) {
        answers.serve(ctx, page, (snapshot, scope) -> view.apply(snapshot, visibility(ctx, snapshot, scope)));
    }

    /** The request's filters for a scope: the scope's default team, dates over the whole snapshot. */
    public static Visibility visibility(Context ctx, ServingSnapshot snapshot, Scope scope) {
        LocalDate first = firstDate(snapshot);
        return new Visibility(snapshot, scope, Filters.of(ctx, scope.defaultTeam(), first, snapshot.asOf()));
    }

    private static LocalDate firstDate(ServingSnapshot snapshot) {
        List<JsonNode> all = snapshot.rows(Marts.ADOPTION_DAILY, Vocabulary.ALL_TEAMS);
        return all.isEmpty() ? snapshot.asOf() : LocalDate.parse(all.get(0).path(Marts.DATE).asText());
    }
}
