package io.roundtrip.model.profile;

import static io.roundtrip.model.profile.ProfileKey.count;
import static io.roundtrip.model.profile.ProfileKey.duration;
import static io.roundtrip.model.profile.ProfileKey.fraction;
import static io.roundtrip.model.profile.ProfileKey.onOff;
import static io.roundtrip.model.profile.ProfileKey.rate;

import io.roundtrip.model.tcp.SenderWindow;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Every {@link NetworkProfile} setting, once: the command-line flags ({@code --rtt}), the simulations' system
 * properties ({@code -Drtt}), profile files, {@link ProfileBuilder#set} and {@link NetworkProfile#toMap()}
 * all read this list. Its order is the order keys apply in (a profile file means the same whatever its order) and
 * the order {@code run.json} records them in.
 */
public final class ProfileKeys {

    /** All keys, in application order. */
    public static final List<ProfileKey> ALL = List.of(
            duration("rtt", "Round-trip delay, e.g. 80ms; split evenly into one-way delays unless --delay-up/--delay-down.",
                    ProfileBuilder::rtt, NetworkProfile::rtt),
            duration("delay-up", "One-way delay client to server.", ProfileBuilder::delayUp,
                    NetworkProfile::delayUp),
            duration("delay-down", "One-way delay server to client.", ProfileBuilder::delayDown,
                    NetworkProfile::delayDown),
            new ProfileKey("jitter", "DIST", "Per-segment jitter: none, uniform:5ms, normal:5ms, exponential:5ms, "
                    + "pareto:scale=2ms,shape=2.5, table:FILE.",
                    (b, text) -> b.jitter(JitterDistribution.parse(text)), p -> p.jitter().describe()),
            rate("bandwidth", "Both directions, e.g. 10mbit; unlimited by default.", ProfileBuilder::bandwidth,
                    null),
            rate("bandwidth-up", "Client to server, e.g. 2mbit.", ProfileBuilder::bandwidthUp,
                    NetworkProfile::bandwidthUpBitsPerSecond),
            rate("bandwidth-down", "Server to client, e.g. 10mbit.", ProfileBuilder::bandwidthDown,
                    NetworkProfile::bandwidthDownBitsPerSecond),
            fraction("loss", "Segment loss, e.g. 0.5% (with Gilbert-Elliott: the loss in the good state).",
                    ProfileBuilder::lossRate, p -> burst(p).map(LossModel.GilbertElliott::lossInGood)
                            .orElse(p.loss().meanLossRate())),
            fraction("loss-good-to-bad", "Gilbert-Elliott: chance per segment of entering the bad state "
                    + "(turns burst loss on).", ProfileBuilder::lossGoodToBad,
                    burstValue(LossModel.GilbertElliott::goodToBad)),
            fraction("loss-bad-to-good", "Gilbert-Elliott: chance per segment of leaving the bad state.",
                    ProfileBuilder::lossBadToGood, burstValue(LossModel.GilbertElliott::badToGood)),
            fraction("loss-in-bad", "Gilbert-Elliott: loss in the bad state (default 100%).",
                    ProfileBuilder::lossInBad, burstValue(LossModel.GilbertElliott::lossInBad)),
            count("mss", "BYTES", "a size in bytes like 1460", "Maximum segment size (1460).",
                    ProfileBuilder::mss, NetworkProfile::mssBytes),
            count("initcwnd", "SEGMENTS", "a number of segments like 10", "Initial congestion window (10).",
                    ProfileBuilder::initcwnd, NetworkProfile::initcwndSegments),
            new ProfileKey("ssthresh", "SEGMENTS", "Slow-start threshold, or none (default).",
                    (b, text) -> b.ssthresh(isUnbounded(text) ? 0
                            : ProfileKey.positiveInt("ssthresh", text, "a number of segments like 64, or none")),
                    p -> p.ssthreshSegments().isPresent() ? (Object) p.ssthreshSegments().getAsInt() : "none"),
            onOff("slow-start", "Emulate slow start (on).", ProfileBuilder::slowStart,
                    NetworkProfile::slowStart),
            onOff("slow-start-after-idle", "Restart from initcwnd after an idle period longer than the RTO (on).",
                    ProfileBuilder::slowStartAfterIdle, NetworkProfile::slowStartAfterIdle),
            onOff("handshake", "Emulate the TCP handshake, 1 RTT (on).", ProfileBuilder::handshake,
                    NetworkProfile::handshake),
            onOff("delayed-ack", "Delayed ACKs: slow start grows 1.5x per round trip instead of 2x (off).",
                    ProfileBuilder::delayedAck, NetworkProfile::delayedAck),
            new ProfileKey("gamma", "FACTOR", "Slow-start growth per round trip, in (1, 2].",
                    (b, text) -> b.gamma(gamma(text)), NetworkProfile::gamma),
            duration("rto", "Minimum retransmission timeout (200ms).", ProfileBuilder::rto,
                    NetworkProfile::rto),
            duration("syn-rto", "SYN retransmission timeout (1s).", ProfileBuilder::synRto,
                    NetworkProfile::synRto),
            new ProfileKey("congestion", "ALGORITHM", "Congestion control of the sender: cubic (Linux's default) "
                    + "or reno.", (b, text) -> b.congestion(congestion(text)),
                    p -> p.congestion().name().toLowerCase(Locale.ROOT)));

    private static final Map<String, ProfileKey> BY_NAME = ALL.stream()
            .collect(Collectors.toUnmodifiableMap(ProfileKey::name, Function.identity()));

    /** The keys' names, in application order. */
    public static final List<String> NAMES = ALL.stream().map(ProfileKey::name).toList();

    private ProfileKeys() {}

    /** The key named {@code name} (case and surrounding blanks ignored). */
    public static Optional<ProfileKey> find(String name) {
        return Optional.ofNullable(name == null ? null : BY_NAME.get(name.trim().toLowerCase(Locale.ROOT)));
    }

    /** As {@link #find}, or one line naming the bad key and listing the good ones. */
    public static ProfileKey get(String name) {
        return find(name).orElseThrow(() -> new IllegalArgumentException("unknown profile key '" + name
                + "': expected one of " + String.join(", ", NAMES)));
    }

    private static Optional<LossModel.GilbertElliott> burst(NetworkProfile p) {
        return p.loss() instanceof LossModel.GilbertElliott ge ? Optional.of(ge) : Optional.empty();
    }

    /** A Gilbert–Elliott parameter, recorded only when the loss is bursty. */
    private static Function<NetworkProfile, Double> burstValue(Function<LossModel.GilbertElliott, Double> value) {
        return p -> burst(p).map(value).orElse(null);
    }

    private static boolean isUnbounded(String text) {
        return text.equalsIgnoreCase("none") || text.equalsIgnoreCase("off") || text.equalsIgnoreCase("infinite")
                || text.equals("0");
    }

    private static SenderWindow.Algorithm congestion(String text) {
        for (SenderWindow.Algorithm a : SenderWindow.Algorithm.values()) {
            if (a.name().equalsIgnoreCase(text.trim())) {
                return a;
            }
        }
        throw new IllegalArgumentException("bad congestion '" + text + "': expected cubic or reno");
    }

    private static double gamma(String text) {
        try {
            double g = Double.parseDouble(text);
            if (g > 1 && g <= 2) {
                return g;
            }
        } catch (NumberFormatException e) {
            // the one-line error below
        }
        throw new IllegalArgumentException("bad gamma '" + text + "': expected a number in (1, 2] like 1.5");
    }
}
