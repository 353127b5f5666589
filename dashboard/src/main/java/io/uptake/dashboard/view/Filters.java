package io.uptake.dashboard.view;

import io.javalin.http.Context;
import io.uptake.dashboard.DashboardException;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.List;

/**
 * A page's filters as the URL carries them: {@code ?team=&department=&wave=&from=&to=}. Empty means
 * "not filtered" (team: the scope's default team; dates: the snapshot's whole range).
 */
public record Filters(String team, String department, String wave, LocalDate from, LocalDate to) {

    /** The query parameters of the filters: the only ones that change a data endpoint's answer. */
    public static final List<String> PARAMETERS = List.of("team", "department", "wave", "from", "to");

    /** The filters of a request, with the dates defaulting to {@code [first, last]}. */
    public static Filters of(Context ctx, String defaultTeam, LocalDate first, LocalDate last) {
        LocalDate from = date(ctx, "from", first);
        LocalDate to = date(ctx, "to", last);
        if (from.isAfter(to)) {
            throw new DashboardException(DashboardException.Code.BAD_REQUEST, "dates_swapped", from.toString(), to.toString());
        }
        return new Filters(text(ctx, "team", defaultTeam), text(ctx, "department", ""), text(ctx, "wave", ""), from, to);
    }

    private static String text(Context ctx, String name, String fallback) {
        String value = ctx.queryParam(name);
        return value == null || value.isBlank() ? fallback : value.strip();
    }

    private static LocalDate date(Context ctx, String name, LocalDate fallback) {
        String value = ctx.queryParam(name);
        if (value == null || value.isBlank()) {
            return fallback;
        }
        try {
            return LocalDate.parse(value);
        } catch (DateTimeParseException e) {
            throw new DashboardException(DashboardException.Code.BAD_REQUEST, "bad_date", name, value);
        }
    }

    public boolean within(LocalDate date) {
        return !date.isBefore(from) && !date.isAfter(to);
    }
}
