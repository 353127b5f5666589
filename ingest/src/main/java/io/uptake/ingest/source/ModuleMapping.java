package io.uptake.ingest.source;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.HashMap;
import java.util.Map;
import java.util.Properties;

/**
 * Object type to module, and app name to module, for every source (module-mapping.properties). The
 * object types are the canonical ones sources map their own names to (Account, Opportunity, Case, ...).
 */
public final class ModuleMapping {

    private final Map<String, String> moduleByObject;
    private final Map<String, String> moduleByAppWord;

    private ModuleMapping(Map<String, String> moduleByObject, Map<String, String> moduleByAppWord) {
        this.moduleByObject = Map.copyOf(moduleByObject);
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
        Map<String, String> apps = new HashMap<>();
        for (String name : properties.stringPropertyNames()) {
            String value = properties.getProperty(name).strip();
            if (name.startsWith("object.")) {
                objects.put(name.substring(7), value);
            } else if (name.startsWith("app.")) {
                apps.put(name.substring(4), value);
            }
        }
        return new ModuleMapping(objects, apps);
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
