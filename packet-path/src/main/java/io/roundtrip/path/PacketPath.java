package io.roundtrip.path;

import io.roundtrip.model.profile.Direction;
import io.roundtrip.model.profile.NetworkProfile;
import java.io.IOException;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A network namespace whose traffic to the host crosses the profile packet by packet, under the kernel's own TCP and
 * UDP on both ends. Two TUN devices, both created here: the namespace's ({@code rtpNNNNn}, its default route) and
 * the host's ({@code rtpNNNNh}, holding the host's side of a point-to-point /32 pair). A packet the namespace sends is
 * read from its device, passed through the upstream {@link Link} and written into the host's device, where the host
 * kernel receives it: for its own address, or forwarded onward (with NAT when iptables is there). Replies take the
 * downstream link back.
 *
 * <p>Needs Linux, {@code /dev/net/tun}, iproute2's {@code ip}, and root or CAP_NET_ADMIN. {@link #close()} removes
 * the namespace, both devices and the NAT rule; a shutdown hook does the same if the JVM is stopped by a signal.
 */
public final class PacketPath implements AutoCloseable {

    /** Packets a TUN device queues for the relay (see {@link #setUp}). */
    static final int DEVICE_QUEUE_PACKETS = 10_000;

    private static final Logger log = LoggerFactory.getLogger(PacketPath.class);
    private static final long COMMAND_TIMEOUT_SECONDS = 10;
    /** Namespaces are named after the process that made them, so one whose process is gone can be removed. */
    private static final String NAMESPACE_PREFIX = "roundtrip-path-";

    private final String namespace;
    private final String hostAddress;
    private final String namespaceAddress;
    private final List<AutoCloseable> undo = new ArrayList<>();
    private final List<Link> links = new ArrayList<>();
    private final Thread shutdownHook = new Thread(this::close, "packet-path-teardown");
    private boolean closed;

    private PacketPath(String namespace, String hostAddress, String namespaceAddress) {
        this.namespace = namespace;
        this.hostAddress = hostAddress;
        this.namespaceAddress = namespaceAddress;
    }

    /** Sets up the namespace and starts both links; a profile key the kernel cannot take is refused in one line. */
    public static PacketPath start(NetworkProfile profile, PathOptions options) {
        KernelTcp.requireEnforceable(profile);
        long pid = ProcessHandle.current().pid();
        removeStaleNamespaces();
        int subnet = (int) (pid % 250) + 1;
        PacketPath path = new PacketPath(NAMESPACE_PREFIX + pid, "10.233." + subnet + ".1", "10.233." + subnet + ".2");
        try {
            path.setUp(profile, options, "rtp" + pid % 10_000);
        } catch (RuntimeException | Error e) {
            path.close();
            throw e;
        }
        return path;
    }

    private void setUp(NetworkProfile profile, PathOptions options, String devicePrefix) {
        requireLinux();
        ip("netns", "add", namespace);
        undo.add(() -> ipQuietly("netns", "del", namespace));
        TunDevice host = own(TunDevice.create(devicePrefix + "h"));
        TunDevice inside = own(TunDevice.create(devicePrefix + "n"));
        ip("link", "set", inside.name(), "netns", namespace);
        // A TUN device holds what the kernel routes to it until the relay reads it, 500 packets by default: a large
        // window's burst overflowed that, dropping packets the profile never lost (benchmarks/calibrate.sh: 588 TX
        // drops over 12 kept-alive 1 MiB responses). The profile's own queue is the relay's drop-tail queue.
        ip("link", "set", host.name(), "txqueuelen", String.valueOf(DEVICE_QUEUE_PACKETS));
        ip("-n", namespace, "link", "set", inside.name(), "txqueuelen", String.valueOf(DEVICE_QUEUE_PACKETS));
        ip("addr", "add", hostAddress, "peer", namespaceAddress, "dev", host.name());
        ip("link", "set", host.name(), "up");
        ip("-n", namespace, "link", "set", "lo", "up");
        ip("-n", namespace, "addr", "add", namespaceAddress, "peer", hostAddress, "dev", inside.name());
        ip("-n", namespace, "link", "set", inside.name(), "up");
        // the kernel's own TCP on both ends, told the profile's initial window, MSS, ssthresh, RTO floor and the
        // congestion control through the routes it sends on (ip-route(8))
        List<String> tcp = KernelTcp.routeOptions(profile, options.congestionControl());
        ip(concat(List.of("-n", namespace, "route", "add", "default", "via", hostAddress, "dev", inside.name()), tcp));
        ip(concat(List.of("route", "replace", namespaceAddress, "dev", host.name(), "src", hostAddress), tcp));
        KernelTcp.slowStartAfterIdle(namespace, profile).ifPresent(PacketPath::ip);
        enableNat();
        Direction outOfNamespace = options.clientInNamespace() ? Direction.UP : Direction.DOWN;
        Direction intoNamespace = options.clientInNamespace() ? Direction.DOWN : Direction.UP;
        // the client's SYNs leave the namespace ("out") when it runs inside, enter it ("in") when the servers do
        int outSyns = options.clientInNamespace() ? options.dropSyns() : 0;
        int inSyns = options.clientInNamespace() ? 0 : options.dropSyns();
        Link up = new Link("out", inside, host, profile, outOfNamespace, options.queueBytes(), options.seed(),
                options.reorder(), outSyns);
        Link down = new Link("in", host, inside, profile, intoNamespace, options.queueBytes(), options.seed() + 1,
                options.reorder(), inSyns);
        links.add(up);
        links.add(down);
        undo.add(up);
        undo.add(down);
        up.start();
        down.start();
        Runtime.getRuntime().addShutdownHook(shutdownHook);
    }

    /** The drop-tail queue when none is given: one bandwidth-delay product of the faster direction, at least 64 KiB. */
    public static long defaultQueueBytes(NetworkProfile profile) {
        long rate = Math.max(profile.bandwidthUpBitsPerSecond(), profile.bandwidthDownBitsPerSecond());
        return Math.max(64 * 1024, (long) (rate / 8.0 * profile.rttNanos() / 1e9));
    }

    /** The host's side: what a command in the namespace connects to ({@code ROUNDTRIP_HOST}). */
    public String hostAddress() {
        return hostAddress;
    }

    /** The namespace's own address. */
    public String namespaceAddress() {
        return namespaceAddress;
    }

    public String namespace() {
        return namespace;
    }

    /** Packets read, lost, dropped at the queue and written, per direction (out of and into the namespace). */
    public String counts() {
        return "out " + links.get(0).counts() + ", in " + links.get(1).counts();
    }

    /**
     * Runs {@code command} inside the namespace with {@code ROUNDTRIP_HOST} set, its standard streams the caller's,
     * and returns its exit status.
     */
    public int run(List<String> command) throws IOException, InterruptedException {
        List<String> argv = new ArrayList<>(List.of("ip", "netns", "exec", namespace));
        argv.addAll(command);
        ProcessBuilder builder = new ProcessBuilder(argv).inheritIO();
        builder.environment().put("ROUNDTRIP_HOST", hostAddress);
        return builder.start().waitFor();
    }

    /** A process builder for {@code command} inside the namespace, for callers that read its output. */
    public ProcessBuilder processIn(List<String> command) {
        List<String> argv = new ArrayList<>(List.of("ip", "netns", "exec", namespace));
        argv.addAll(command);
        ProcessBuilder builder = new ProcessBuilder(argv);
        builder.environment().put("ROUNDTRIP_HOST", hostAddress);
        return builder;
    }

    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        for (int i = undo.size() - 1; i >= 0; i--) {
            try {
                undo.get(i).close();
            } catch (Exception e) {
                log.warn("packet path teardown: {}", e.toString());
            }
        }
        try {
            Runtime.getRuntime().removeShutdownHook(shutdownHook);
        } catch (IllegalStateException e) {
            // already shutting down: this is the hook
        }
    }

    /** A namespace left by a process that was killed (SIGKILL runs no shutdown hook): removed at the next start. */
    private static void removeStaleNamespaces() {
        try (var names = Files.list(Path.of("/var/run/netns"))) {
            names.map(file -> file.getFileName().toString()).filter(name -> name.startsWith(NAMESPACE_PREFIX))
                    .filter(name -> {
                        try {
                            return ProcessHandle.of(Long.parseLong(name.substring(NAMESPACE_PREFIX.length())))
                                    .isEmpty();
                        } catch (NumberFormatException e) {
                            return false;
                        }
                    })
                    .forEach(name -> {
                        log.info("packet path: removing {}, left by a process that is gone", name);
                        ipQuietly("netns", "del", name);
                    });
        } catch (IOException e) {
            // no namespaces yet
        }
    }

    private TunDevice own(TunDevice device) {
        undo.add(device);
        return device;
    }

    /** Forwarding and masquerading, so the namespace reaches what the host reaches; without iptables, host only. */
    private void enableNat() {
        try {
            Files.writeString(Path.of("/proc/sys/net/ipv4/ip_forward"), "1");
        } catch (IOException e) {
            log.info("packet path: cannot enable IP forwarding ({}); the namespace reaches this host only", e.toString());
            return;
        }
        List<String> rule = List.of("-t", "nat", "POSTROUTING", "-s", namespaceAddress + "/32", "-j", "MASQUERADE");
        if (exec(concat("iptables", "-A", rule)) != 0) {
            log.info("packet path: no iptables; the namespace reaches this host only");
            return;
        }
        undo.add(() -> exec(concat("iptables", "-D", rule)));
    }

    private static List<String> concat(String program, String action, List<String> rule) {
        List<String> argv = new ArrayList<>(List.of(program, rule.get(0), rule.get(1), action));
        argv.addAll(rule.subList(2, rule.size()));
        return argv;
    }

    private static void requireLinux() {
        if (!Files.exists(Path.of("/dev/net/tun"))) {
            throw new PathException("no /dev/net/tun: the packet path needs Linux with TUN devices");
        }
        try {
            InetAddress.getByName("10.233.0.1");
        } catch (UnknownHostException e) {
            throw new PathException("cannot use IPv4 addresses here");
        }
    }

    private static List<String> concat(List<String> first, List<String> second) {
        List<String> all = new ArrayList<>(first);
        all.addAll(second);
        return all;
    }

    private static void ip(String... args) {
        ip(List.of(args));
    }

    private static void ip(List<String> args) {
        List<String> argv = new ArrayList<>(List.of("ip"));
        argv.addAll(args);
        String[] output = new String[1];
        int status = exec(argv, output);
        if (status != 0) {
            throw new PathException(String.join(" ", argv) + " failed: " + output[0].strip().replace('\n', ' ')
                    + (status == 127 ? " (is iproute2 installed?)" : ""));
        }
    }

    private static void ipQuietly(String... args) {
        List<String> argv = new ArrayList<>(List.of("ip"));
        argv.addAll(List.of(args));
        exec(argv);
    }

    private static int exec(List<String> argv) {
        return exec(argv, new String[1]);
    }

    /** Runs a setup command, output captured; 127 when the program is missing. */
    private static int exec(List<String> argv, String[] output) {
        try {
            Process process = new ProcessBuilder(argv).redirectErrorStream(true).start();
            process.getOutputStream().close();
            byte[] bytes = process.getInputStream().readAllBytes();
            output[0] = new String(bytes, StandardCharsets.UTF_8);
            if (!process.waitFor(COMMAND_TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                output[0] = "timed out";
                return -1;
            }
            return process.exitValue();
        } catch (IOException e) {
            output[0] = e.getMessage();
            return 127;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            output[0] = "interrupted";
            return -1;
        }
    }
}
