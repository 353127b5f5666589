package io.uptake.ingest.source;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;

/** Object type to module, key prefix to object type, app name to module (module-mapping.properties). */
public final class ModuleMapping {

    private final Map<String, String> moduleByObject;
    private final Map<String, String> objectByPrefix;
    private final Map<String, String> moduleByAppWord;

    private ModuleMapping(Map<String, String> moduleByObject, Map<String, String> objectByPrefix,
                          Map<String, String> moduleByAppWord) {
        this.moduleByObject = Map.copyOf(moduleByObject);
        this.objectByPrefix = Map.copyOf(objectByPrefix);
        this.moduleByAppWord = Map.copyOf(moduleByAppWord);
    }

    public static ModuleMapping defaults() {
        try (InputStream in = ModuleMapping.class.getResourceAsStream("/io/uptake/ingest/source/module-mapping.properties")) {
            Properties properties = new Properties();
            properties.load(in);
            return from(properties);
        } catch (IOException e) {
            throw new UncheckedIOException("the default module mapping is missing from the classpath", e);
        }
    }

    static ModuleMapping from(Properties properties) {
        Map<String, String> objects = new HashMap<>();
        Map<String, String> prefixes = new HashMap<>();
        Map<String, String> apps = new HashMap<>();
        for (String name : properties.stringPropertyNames()) {
            String value = properties.getProperty(name).strip();
            if (name.startsWith("object.")) {
                objects.put(name.substring(7), value);
            } else if (name.startsWith("prefix.")) {
                prefixes.put(name.substring(7), value);
            } else if (name.startsWith("app.")) {
                apps.put(name.substring(4), value);
            }
        }
        return new ModuleMapping(objects, prefixes, apps);
    }

    public Optional<String> objectForPrefix(String prefix) {
        return Optional.ofNullable(objectByPrefix.get(prefix));
    }

    /** The module of an object, moved to the app's module for objects every app shares. */
    public String module(String objectType, String appName) {
        String module = objectType == null ? "other" : moduleByObject.getOrDefault(objectType, "other");
        boolean shared = "Account".equals(objectType) || "Contact".equals(objectType);
        if (appName != null && (shared || objectType == null)) {
            for (Map.Entry<String, String> app : moduleByAppWord.entrySet()) {
                if (appName.contains(app.getKey())) {
                    return app.getValue();
                }
            }
        }
        return module;
    }
}
