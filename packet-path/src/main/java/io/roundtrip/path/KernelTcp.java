package io.roundtrip.path;

import io.roundtrip.model.profile.NetworkProfile;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The profile's TCP keys as the kernel takes them. On the packet path TCP is the kernel's own, so what the proxy and
 * the model emulate (handshake, slow start, growth factor, SYN timeout) simply happens, and can be tuned only where
 * Linux lets a route do it (ip-route(8)): {@code initcwnd}, {@code advmss}, {@code ssthresh}, {@code rto_min},
 * {@code congctl}; slow-start-after-idle is a per-namespace sysctl. A key set otherwise is refused in one line.
 */
final class KernelTcp {

    private KernelTcp() {}

    /** Refuses, in one line, a profile asking for what the kernel's TCP cannot be told to do. */
    static void requireEnforceable(NetworkProfile profile) {
        NetworkProfile standard = NetworkProfile.DEFAULT;
        List<String> refused = new ArrayList<>();
        if (!profile.handshake()) {
            refused.add("no handshake (the kernel always handshakes)");
        }
        if (!profile.slowStart()) {
            refused.add("no slow start (the kernel always slow-starts)");
        }
        if (profile.gamma() != standard.gamma()) {
            refused.add("gamma " + profile.gamma() + " (the kernel's growth is its congestion control's)");
        }
        if (!profile.synRto().equals(standard.synRto())) {
            refused.add("syn-rto (the kernel's initial SYN timeout is 1s)");
        }
        if (!refused.isEmpty()) {
            throw new PathException("the packet path cannot enforce " + String.join(", ", refused)
                    + ": it runs the kernel's own TCP");
        }
    }

    /** The route attributes that carry the profile's TCP keys and the congestion control. */
    static List<String> routeOptions(NetworkProfile profile, String congestionControl) {
        List<String> options = new ArrayList<>(List.of(
                "initcwnd", Integer.toString(profile.initcwndSegments()),
                "advmss", Integer.toString(profile.mssBytes()),
                "rto_min", profile.rto().toMillis() + "ms",
                "congctl", congestionControl));
        profile.ssthreshSegments().ifPresent(segments -> options.addAll(List.of("ssthresh", Integer.toString(segments))));
        return options;
    }

    /** The namespace's own {@code tcp_slow_start_after_idle} (it is per network namespace), when the profile turns it off. */
    static Optional<String[]> slowStartAfterIdle(String namespace, NetworkProfile profile) {
        return profile.slowStartAfterIdle() ? Optional.empty()
                : Optional.of(new String[] {"netns", "exec", namespace, "sysctl", "-q", "-w",
                        "net.ipv4.tcp_slow_start_after_idle=0"});
    }
}
