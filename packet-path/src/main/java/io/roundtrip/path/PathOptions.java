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
 * @param dropSyns          how many of the client's first SYNs the path drops (beside the profile's loss): what a
 *                          lost SYN costs, deterministically (Linux retransmits after its 1 s initial RTO)
 */
public record PathOptions(long queueBytes, long seed, boolean clientInNamespace, boolean reorder,
        String congestionControl, int dropSyns) {

    public static final Set<String> CONGESTION_CONTROLS = Set.of("cubic", "reno", "bbr");

    public PathOptions {
        if (queueBytes < 1) {
            throw new IllegalArgumentException("the queue must hold at least one byte");
        }
        if (dropSyns < 0) {
            throw new IllegalArgumentException("the SYNs to drop must be 0 or more, not " + dropSyns);
        }
        if (!CONGESTION_CONTROLS.contains(congestionControl)) {
            throw new IllegalArgumentException("congestion control '" + congestionControl + "': expected one of "
                    + String.join(", ", new java.util.TreeSet<>(CONGESTION_CONTROLS)));
        }
    }

    /** A client in the namespace, jitter never reordering, CUBIC. */
    public static PathOptions of(long queueBytes, long seed) {
        return new PathOptions(queueBytes, seed, true, false, "cubic", 0);
    }

    public PathOptions withServersInNamespace() {
        return new PathOptions(queueBytes, seed, false, reorder, congestionControl, dropSyns);
    }

    public PathOptions withReorder(boolean reorderPackets) {
        return new PathOptions(queueBytes, seed, clientInNamespace, reorderPackets, congestionControl, dropSyns);
    }

    public PathOptions withCongestionControl(String algorithm) {
        return new PathOptions(queueBytes, seed, clientInNamespace, reorder, algorithm, dropSyns);
    }

    public PathOptions withDropSyns(int count) {
        return new PathOptions(queueBytes, seed, clientInNamespace, reorder, congestionControl, count);
    }
}
