package io.uptake.dashboard.i18n;

import static java.util.Objects.requireNonNull;

import java.util.Arrays;
import java.util.Collections;
import java.util.List;

/**
 * A message of the {@link Messages} catalogue with its arguments, kept unwritten until the language of
 * its reader is known: an error is raised deep in a service, and written in the caller's language by
 * the error handler. An argument may itself be a {@code Text}, written in the same language.
 */
public record Text(String key, List<Object> args) {

    public Text {
        requireNonNull(key, "key is null");
        // Arrays.asList rather than List.copyOf: an argument may be null, and the message then says "null".
        args = Collections.unmodifiableList(Arrays.asList(requireNonNull(args, "args is null").toArray()));
    }

    public static Text of(String key, Object... args) {
        return new Text(key, Arrays.asList(args));
    }

    /** The message written in {@code language}. */
    public String in(Language language) {
        return Messages.text(language, key, args.toArray());
    }
}
