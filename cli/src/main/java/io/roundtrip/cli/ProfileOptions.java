package io.roundtrip.cli;

import io.roundtrip.model.profile.NetworkProfile;
import io.roundtrip.model.profile.Presets;
import io.roundtrip.model.profile.ProfileBuilder;
import io.roundtrip.model.profile.ProfileFiles;
import io.roundtrip.model.profile.ProfileKey;
import io.roundtrip.model.profile.ProfileKeys;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.IModelTransformer;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.ISetter;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * The network-profile flags, shared by every subcommand that needs a path ({@code proxy}, {@code model}): add
 * it with {@code @Mixin ProfileOptions profile;} and call {@link #toProfile()}.
 *
 * <p>{@code --profile NAME|FILE} starts from a preset ({@link Presets}) or a HOCON/JSON file
 * ({@link ProfileFiles}); each key of {@link NetworkProfile} is also a flag ({@code --rtt 80ms --jitter
 * normal:5ms --bandwidth 10mbit --loss 0.5% ...}) that overrides it. Each value is checked as it is parsed, so a
 * bad one is picocli's {@link ParameterException}: one line, exit 2.
 */
@Command(modelTransformer = ProfileOptions.KeyFlags.class)
public final class ProfileOptions {

    /** The order of the first key flag in help; {@code --profile} comes just before. */
    private static final int FIRST_KEY_ORDER = 101;

    @Spec(Spec.Target.MIXEE)
    CommandSpec mixee;

    private String source;
    private NetworkProfile base;
    private final Map<String, String> overrides = new LinkedHashMap<>();

    @Option(names = "--profile", paramLabel = "NAME|FILE", order = 100,
            description = "Start from a preset (none, loopback, lan, same-region, cross-continent, cross-ocean, "
                    + "sf-frankfurt-floor, sf-frankfurt, mobile, satellite) or a HOCON/JSON profile file; "
                    + "the flags below override it.")
    void profile(String nameOrFile) {
        if (nameOrFile == null) {
            return;
        }
        try {
            if (Presets.exists(nameOrFile)) {
                base = Presets.get(nameOrFile);
            } else if (Files.isRegularFile(Path.of(nameOrFile))) {
                base = ProfileFiles.load(Path.of(nameOrFile));
            } else {
                throw new IllegalArgumentException("bad profile '" + nameOrFile + "': no such preset or file; presets: "
                        + String.join(", ", Presets.names()));
            }
        } catch (IllegalArgumentException e) {
            throw bad(e);
        }
        source = nameOrFile;
    }

    /** The profile: the preset or file named by {@code --profile} (else the defaults), then every flag given. */
    public NetworkProfile toProfile() {
        ProfileBuilder builder = base != null ? base.toBuilder() : NetworkProfile.builder();
        for (String key : NetworkProfile.KEYS) {
            String value = overrides.get(key);
            if (value != null) {
                builder.set(key, value);
            }
        }
        try {
            return builder.build();
        } catch (IllegalArgumentException e) {
            throw bad(e);
        }
    }

    /** For run.json: where the profile came from ({@code source}) and every resolved setting. */
    public Map<String, Object> settings() {
        Map<String, Object> settings = new LinkedHashMap<>();
        settings.put("source", source == null ? "default" : source);
        settings.putAll(toProfile().toMap());
        return settings;
    }

    /** Whether {@code --profile} or any profile flag was given. */
    public boolean given() {
        return source != null || !overrides.isEmpty();
    }

    /** The flags given, by key, as typed (without {@code --profile}). */
    public Map<String, String> overrides() {
        return Map.copyOf(overrides);
    }

    /**
     * Adds one flag per {@link ProfileKeys profile key} ({@code --rtt DURATION}, ...), with the key's label and help,
     * to this mixin's command: the keys are data, listed once in the model.
     */
    public static final class KeyFlags implements IModelTransformer {
        @Override
        public CommandSpec transform(CommandSpec spec) {
            // picocli hands the mixin's transformer the command it is mixed into
            ProfileOptions options = spec.mixins().values().stream().map(CommandSpec::userObject)
                    .filter(ProfileOptions.class::isInstance).map(ProfileOptions.class::cast).findFirst()
                    .orElseThrow(() -> new IllegalStateException("ProfileOptions is not mixed into " + spec.name()));
            int order = FIRST_KEY_ORDER;
            for (ProfileKey key : ProfileKeys.ALL) {
                spec.addOption(OptionSpec.builder("--" + key.name())
                        .paramLabel(key.paramLabel())
                        .description(key.help().replace("%", "%%"))
                        .type(String.class)
                        .order(order++)
                        .setter(new ISetter() {
                            @Override
                            public <T> T set(T value) {
                                options.override(key.name(), (String) value);
                                return null;
                            }
                        })
                        .build());
            }
            return spec;
        }
    }

    private void override(String key, String value) {
        if (value == null) {
            overrides.remove(key);
            return;
        }
        try {
            NetworkProfile.builder().set(key, value);
        } catch (IllegalArgumentException e) {
            throw bad(e);
        }
        overrides.put(key, value);
    }

    private RuntimeException bad(IllegalArgumentException e) {
        return mixee == null ? e : new ParameterException(mixee.commandLine(), e.getMessage(), e);
    }
}
