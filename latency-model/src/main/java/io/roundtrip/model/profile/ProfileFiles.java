package io.roundtrip.model.profile;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigException;
import com.typesafe.config.ConfigFactory;
import com.typesafe.config.ConfigParseOptions;
import com.typesafe.config.ConfigValue;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Profile files: HOCON or JSON (Typesafe Config), with the keys of {@link NetworkProfile} and an optional
 * {@code preset} to start from:
 *
 * <pre>
 * preset = cross-continent
 * jitter = "normal:5ms"
 * loss = 0.5%
 * bandwidth-down = 10mbit
 * </pre>
 *
 * Keys are applied in {@link NetworkProfile#KEYS} order, whatever their order in the file, so a file means the
 * same thing however it is written. The profile is named after the file unless it sets {@code name}.
 */
public final class ProfileFiles {

    private ProfileFiles() {}

    /** Loads a profile file; every error is one line naming the file and, where there is one, the key. */
    public static NetworkProfile load(Path file) {
        if (!Files.isRegularFile(file)) {
            throw new IllegalArgumentException("profile file " + file + " does not exist");
        }
        Config config;
        try {
            config = ConfigFactory.parseFile(file.toFile(), ConfigParseOptions.defaults().setAllowMissing(false))
                    .resolve();
        } catch (ConfigException e) {
            throw new IllegalArgumentException("bad profile file " + file + ": "
                    + e.getMessage().replace('\n', ' '));
        }
        return fromConfig(config, baseName(file), file.toString());
    }

    /** Builds a profile from parsed settings; {@code source} names them in error messages. */
    public static NetworkProfile fromConfig(Config config, String defaultName, String source) {
        Set<String> keys = new TreeSet<>();
        for (Map.Entry<String, ConfigValue> e : config.entrySet()) {
            keys.add(e.getKey().replace("\"", ""));
        }
        for (String key : keys) {
            if (!key.equals("preset") && !key.equals("name") && !NetworkProfile.KEYS.contains(key)) {
                throw new IllegalArgumentException("bad profile file " + source + ": unknown key '" + key
                        + "', expected preset, name or one of " + String.join(", ", NetworkProfile.KEYS));
            }
        }
        try {
            ProfileBuilder builder = keys.contains("preset")
                    ? Presets.get(text(config, "preset")).toBuilder()
                    : NetworkProfile.builder().name(defaultName);
            if (keys.contains("preset")) {
                builder.name(defaultName);
            }
            for (String key : NetworkProfile.KEYS) {
                if (keys.contains(key)) {
                    builder.set(key, text(config, key));
                }
            }
            if (keys.contains("name")) {
                builder.name(text(config, "name"));
            }
            return builder.build();
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("bad profile file " + source + ": " + e.getMessage());
        }
    }

    private static String text(Config config, String key) {
        Object value = config.getValue("\"" + key + "\"").unwrapped();
        if (value instanceof Boolean b) {
            return b ? "on" : "off";
        }
        return String.valueOf(value);
    }

    private static String baseName(Path file) {
        String name = file.getFileName().toString();
        int dot = name.lastIndexOf('.');
        return dot > 0 ? name.substring(0, dot) : name;
    }
}
