package io.roundtrip.cli;

import io.roundtrip.model.profile.NetworkProfile;
import io.roundtrip.model.units.Units;
import io.roundtrip.path.PacketPath;
import io.roundtrip.path.PathOptions;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code bin/harness path [profile] -- COMMAND...}: runs COMMAND across the packet path, returns its exit status. */
@Command(name = "path", mixinStandardHelpOptions = true, sortOptions = false,
        description = {
            "Run COMMAND in a new network namespace whose traffic to this host crosses the profile packet by packet,",
            "under the kernel's own TCP and UDP: one-way delays, jitter (never reordering), bandwidth with a drop-tail "
                    + "queue, and loss on every packet both ways, SYNs and ACKs included.",
            "COMMAND gets ROUNDTRIP_HOST, the host's side of the path: a server on this host bound to it or to 0.0.0.0 "
                    + "is reachable through the path. Needs Linux, /dev/net/tun, iproute2 and root or CAP_NET_ADMIN.",
            "Example: bin/harness path --rtt 100ms --loss 1%% -- curl -o /dev/null http://\\$ROUNDTRIP_HOST:8080/bytes/1MiB"
        })
final class PathCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = "--queue", paramLabel = "SIZE", order = 1,
            description = "Drop-tail queue ahead of each direction's bottleneck (default: one bandwidth-delay product,"
                    + " at least 64KiB; used when a bandwidth is set).")
    String queue;

    @Option(names = "--reorder", order = 2,
            description = "Let jitter reorder packets (each leaves at its own time, as netem's jitter); by default a "
                    + "packet never overtakes the one before it, as in the proxy.")
    boolean reorder;

    @Option(names = "--congestion-control", paramLabel = "ALGORITHM", order = 3,
            description = "The kernel's congestion control on both ends: cubic, reno or bbr (default: the "
                    + "profile's --congestion, cubic unless set).")
    String congestionControl;

    @Option(names = "--seed", paramLabel = "N", order = 4, defaultValue = "1",
            description = "Random seed of loss and jitter (default: ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--drop-syns", paramLabel = "N", order = 5, defaultValue = "0",
            description = "Drop the client's first N SYNs (beside --loss): what a lost SYN costs; Linux retransmits "
                    + "after 1s, then 2s, 4s (default: ${DEFAULT-VALUE}).")
    int dropSyns;

    @Mixin
    ProfileOptions profileOptions;

    @Parameters(paramLabel = "COMMAND", arity = "1..*", description = "The command to run, after --.")
    List<String> command = new ArrayList<>();

    @Override
    public Integer call() throws Exception {
        NetworkProfile profile = profileOptions.toProfile();
        long queueBytes = queue != null ? positiveBytes(queue) : PacketPath.defaultQueueBytes(profile);
        try (PacketPath path = PacketPath.start(profile, PathOptions.of(queueBytes, seed).withReorder(reorder)
                .withCongestionControl(congestionControl != null ? congestionControl
                        : profile.congestion().name().toLowerCase(java.util.Locale.ROOT)).withDropSyns(dropSyns))) {
            spec.commandLine().getErr().println("path: " + path.namespace() + " ROUNDTRIP_HOST=" + path.hostAddress()
                    + " over " + profile.describe());
            spec.commandLine().getErr().flush();
            return path.run(command);
        }
    }

    private long positiveBytes(String text) {
        try {
            long bytes = Units.parseBytes(text);
            if (bytes < 1) {
                throw new IllegalArgumentException("expected a size above zero, such as 64KiB");
            }
            return bytes;
        } catch (IllegalArgumentException e) {
            throw new ParameterException(spec.commandLine(), "bad --queue " + text + ": " + e.getMessage());
        }
    }
}
