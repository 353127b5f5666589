package io.uptake.ingest.source;

import static java.util.Objects.requireNonNull;

import io.uptake.ingest.privacy.Pseudonymizer;

/**
 * What every source is built with: the pseudonymiser for user ids and sessions, the object-to-module
 * mapping, and the people of {@code users} for sources that name a person by e-mail or another
 * system's id.
 */
public record SourceContext(Pseudonymizer pseudonymizer, ModuleMapping modules, People people) {
    public SourceContext {
        requireNonNull(pseudonymizer, "pseudonymizer is null");
        requireNonNull(modules, "modules is null");
        requireNonNull(people, "people is null");
    }

    /** A context with the default module mapping and no known people. */
    public static SourceContext of(Pseudonymizer pseudonymizer) {
        return new SourceContext(pseudonymizer, ModuleMapping.defaults(), People.none(pseudonymizer));
    }
}
