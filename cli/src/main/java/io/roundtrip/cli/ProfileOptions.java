package io.roundtrip.cli;

import io.roundtrip.model.profile.NetworkProfile;
import io.roundtrip.model.profile.Presets;
import io.roundtrip.model.profile.ProfileFiles;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import picocli.CommandLine.Model.CommandSpec;
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
public final class ProfileOptions {

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

    @Option(names = "--rtt", paramLabel = "DURATION", order = 101,
            description = "Round-trip delay, e.g. 80ms; split evenly into one-way delays unless --delay-up/--delay-down.")
    void rtt(String v) {
        override("rtt", v);
    }

    @Option(names = "--delay-up", paramLabel = "DURATION", order = 102, description = "One-way delay client to server.")
    void delayUp(String v) {
        override("delay-up", v);
    }

    @Option(names = "--delay-down", paramLabel = "DURATION", order = 103, description = "One-way delay server to client.")
    void delayDown(String v) {
        override("delay-down", v);
    }

    @Option(names = "--jitter", paramLabel = "DIST", order = 104,
            description = "Per-segment jitter: none, uniform:5ms, normal:5ms, exponential:5ms, "
                    + "pareto:scale=2ms,shape=2.5, table:FILE.")
    void jitter(String v) {
        override("jitter", v);
    }

    @Option(names = "--bandwidth", paramLabel = "RATE", order = 105, description = "Both directions, e.g. 10mbit; unlimited by default.")
    void bandwidth(String v) {
        override("bandwidth", v);
    }

    @Option(names = "--bandwidth-up", paramLabel = "RATE", order = 106, description = "Client to server, e.g. 2mbit.")
    void bandwidthUp(String v) {
        override("bandwidth-up", v);
    }

    @Option(names = "--bandwidth-down", paramLabel = "RATE", order = 107, description = "Server to client, e.g. 10mbit.")
    void bandwidthDown(String v) {
        override("bandwidth-down", v);
    }

    @Option(names = "--loss", paramLabel = "RATIO", order = 108,
            description = "Segment loss, e.g. 0.5% (with Gilbert-Elliott: the loss in the good state).")
    void loss(String v) {
        override("loss", v);
    }

    @Option(names = "--loss-good-to-bad", paramLabel = "RATIO", order = 109,
            description = "Gilbert-Elliott: chance per segment of entering the bad state (turns burst loss on).")
    void lossGoodToBad(String v) {
        override("loss-good-to-bad", v);
    }

    @Option(names = "--loss-bad-to-good", paramLabel = "RATIO", order = 110,
            description = "Gilbert-Elliott: chance per segment of leaving the bad state.")
    void lossBadToGood(String v) {
        override("loss-bad-to-good", v);
    }

    @Option(names = "--loss-in-bad", paramLabel = "RATIO", order = 111,
            description = "Gilbert-Elliott: loss in the bad state (default 100%).")
    void lossInBad(String v) {
        override("loss-in-bad", v);
    }

    @Option(names = "--mss", paramLabel = "BYTES", order = 112, description = "Maximum segment size (1460).")
    void mss(String v) {
        override("mss", v);
    }

    @Option(names = "--initcwnd", paramLabel = "SEGMENTS", order = 113, description = "Initial congestion window (10).")
    void initcwnd(String v) {
        override("initcwnd", v);
    }

    @Option(names = "--ssthresh", paramLabel = "SEGMENTS", order = 114, description = "Slow-start threshold, or none (default).")
    void ssthresh(String v) {
        override("ssthresh", v);
    }

    @Option(names = "--slow-start", paramLabel = "on|off", order = 115, description = "Emulate slow start (on).")
    void slowStart(String v) {
        override("slow-start", v);
    }

    @Option(names = "--slow-start-after-idle", paramLabel = "on|off", order = 116,
            description = "Restart from initcwnd after an idle period longer than the RTO (on).")
    void slowStartAfterIdle(String v) {
        override("slow-start-after-idle", v);
    }

    @Option(names = "--handshake", paramLabel = "on|off", order = 117, description = "Emulate the TCP handshake, 1 RTT (on).")
    void handshake(String v) {
        override("handshake", v);
    }

    @Option(names = "--delayed-ack", paramLabel = "on|off", order = 118,
            description = "Delayed ACKs: slow start grows 1.5x per round trip instead of 2x (off).")
    void delayedAck(String v) {
        override("delayed-ack", v);
    }

    @Option(names = "--gamma", paramLabel = "FACTOR", order = 119, description = "Slow-start growth per round trip, in (1, 2].")
    void gamma(String v) {
        override("gamma", v);
    }

    @Option(names = "--rto", paramLabel = "DURATION", order = 120, description = "Minimum retransmission timeout (200ms).")
    void rto(String v) {
        override("rto", v);
    }

    @Option(names = "--syn-rto", paramLabel = "DURATION", order = 121, description = "SYN retransmission timeout (1s).")
    void synRto(String v) {
        override("syn-rto", v);
    }

    /** The profile: the preset or file named by {@code --profile} (else the defaults), then every flag given. */
    public NetworkProfile toProfile() {
        NetworkProfile.Builder builder = base != null ? base.toBuilder() : NetworkProfile.builder();
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

    /** The flags given, by key, as typed (without {@code --profile}). */
    public Map<String, String> overrides() {
        return Map.copyOf(overrides);
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
