package io.uptake.ingest.collector;

import io.uptake.ingest.collector.Collector.RejectedEvent;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * The rejected events of one request, kept small whatever the body holds: the first {@link #LISTED}
 * with their reasons, and a count per kind of reason. A reason's kind is the reason with its values
 * masked ({@code Cannot parse occurred_at '…': expected ISO-8601 with an offset or Z}), so that a
 * thousand bad timestamps make one kind; past {@link #MAX_KINDS} kinds the rest are counted as
 * {@link #OTHER}.
 */
final class Rejections {

    static final int LISTED = 100;
    static final int MAX_KINDS = 20;
    static final String OTHER = "other reasons";
    static final String MASK = "…";

    private static final Pattern QUOTED = Pattern.compile("'[^']*'");
    private static final Pattern INSTANT = Pattern.compile("[+-]?\\d{4,}-\\d{2}-\\d{2}T[\\d:.]+(Z|[+-]\\d{2}:\\d{2})?");
    private static final Pattern NUMBER = Pattern.compile("(?<![\\w.-])\\d+(?![\\w-])");

    private final List<RejectedEvent> listed = new ArrayList<>();
    private final Map<String, Long> byKind = new LinkedHashMap<>();
    private long count;

    void add(int index, String reason) {
        count++;
        if (listed.size() < LISTED) {
            listed.add(new RejectedEvent(index, reason));
        }
        String kind = kind(reason);
        if (!byKind.containsKey(kind) && byKind.size() >= MAX_KINDS) {
            kind = OTHER;
        }
        byKind.merge(kind, 1L, Long::sum);
    }

    long count() {
        return count;
    }

    List<RejectedEvent> listed() {
        return List.copyOf(listed);
    }

    Map<String, Long> byReason() {
        return new LinkedHashMap<>(byKind);
    }

    /** The reason without its values: quoted texts, timestamps and numbers become {@value #MASK}. */
    static String kind(String reason) {
        String kind = QUOTED.matcher(reason).replaceAll("'" + MASK + "'");
        kind = INSTANT.matcher(kind).replaceAll(MASK);
        return NUMBER.matcher(kind).replaceAll(MASK);
    }
}
