package io.uptake.dashboard.adoption;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.uptake.dashboard.DashboardApp;
import io.uptake.dashboard.DashboardException;
import io.uptake.dashboard.auth.Scope;
import io.uptake.dashboard.pages.PageViews;
import io.uptake.dashboard.pages.PagesController;
import io.uptake.dashboard.snapshot.ServingSnapshot;
import io.uptake.dashboard.view.Page;
import io.uptake.dashboard.view.Visibility;
import io.uptake.dashboard.web.CachedAnswers;
import io.javalin.http.Context;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;

/** {@code GET /api/v1/overview} and {@code GET /api/v1/adoption}: HTTP in and out of {@link AdoptionService}. */
public final class AdoptionController {

    private static final ObjectMapper JSON = DashboardApp.json();

    private final CachedAnswers answers;
    private final AdoptionService service;

    public AdoptionController(CachedAnswers answers, AdoptionService service) {
        this.answers = answers;
        this.service = service;
    }

    /** The adoption figures, with the money and goals an executive's Overview adds (PRODUCT.md). */
    public void overview(Context ctx) {
        answers.serve(ctx, Page.OVERVIEW, (snapshot, scope) -> {
            Visibility visibility = PagesController.visibility(ctx, snapshot, scope);
            ObjectNode body = withHeader(service.overview(snapshot, scope, selection(ctx, snapshot, scope)), visibility);
            body.setAll((ObjectNode) JSON.valueToTree(PageViews.overviewMoney(snapshot, visibility)));
            return body;
        });
    }

    public void adoption(Context ctx) {
        answers.serve(ctx, Page.ADOPTION, (snapshot, scope) -> {
            Visibility visibility = PagesController.visibility(ctx, snapshot, scope);
            return withHeader(service.adoption(snapshot, scope, selection(ctx, snapshot, scope)), visibility);
        });
    }

    /** The page's figures with the fields every page starts with (publication time, directory, filters). */
    private static ObjectNode withHeader(Object figures, Visibility visibility) {
        ObjectNode body = JSON.valueToTree(figures);
        ObjectNode header = JSON.valueToTree(visibility.header());
        body.put("created_at", header.path("created_at").asText());
        body.set("directory", header.get("directory"));
        body.set("suppressed_teams", header.get("suppressed_teams"));
        ((ObjectNode) body.path("selection")).put("department", visibility.filters().department());
        ((ObjectNode) body.path("selection")).put("wave", visibility.filters().wave());
        return body;
    }

    /** {@code ?team=&from=&to=}, each optional; dates are ISO days and the range is inclusive. */
    private AdoptionService.Selection selection(Context ctx, ServingSnapshot snapshot, Scope scope) {
        AdoptionService.Selection defaults = service.defaults(snapshot, scope);
        String team = ctx.queryParam("team");
        LocalDate from = date(ctx, "from", defaults.from());
        LocalDate to = date(ctx, "to", defaults.to());
        if (from.isAfter(to)) {
            throw new DashboardException(DashboardException.Code.BAD_REQUEST,
                    "from " + from + " is after to " + to + ": swap them");
        }
        return new AdoptionService.Selection(team == null || team.isBlank() ? defaults.team() : team, from, to);
    }

    private static LocalDate date(Context ctx, String name, LocalDate fallback) {
        String value = ctx.queryParam(name);
        if (value == null || value.isBlank()) {
            return fallback;
        }
        try {
            return LocalDate.parse(value);
        } catch (DateTimeParseException e) {
            throw new DashboardException(DashboardException.Code.BAD_REQUEST,
                    "Cannot read " + name + "='" + value + "': expected a date such as 2025-12-31");
        }
    }
}
