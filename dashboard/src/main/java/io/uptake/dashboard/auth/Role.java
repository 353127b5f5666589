package io.uptake.dashboard.auth;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/** The roles of PRODUCT.md "Access"; the users file spells them in lower case. */
public enum Role {
    /** Every team, every page; sees figures, not the people behind them. */
    EXECUTIVE,
    /** Every team; adoption, training and quality pages, with user lists. */
    TRAINER,
    /** Only the teams assigned to them, everywhere, with their user lists. */
    LEAD;

    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Optional<Role> parse(String value) {
        return Arrays.stream(values()).filter(r -> r.id().equals(value)).findFirst();
    }
}
