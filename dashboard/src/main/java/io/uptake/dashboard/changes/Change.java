package io.uptake.dashboard.changes;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.annotation.JsonIgnore;

/**
 * One thing that changed over the last four weeks or needs attention now: the Overview lists them
 * first (PRODUCT.md "What changed, and alerts"), and the same conditions become alerts.
 * {@code kind} and {@code subject} (the team, wave, goal id or source) name the condition, so an alert
 * can be sent once per condition until it clears.
 *
 * @param kind one of {@link Changes#ADOPTION_DOWN}, {@link Changes#ADOPTION_UP}, {@link Changes#WAVE_BEHIND},
 *     {@link Changes#GOAL_RED}, {@link Changes#SOURCE_STALE}, {@link Changes#SOURCE_FAILING}
 * @param text one sentence with the figures, in the language asked for
 * @param link the page that explains it, with its filter (e.g. {@code /adoption?team=Sales%20West})
 * @param value the figure now: the adoption rate at the as-of date, the goal's current value, the hours
 *     since a source's last event, a source's failure rate
 * @param previous what {@code value} is compared with: the adoption rate four weeks before, the goal's
 *     expected value; null for sources
 * @param size the ranking weight, 0 to 1 (see {@link Changes}); kept out of the JSON because it mixes
 *     units (points of adoption, share of a goal's distance, weeks of silence) and means nothing to a
 *     reader beyond the order of the list, which already carries it
 */
public record Change(String kind, String subject, String text, String link, Double value, Double previous,
                     @JsonIgnore double size) {

    public Change {
        requireNonNull(kind, "kind is null");
        requireNonNull(subject, "subject is null");
        requireNonNull(text, "text is null");
        requireNonNull(link, "link is null");
        if (!(size >= 0 && size <= 1)) {
            throw new IllegalArgumentException("size " + size + " of " + kind + " '" + subject + "' is outside [0, 1]");
        }
    }
}
