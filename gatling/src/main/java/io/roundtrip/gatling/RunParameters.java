package io.roundtrip.gatling;

import io.roundtrip.gatling.requests.RequestFile;
import io.roundtrip.model.profile.NetworkProfile;
import io.roundtrip.model.profile.ProfileBuilder;
import io.roundtrip.model.profile.Presets;
import io.roundtrip.model.profile.ProfileFiles;
import io.roundtrip.model.units.Units;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.Properties;
import java.util.function.Function;

/**
 * A run's parameters, read once from system properties ({@code -Dusers=20}) with documented defaults. A bad value
 * stops the run before anything starts, with one line naming the property, the value and what was expected.
 *
 * @param profile      {@code -Dprofile=NAME|FILE} (default {@code cross-continent}) then any profile key as a property
 *                     ({@code -Drtt=50ms -Djitter=normal:2ms -Dloss=0.1%}): the path the proxy enforces and the model
 *                     predicts from
 * @param target       {@code -Dtarget=https://host:port}: an external origin; empty = the embedded origin
 * @param proxied      {@code -Dproxy=none} sends traffic straight to the target, no network emulation
 * @param users        {@code -Dusers}: concurrent virtual users of each closed-model scenario
 * @param duration     {@code -Dduration}: measured time of each scenario
 * @param warmUp       {@code -Dwarmup}: unrecorded traffic before measuring (JIT, TLS providers, pools)
 * @param sizeBytes    {@code -Dsize}: response body of the single-request scenarios
 * @param resources    {@code -Dresources}: resources on the page of the page-load scenarios
 * @param resourceSizeBytes {@code -DresourceSize}: size of each page resource
 * @param freshPerSecond {@code -Drate}: fresh connections per second of each open-model scenario
 * @param requests     {@code -Drequests=FILE}: the user's own requests (a request list or a HAR file), replayed by the
 *                     built-in scenarios instead of the embedded origin's paths; read (and refused with one line) before
 *                     any traffic
 * @param baseline     {@code -Dbaseline=on|off}: run each scenario first over a zero-latency path, to separate the
 *                     host's (or server's) time from the network's; empty = the default (for a user's simulation on
 *                     for an external target only, for the built-in scenarios on)
 * @param maxKoFraction {@code -DmaxKo}: the largest share of failed requests a run may have and still pass (default 1%)
 * @param generator    {@code -Dgenerator=I/N} or {@code JOB_COMPLETION_INDEX} with {@code -Dgenerators=N}, and
 *                     {@code -DstartAt}: this generator's place among several; {@code users} and
 *                     {@code freshPerSecond} are already its share
 * @param packetPath   {@code -Dpath=packet}: the profile enforced packet by packet under the kernel's TCP (the embedded
 *                     origins in a network namespace, {@code PacketPath}) instead of by the proxy ({@code -Dpath=proxy})
 */
public record RunParameters(
        NetworkProfile profile,
        Optional<URI> target,
        boolean proxied,
        int users,
        Duration duration,
        Duration warmUp,
        long sizeBytes,
        int resources,
        long resourceSizeBytes,
        double freshPerSecond,
        Optional<RequestFile.Loaded> requests,
        Optional<Boolean> baseline,
        double maxKoFraction,
        boolean packetPath,
        Generator generator) {

    public static RunParameters fromSystemProperties() {
        return from(System.getProperties(), DEFAULT_PROFILE);
    }

    /** As {@link #fromSystemProperties()}, for a simulation whose profile defaults to {@code defaultProfile}. */
    public static RunParameters fromSystemProperties(String defaultProfile) {
        return from(System.getProperties(), defaultProfile);
    }

    /** Every parameter at its default, profile {@code defaultProfile}: a stand-in while a bad one waits to be reported. */
    static RunParameters defaults(String defaultProfile) {
        return from(new Properties(), defaultProfile, java.util.Map.of(), java.time.Clock.systemUTC());
    }

    static RunParameters from(Properties properties, String defaultProfile) {
        return from(properties, defaultProfile, System.getenv(), java.time.Clock.systemUTC());
    }

    static RunParameters from(Properties properties, String defaultProfile, java.util.Map<String, String> environment,
            java.time.Clock clock) {
        Reader reader = new Reader(properties);
        Generator generator = Generator.from(properties, environment, clock);
        return new RunParameters(
                profile(properties, defaultProfile),
                reader.optional("target", RunParameters::parseTarget),
                !"none".equals(properties.getProperty("proxy", "roundtrip")),
                generator.usersOf(reader.get("users", "4", text -> positiveInt(text, 1000))),
                reader.get("duration", "10s", text -> positive(Units.parseDuration(text))),
                reader.get("warmup", "2s", Units::parseDuration),
                reader.get("size", "1KiB", Units::parseBytes),
                reader.get("resources", "12", text -> positiveInt(text, 1000)),
                reader.get("resourceSize", "8KiB", Units::parseBytes),
                generator.rateOf(reader.get("rate", "5", RunParameters::positiveRate)),
                reader.optional("requests", text -> RequestFile.read(Path.of(text))),
                reader.optional("baseline", RunParameters::onOff),
                reader.get("maxKo", "1%", Units::parseFraction),
                reader.get("path", "proxy", RunParameters::packetPath),
                generator);
    }

    /** Whether user scenarios get a baseline pass: as asked, else on for an external target only. */
    public boolean baselineOn() {
        return baseline.orElse(target.isPresent());
    }

    /**
     * Whether the built-in scenarios get a baseline pass (their host cost, {@link RoundtripSimulation}): as asked,
     * else on; never with {@code -Dpath=packet}, whose origins sit behind the packet path with no zero-latency way
     * to them.
     */
    public boolean builtInBaselineOn() {
        return !packetPath && baseline.orElse(true);
    }

    /** The built-in baseline pass's recorded time: a fifth of {@code -Dduration}, between 1 s and 5 s. */
    public Duration baselineDuration() {
        Duration fifth = duration.dividedBy(5);
        Duration min = Duration.ofSeconds(1);
        Duration max = Duration.ofSeconds(5);
        return fifth.compareTo(min) < 0 ? min : fifth.compareTo(max) > 0 ? max : fifth;
    }

    /** The default profile: a continent away, the reference text's 80 ms round trip. */
    public static final String DEFAULT_PROFILE = "cross-continent";

    private static NetworkProfile profile(Properties properties, String defaultProfile) {
        String name = properties.getProperty("profile", defaultProfile).trim();
        NetworkProfile base;
        try {
            base = Presets.exists(name) || !Files.isRegularFile(Path.of(name)) ? Presets.get(name)
                    : ProfileFiles.load(Path.of(name));
        } catch (IllegalArgumentException e) {
            throw new BadParameterException("bad -Dprofile=" + name + ": " + e.getMessage());
        }
        ProfileBuilder builder = base.toBuilder();
        for (String key : NetworkProfile.KEYS) {
            String text = properties.getProperty(key);
            if (text != null) {
                try {
                    builder.set(key, text);
                } catch (IllegalArgumentException e) {
                    // The profile names the key and value itself ("bad rtt 'fast': ..."); say it once, as a -D.
                    String reason = e.getMessage().replace("bad " + key + " '" + text.trim() + "': ", "");
                    throw new BadParameterException("bad -D" + key + "=" + text + ": " + reason);
                }
            }
        }
        return builder.build();
    }

    /** A simulation's own property, such as {@code -DlevelDuration=3s}; a bad value stops the run with one line. */
    public static <T> T property(String name, String fallback, Function<String, T> parser) {
        return new Reader(System.getProperties()).get(name, fallback, parser);
    }

    /**
     * A comma-separated list property, such as {@code -Drtts=10ms,50ms,100ms}, each item parsed by {@code parser};
     * a bad item stops the run with one line.
     */
    public static <T> List<T> listProperty(String name, String fallback, Function<String, T> parser) {
        String text = System.getProperty(name, fallback);
        try {
            List<T> values = Arrays.stream(text.split(",")).map(String::trim)
                    .filter(item -> !item.isEmpty()).map(parser).toList();
            if (values.isEmpty()) {
                throw new IllegalArgumentException("expected a comma-separated list");
            }
            if (values.stream().distinct().count() < values.size()) {
                throw new IllegalArgumentException("each value may appear once");
            }
            return values;
        } catch (IllegalArgumentException e) {
            throw new BadParameterException("bad -D" + name + "=" + text + ": " + e.getMessage());
        }
    }

    /** Stands for every "bad -Dname=value" the run can meet; the message is the one line shown. */
    public static final class BadParameterException extends IllegalArgumentException {
        private static final long serialVersionUID = 1L;

        BadParameterException(String message) {
            super(message);
        }
    }

    private record Reader(Properties properties) {
        <T> T get(String name, String fallback, Function<String, T> parser) {
            String text = properties.getProperty(name, fallback);
            try {
                return parser.apply(text);
            } catch (IllegalArgumentException e) {
                throw new BadParameterException("bad -D" + name + "=" + text + ": " + e.getMessage());
            }
        }

        <T> Optional<T> optional(String name, Function<String, T> parser) {
            String text = properties.getProperty(name);
            return text == null || text.isBlank() ? Optional.empty() : Optional.of(get(name, text, parser));
        }
    }

    private static URI parseTarget(String text) {
        URI uri;
        try {
            uri = URI.create(text);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("not a URL; expected http://host:port or https://host:port");
        }
        if (!("http".equals(uri.getScheme()) || "https".equals(uri.getScheme())) || uri.getHost() == null) {
            throw new IllegalArgumentException("expected http://host:port or https://host:port");
        }
        return uri;
    }

    private static boolean packetPath(String text) {
        return switch (text.trim()) {
            case "proxy" -> false;
            case "packet" -> true;
            default -> throw new IllegalArgumentException("expected proxy or packet");
        };
    }

    private static boolean onOff(String text) {
        return switch (text.trim().toLowerCase(java.util.Locale.ROOT)) {
            case "on", "true", "yes" -> true;
            case "off", "false", "no" -> false;
            default -> throw new IllegalArgumentException("expected on or off");
        };
    }

    private static Duration positive(Duration duration) {
        if (duration.isZero() || duration.isNegative()) {
            throw new IllegalArgumentException("expected a duration above zero, such as 10s");
        }
        return duration;
    }

    private static int positiveInt(String text, int max) {
        try {
            int value = Integer.parseInt(text.trim());
            if (value < 1 || value > max) {
                throw new IllegalArgumentException("expected a whole number from 1 to " + max);
            }
            return value;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("expected a whole number from 1 to " + max);
        }
    }

    private static double positiveRate(String text) {
        try {
            double value = Double.parseDouble(text.trim().replaceFirst("/s$", ""));
            if (!(value > 0 && value <= 10_000)) {
                throw new IllegalArgumentException("expected connections per second, above 0 and at most 10000");
            }
            return value;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("expected connections per second such as 5 or 5/s");
        }
    }
}
