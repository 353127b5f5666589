package io.uptake.dashboard.i18n;

import static java.util.Objects.requireNonNull;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.text.MessageFormat;
import java.util.EnumMap;
import java.util.Map;
import java.util.MissingResourceException;
import java.util.PropertyResourceBundle;
import java.util.ResourceBundle;

/**
 * The catalogue of every message the server writes, one properties file per language:
 * {@code messages_en.properties} and {@code messages_zh_CN.properties} beside this class. The files are
 * read as UTF-8, explicitly: {@code ResourceBundle.getBundle} would also fall back to the JVM's default
 * locale, so a server started in a Chinese locale would answer English callers in Chinese.
 *
 * <p>A message is a {@link MessageFormat} pattern: an apostrophe is written {@code ''}, and a number
 * argument is formatted with grouping unless the pattern says {@code {0,number,#}}. An argument that
 * is a {@link Text} is written in the same language as the message around it.
 */
public final class Messages {

    private static final Map<Language, ResourceBundle> CATALOGUES = load();

    private Messages() {}

    /** The message of {@code key} in {@code language}, its placeholders filled from {@code args}. */
    public static String text(Language language, String key, Object... args) {
        requireNonNull(language, "language is null");
        requireNonNull(key, "key is null");
        String pattern;
        try {
            pattern = CATALOGUES.get(language).getString(key);
        } catch (MissingResourceException e) {
            throw new IllegalArgumentException("No message '" + key + "' in the " + language.tag() + " catalogue", e);
        }
        Object[] filled = new Object[args.length];
        for (int i = 0; i < args.length; i++) {
            filled[i] = args[i] instanceof Text text ? text.in(language) : args[i];
        }
        return new MessageFormat(pattern, language.locale()).format(filled);
    }

    /** True when {@code key} is a message of the catalogue. */
    public static boolean has(String key) {
        return key != null && CATALOGUES.get(Language.EN).containsKey(key);
    }

    /** The catalogue of a language as written, for the test that the languages agree. */
    static ResourceBundle catalogue(Language language) {
        return CATALOGUES.get(language);
    }

    private static Map<Language, ResourceBundle> load() {
        Map<Language, ResourceBundle> catalogues = new EnumMap<>(Language.class);
        for (Language language : Language.values()) {
            String resource = "messages_" + language.locale().toString() + ".properties";
            try (InputStream in = Messages.class.getResourceAsStream(resource)) {
                if (in == null) {
                    throw new IllegalStateException("the message catalogue " + resource + " is missing from the classpath");
                }
                catalogues.put(language, new PropertyResourceBundle(new InputStreamReader(in, StandardCharsets.UTF_8)));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return Map.copyOf(catalogues);
    }
}
