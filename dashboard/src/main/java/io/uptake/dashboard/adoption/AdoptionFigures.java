package io.uptake.dashboard.adoption;

import com.fasterxml.jackson.databind.JsonNode;
import io.uptake.dashboard.auth.Scope;
import io.uptake.dashboard.view.Group;
import io.uptake.dashboard.view.Summing;
import io.uptake.dashboard.view.Visibility;
import io.uptake.warehouse.Columns;
import io.uptake.warehouse.Marts;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The adoption figures the Overview and Adoption pages share, for a {@link Group}: nothing is
 * recomputed but group sums (KPIS.md); every number is a mart value, selected, filtered by date and
 * counted into groups.
 */
public final class AdoptionFigures {

    /** A team's as-of row and, if asked, its daily rows in the date range; both empty when withheld. */
    public record TeamSeries(String team, boolean suppressed, JsonNode latest, List<JsonNode> daily) {}

    /** A bucket of the time-to-first-value histogram. */
    public record Bucket(String bucket, long users) {}

    private static final List<String> STATUSES = List.of(Marts.STATUS_ACTIVE, Marts.STATUS_DORMANT,
            Marts.STATUS_NEVER_ACTIVE, Marts.STATUS_UNLICENSED);
    /** Upper bounds (days, inclusive) of the time-to-first-value buckets. */
    private static final int[] FIRST_VALUE_BOUNDS = {7, 14, 30, 60};

    private AdoptionFigures() {}

    /** The group's adoption_daily rows within the date range, inclusive. */
    public static List<JsonNode> daily(Group group, LocalDate from, LocalDate to) {
        return group.rows(Summing.ADOPTION_DAILY).stream()
                .filter(r -> within(r.path(Marts.DATE).asText(), from, to)).toList();
    }

    /** Every visible team (narrowed by department and wave), with its as-of row and, if asked, its daily rows. */
    public static List<TeamSeries> teams(Visibility visibility, boolean withDaily) {
        List<TeamSeries> teams = new ArrayList<>();
        for (String team : visibility.teams()) {
            if (visibility.suppressed(team)) {
                teams.add(new TeamSeries(team, true, null, List.of()));
            } else {
                Group group = new Group(visibility.snapshot(), team, List.of(team), false);
                teams.add(new TeamSeries(team, false, group.adoptionOn(visibility.snapshot().asOf()),
                        withDaily ? daily(group, visibility.filters().from(), visibility.filters().to()) : List.of()));
            }
        }
        return List.copyOf(teams);
    }

    /** People by status at the as-of date, every status present (0 when none). */
    public static Map<String, Long> statuses(List<JsonNode> users) {
        Map<String, Long> counts = new LinkedHashMap<>();
        STATUSES.forEach(s -> counts.put(s, 0L));
        for (JsonNode user : users) {
            counts.merge(user.path(Marts.USER_STATUS).asText(), 1L, Long::sum);
        }
        return counts;
    }

    /**
     * Licensed users by days to first value: a bucket for a first edit before go-live (a negative
     * value: pilot users), one per range of {@link #FIRST_VALUE_BOUNDS}, and one for none yet.
     */
    public static List<Bucket> firstValue(List<JsonNode> users) {
        List<String> labels = new ArrayList<>();
        labels.add("before go-live");
        int lower = 0;
        for (int bound : FIRST_VALUE_BOUNDS) {
            labels.add(lower + "-" + bound);
            lower = bound + 1;
        }
        labels.add(">" + FIRST_VALUE_BOUNDS[FIRST_VALUE_BOUNDS.length - 1]);
        labels.add("none yet");
        long[] counts = new long[labels.size()];
        for (JsonNode user : users) {
            if (user.path(Marts.USER_STATUS).asText().equals(Marts.STATUS_UNLICENSED)) {
                continue;
            }
            counts[bucketOf(user.get(Marts.DAYS_TO_FIRST_VALUE))]++;
        }
        List<Bucket> buckets = new ArrayList<>();
        for (int i = 0; i < counts.length; i++) {
            buckets.add(new Bucket(labels.get(i), counts[i]));
        }
        return List.copyOf(buckets);
    }

    private static int bucketOf(JsonNode days) {
        if (days == null || days.isNull()) {
            return FIRST_VALUE_BOUNDS.length + 2;
        }
        if (days.asLong() < 0) {
            return 0;
        }
        int bucket = 1;
        while (bucket <= FIRST_VALUE_BOUNDS.length && days.asLong() > FIRST_VALUE_BOUNDS[bucket - 1]) {
            bucket++;
        }
        return bucket;
    }

    /** Dormant and never-active people the scope may see by name: whom a lead or trainer should talk to. */
    public static List<JsonNode> usersToCall(List<JsonNode> users, Scope scope) {
        return users.stream()
                .filter(u -> scope.seesUserListOf(u.path(Columns.TEAM).asText()))
                .filter(u -> u.path(Marts.USER_STATUS).asText().equals(Marts.STATUS_DORMANT)
                        || u.path(Marts.USER_STATUS).asText().equals(Marts.STATUS_NEVER_ACTIVE))
                .toList();
    }

    static boolean within(String isoDate, LocalDate from, LocalDate to) {
        LocalDate date = LocalDate.parse(isoDate);
        return !date.isBefore(from) && !date.isAfter(to);
    }
}
