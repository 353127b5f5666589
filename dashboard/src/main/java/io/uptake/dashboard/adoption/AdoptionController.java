package io.uptake.dashboard.adoption;

import io.uptake.dashboard.DashboardException;
import io.uptake.dashboard.auth.Scope;
import io.uptake.dashboard.snapshot.ServingSnapshot;
import io.uptake.dashboard.snapshot.SnapshotStore;
import io.uptake.dashboard.web.Sessions;
import io.javalin.http.Context;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;

/** {@code GET /api/v1/overview} and {@code GET /api/v1/adoption}: HTTP in and out of {@link AdoptionService}. */
public final class AdoptionController {

    private final SnapshotStore snapshots;
    private final AdoptionService service;

    public AdoptionController(SnapshotStore snapshots, AdoptionService service) {
        this.snapshots = snapshots;
        this.service = service;
    }

    public void overview(Context ctx) {
        ServingSnapshot snapshot = snapshots.require();
        Scope scope = Sessions.account(ctx).scope();
        ctx.json(service.overview(snapshot, scope, selection(ctx, snapshot, scope)));
    }

    public void adoption(Context ctx) {
        ServingSnapshot snapshot = snapshots.require();
        Scope scope = Sessions.account(ctx).scope();
        ctx.json(service.adoption(snapshot, scope, selection(ctx, snapshot, scope)));
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
