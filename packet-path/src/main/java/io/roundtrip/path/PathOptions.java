package io.roundtrip.path;

import java.util.Set;

/**
 * How a packet path runs, beyond the profile it enforces.
 *
 * @param queueBytes        the drop-tail queue ahead of each direction's bottleneck (when a bandwidth is set)
 * @param seed              the random source of loss and jitter, for runs that repeat
 * @param clientInNamespace whether the client runs in the namespace ({@code bin/harness path}) or on the host
 *                          ({@code -Dpath=packet}, the servers in the namespace): which way is "up"
 * @param reorder           whether jitter may reorder packets
 * @param congestionControl the kernel's congestion control on both ends' routes: {@code cubic} (Linux's default),
 *                          {@code reno} or {@code bbr}
 */
public record PathOptions(long queueBytes, long seed, boolean clientInNamespace, boolean reorder,
        String congestionControl) {

    public static final Set<String> CONGESTION_CONTROLS = Set.of("cubic", "reno", "bbr");

    public PathOptions {
        if (queueBytes < 1) {
            throw new IllegalArgumentException("the queue must hold at least one byte");
        }
        if (!CONGESTION_CONTROLS.contains(congestionControl)) {
            throw new IllegalArgumentException("congestion control '" + congestionControl + "': expected one of "
                    + String.join(", ", new java.util.TreeSet<>(CONGESTION_CONTROLS)));
        }
    }

    /** A client in the namespace, jitter never reordering, CUBIC. */
    public static PathOptions of(long queueBytes, long seed) {
        return new PathOptions(queueBytes, seed, true, false, "cubic");
    }

    public PathOptions withServersInNamespace() {
        return new PathOptions(queueBytes, seed, false, reorder, congestionControl);
    }

    public PathOptions withReorder(boolean reorderPackets) {
        return new PathOptions(queueBytes, seed, clientInNamespace, reorderPackets, congestionControl);
    }

    public PathOptions withCongestionControl(String algorithm) {
        return new PathOptions(queueBytes, seed, clientInNamespace, reorder, algorithm);
    }
}
