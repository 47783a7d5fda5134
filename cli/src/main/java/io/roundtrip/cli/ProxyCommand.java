package io.roundtrip.cli;

import io.roundtrip.model.profile.NetworkProfile;
import io.roundtrip.model.profile.ProfileBuilder;
import io.roundtrip.model.units.Units;
import io.roundtrip.proxy.Addresses;
import io.roundtrip.proxy.ProfileToxics;
import io.roundtrip.proxy.ProxyConfig;
import io.roundtrip.proxy.ProxyListener;
import io.roundtrip.proxy.ProxyServer;
import io.roundtrip.proxy.api.ApiServer;
import io.roundtrip.proxy.api.PopulateFile;
import java.io.PrintWriter;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code bin/harness proxy}: the latency-injecting proxy. Each {@code --listen} forwards to the {@code --upstream}
 * at the same position, through the network profile; the control API speaks toxiproxy's dialect.
 */
@Command(name = "proxy", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Run the latency-injecting TCP proxy until interrupted.",
            "Each --listen forwards to the --upstream given in the same position (never anywhere else), through the "
                    + "network profile. Handshake and slow start are emulated whenever the RTT is above zero; with "
                    + "no condition flags it is a plain pass-through. With no --listen it runs the toxiproxy-"
                    + "compatible API alone (default 127.0.0.1:8474), as toxiproxy-server does."},
        footer = {"", "Examples:",
            "  harness proxy --listen 127.0.0.1:9000 --upstream 127.0.0.1:8443 --rtt 80ms",
            "  harness proxy --listen :9000 --upstream 127.0.0.1:8080 --profile cross-ocean --loss 0.5%%",
            "  harness proxy --api 127.0.0.1:8474 --config proxies.json"})
final class ProxyCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = "--listen", paramLabel = "HOST:PORT", order = 1,
            description = "Address to listen on (port 0 picks one); repeatable, paired with --upstream.")
    List<String> listen = new ArrayList<>();

    @Option(names = "--upstream", paramLabel = "HOST:PORT", order = 2,
            description = "The fixed upstream of the --listen in the same position.")
    List<String> upstream = new ArrayList<>();

    @Option(names = "--name", paramLabel = "NAME", order = 3,
            description = "Name of the proxy in the same position (default proxy, proxy-2, ...).")
    List<String> names = new ArrayList<>();

    @Option(names = "--no-handshake", order = 4, description = "Do not emulate the TCP handshake.")
    boolean noHandshake;

    @Option(names = "--no-slow-start", order = 5, description = "Do not emulate slow start.")
    boolean noSlowStart;

    @Option(names = "--config", paramLabel = "FILE", order = 6,
            description = "Proxies to create, in toxiproxy's populate format (a JSON array).")
    Path config;

    @Option(names = "--api", paramLabel = "HOST:PORT", order = 7,
            description = "Serve the toxiproxy-compatible control API here (default 127.0.0.1:8474 when there is no "
                    + "--listen; off otherwise unless given).")
    String api;

    @Option(names = "--event-loops", paramLabel = "N", order = 8, description = "Event-loop threads (default: cores, at most 4).")
    Integer eventLoops;

    @Option(names = "--max-spin", paramLabel = "DURATION", order = 9,
            description = "Most an event loop spins before a release instead of sleeping, for releases on time "
                    + "despite late timers (default 500us; 0 never spins: less CPU, releases 0.1-0.4 ms late on a VM).")
    Duration maxSpin;

    @Mixin
    ProfileOptions profileOptions;

    /** Counted down to stop the command (tests); a signal stops it through the shutdown hook. */
    final CountDownLatch stop = new CountDownLatch(1);

    /** The proxy and, if it is served, its control API. */
    record Running(ProxyServer proxy, ApiServer api) {}

    /**
     * Completed once the listeners and the API are up and printed; completed exceptionally if the command fails
     * before that (tests wait on it instead of polling the output).
     */
    final CompletableFuture<Running> started = new CompletableFuture<>();

    @Override
    public Integer call() throws Exception {
        try {
            return run();
        } catch (Exception | Error e) {
            started.completeExceptionally(e);
            throw e;
        } finally {
            // stopped before it started (e.g. bad input): whoever waits learns it
            started.completeExceptionally(new IllegalStateException("proxy command ended"));
        }
    }

    private Integer run() throws Exception {
        List<InetSocketAddress[]> pairs = pairs();
        NetworkProfile profile = profile();
        InetSocketAddress apiAddress = api != null ? parse("--api", api)
                : pairs.isEmpty() ? ApiServer.DEFAULT_ADDRESS : null;
        ProxyConfig proxyConfig = ProxyConfig.defaults();
        if (eventLoops != null) {
            if (eventLoops < 1) {
                throw new ParameterException(spec.commandLine(), "--event-loops must be >= 1, got " + eventLoops);
            }
            proxyConfig = proxyConfig.withEventLoops(eventLoops);
        }
        if (maxSpin != null) {
            if (maxSpin.isNegative() || maxSpin.compareTo(Duration.ofMillis(10)) > 0) {
                throw new ParameterException(spec.commandLine(), "--max-spin must be from 0 to 10ms, got "
                        + Units.formatDuration(maxSpin));
            }
            proxyConfig = proxyConfig.withMaxSpinNanos(maxSpin.toNanos());
        }
        PrintWriter out = spec.commandLine().getOut();
        ProxyServer proxy = ProxyServer.start(proxyConfig);
        ApiServer apiServer = null;
        CountDownLatch closed = new CountDownLatch(1);
        Thread hook = new Thread(() -> {
            stop.countDown();
            try {
                closed.await(3, java.util.concurrent.TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, "proxy-shutdown");
        try {
            for (int i = 0; i < pairs.size(); i++) {
                String name = i < names.size() ? names.get(i) : i == 0 ? "proxy" : "proxy-" + (i + 1);
                proxy.addListener(name, pairs.get(i)[0], pairs.get(i)[1], ProfileToxics.of(profile));
            }
            if (config != null) {
                PopulateFile.load(proxy, config);
            }
            if (apiAddress != null) {
                apiServer = ApiServer.start(proxy, apiAddress);
            }
            for (ProxyListener l : proxy.listeners()) {
                out.printf("proxy %s listening on %s -> %s%n", l.name(), Addresses.format(l.address()),
                        Addresses.format(l.upstream()));
            }
            if (!pairs.isEmpty()) {
                out.printf("profile: %s%n", profile.describe());
            }
            if (apiServer != null) {
                out.printf("api on http://%s (toxiproxy dialect)%n", Addresses.format(apiServer.address()));
            }
            out.printf("transport %s, %d event loop(s); Ctrl-C to stop%n", proxy.transport().name(),
                    proxy.config().eventLoops());
            out.flush();
            Runtime.getRuntime().addShutdownHook(hook);
            started.complete(new Running(proxy, apiServer));
            try {
                stop.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return 0;
        } finally {
            try {
                Runtime.getRuntime().removeShutdownHook(hook);
            } catch (IllegalStateException | IllegalArgumentException e) {
                // shutting down already, or never added
            }
            if (apiServer != null) {
                apiServer.close();
            }
            proxy.close();
            closed.countDown();
        }
    }

    private NetworkProfile profile() {
        NetworkProfile profile = profileOptions.toProfile();
        if (noHandshake || noSlowStart) {
            ProfileBuilder b = profile.toBuilder();
            if (noHandshake) {
                b.handshake(false);
            }
            if (noSlowStart) {
                b.slowStart(false);
            }
            profile = b.build();
        }
        return profile;
    }

    private List<InetSocketAddress[]> pairs() {
        if (listen.size() != upstream.size()) {
            throw new ParameterException(spec.commandLine(), "each --listen needs an --upstream in the same position ("
                    + listen.size() + " --listen, " + upstream.size() + " --upstream)");
        }
        if (names.size() > listen.size()) {
            throw new ParameterException(spec.commandLine(), "more --name than --listen");
        }
        List<InetSocketAddress[]> pairs = new ArrayList<>();
        for (int i = 0; i < listen.size(); i++) {
            InetSocketAddress up = parse("--upstream", upstream.get(i));
            try {
                Addresses.checkUpstream(up);
            } catch (IllegalArgumentException e) {
                throw new ParameterException(spec.commandLine(), "--upstream: " + e.getMessage());
            }
            pairs.add(new InetSocketAddress[] {parse("--listen", listen.get(i)), up});
        }
        return pairs;
    }

    private InetSocketAddress parse(String option, String text) {
        try {
            return Addresses.parse(text);
        } catch (IllegalArgumentException e) {
            throw new ParameterException(spec.commandLine(), option + ": " + e.getMessage());
        }
    }
}
