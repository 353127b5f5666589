package io.uptake.dashboard.i18n;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/**
 * The dashboard's languages: English and Simplified Chinese. Server-written text (error messages, the
 * Overview's "what changed" sentences, and later the alerts) is written in one of these.
 */
public enum Language {
    EN("en", Locale.ENGLISH),
    ZH_CN("zh-CN", Locale.SIMPLIFIED_CHINESE);

    private final String tag;
    private final Locale locale;

    Language(String tag, Locale locale) {
        this.tag = tag;
        this.locale = locale;
    }

    /** The BCP 47 tag the URL's {@code lang} parameter and the page use: {@code en}, {@code zh-CN}. */
    public String tag() {
        return tag;
    }

    public Locale locale() {
        return locale;
    }

    /** The language of a tag, case-insensitive ({@code zh-cn}, {@code zh}, {@code zh-Hans} read as Simplified Chinese). */
    public static Optional<Language> of(String tag) {
        if (tag == null || tag.isBlank()) {
            return Optional.empty();
        }
        String wanted = tag.strip().toLowerCase(Locale.ROOT).replace('_', '-');
        if (wanted.equals("zh") || wanted.startsWith("zh-cn") || wanted.startsWith("zh-hans") || wanted.startsWith("zh-sg")) {
            return Optional.of(ZH_CN);
        }
        return Arrays.stream(values()).filter(l -> wanted.equals(l.tag.toLowerCase(Locale.ROOT))
                || wanted.startsWith(l.tag.toLowerCase(Locale.ROOT) + "-")).findFirst();
    }
}
