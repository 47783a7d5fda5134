package io.roundtrip.gatling;

import static io.roundtrip.gatling.RouteEndpoints.baseUrl;
import static io.roundtrip.gatling.RouteEndpoints.direct;
import static io.roundtrip.gatling.RouteEndpoints.proxied;
import static io.roundtrip.gatling.RouteEndpoints.proxyHost;
import static io.roundtrip.gatling.RouteEndpoints.upstreamAddress;

import io.roundtrip.model.profile.NetworkProfile;
import io.roundtrip.origin.Origin;
import io.roundtrip.origin.OriginConfig;
import io.roundtrip.path.PacketPath;
import io.roundtrip.path.PathOptions;
import io.roundtrip.proxy.ProxyConfig;
import io.roundtrip.proxy.ProxyServer;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What a run stands on: the embedded origin (or an external target), the proxy in front of it enforcing the run's
 * profile, a zero-latency proxy path for the noise floor, and the recording of every measured request.
 *
 * <p>A simulation is built before it runs: {@link #plan} gives it {@link Route}s to build its requests on, each a
 * way to the target that gets its address when {@link #start()} opens it, from the simulation's {@code before()}.
 * Which routes there are follows from the parameters alone (the embedded origin offers all four; an external
 * target plain HTTP or TLS, by its scheme).
 *
 * <p>Gatling targets the proxy's own addresses: a Gatling {@code .proxy(...)} would force HTTP/1.1, so the proxy
 * is transparent. For an external target, Gatling is pointed at {@code scheme://target-host:proxy-port} and its
 * {@code hostNameAliases} resolve the target's host name to 127.0.0.1, so TLS SNI and the {@code Host} header
 * carry the target's name (with the proxy's port).
 *
 * <p>Everything listens on 127.0.0.1 and is stopped by {@link #close()}.
 */
public final class Testbed implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(Testbed.class);
    private static final Duration HLOG_INTERVAL = Duration.ofSeconds(1);

    /** The ways of reaching the target over one profile; each is empty when the target does not offer it. */
    public record Paths(Optional<Route> plain, Optional<Route> tls, Optional<Route> tls12, Optional<Route> tls13) {}

    /** A profile a simulation asked for before the start, and its routes. */
    private record PlannedPaths(int index, NetworkProfile profile, Paths routes) {}

    private final List<AutoCloseable> resources = new ArrayList<>();
    private final Map<String, PlannedPaths> pathsByProfile = new LinkedHashMap<>();
    private final RunParameters parameters;
    private final Path resultsDirectory;
    private final Route noiseFloor;
    /** The embedded origin's ports by scheme, held when a simulation needs their URLs before the start. */
    private final Map<String, PortReservation> originReservations = new HashMap<>();
    private boolean started;
    private Route.Endpoint plain;
    private Route.Endpoint tls;
    private Route.Endpoint tls12;
    private Route.Endpoint tls13;
    private ProxyServer proxy;
    private URI plainUpstream;
    private URI tlsUpstream;
    private Optional<URI> tls12Upstream = Optional.empty();
    private Optional<URI> tls13Upstream = Optional.empty();
    private final LatencyRecording recording;
    /** The packet path's endpoints with {@code -Dpath=packet}, else null. */
    private Endpoints packetPaths;

    /** The endpoints of one profile, null where the target does not offer one. */
    private record Endpoints(Route.Endpoint plain, Route.Endpoint tls, Route.Endpoint tls12, Route.Endpoint tls13) {}

    private Testbed(RunParameters parameters, String simulation) {
        this.parameters = parameters;
        String stamp = LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss"));
        this.resultsDirectory = Path.of(System.getProperty("roundtrip.results", "target/roundtrip"))
                .resolve(simulation + "-" + stamp).toAbsolutePath();
        this.recording = new LatencyRecording(resultsDirectory, parameters.warmUp(), HLOG_INTERVAL);
        this.noiseFloor = new Route(offersPlain() ? "http" : "https");
    }

    /** The testbed {@code parameters} ask for, not started: its routes, recording and results folder. */
    public static Testbed plan(RunParameters parameters, String simulation) {
        return new Testbed(parameters, simulation);
    }

    /** Plans the testbed and starts it at once. */
    public static Testbed start(RunParameters parameters, String simulation) {
        Testbed testbed = plan(parameters, simulation);
        testbed.start();
        return testbed;
    }

    /**
     * Starts the origin (unless a target is given) and the proxy, and opens every planned route.
     *
     * @throws RuntimeException when a server cannot start; what did start is stopped again
     */
    public synchronized void start() {
        try {
            startServers();
            started = true;
            pathsByProfile.values().forEach(this::open);
        } catch (RuntimeException e) {
            close();
            throw e;
        }
    }

    private void startServers() {
        if (parameters.packetPath()) {
            startPacketPath();
            return;
        }
        if (parameters.target().isEmpty()) {
            Origin origin = own(Origin.start(OriginConfig.builder()
                    .port(PortReservation.releaseOrAny(originReservations.get("http")))
                    .tlsPort(PortReservation.releaseOrAny(originReservations.get("https"))).build()));
            plainUpstream = origin.httpUri();
            tlsUpstream = origin.httpsUri();
            tls12Upstream = Optional.of(tlsOnlyOrigin("TLSv1.2").httpsUri());
            tls13Upstream = Optional.of(tlsOnlyOrigin("TLSv1.3").httpsUri());
        } else {
            URI target = parameters.target().get();
            plainUpstream = "http".equals(target.getScheme()) ? target : null;
            tlsUpstream = "https".equals(target.getScheme()) ? target : null;
        }

        if (!parameters.proxied()) {
            plain = direct(plainUpstream);
            tls = direct(tlsUpstream);
            tls12 = tls12Upstream.map(RouteEndpoints::direct).orElse(null);
            tls13 = tls13Upstream.map(RouteEndpoints::direct).orElse(null);
            noiseFloor.open(plain != null ? plain : tls);
            return;
        }
        // No spinning before releases here: this proxy shares the JVM and the cores with Gatling, and spinning loops
        // cost the load generator more than they gain (default run, two each: h1-keepalive p50 81.2-81.6 ms without,
        // 81.7-82.3 with; the noise floor 0.84 vs 0.78-1.02 ms). The standalone proxy spins (docs/proxy.md).
        proxy = own(ProxyServer.start(ProxyConfig.defaults().withMaxSpinNanos(0)));
        // The same proxy code path with nothing injected: what the harness itself costs.
        URI floorUpstream = plainUpstream != null ? plainUpstream : tlsUpstream;
        noiseFloor.open(proxied(proxy, "noise-floor", floorUpstream, NetworkProfile.DEFAULT, noiseFloor));
    }

    /**
     * The base URL {@code route} will have once started, known now: for a simulation whose requests are relative to
     * its protocol's base URL, which Gatling takes while it builds the simulation. The port is reserved now and bound
     * by the start ({@link PortReservation}). Not with {@code -Dpath=packet}, whose addresses come from the namespace.
     *
     * @throws IllegalArgumentException with {@code -Dpath=packet}, or when the target's host does not resolve
     */
    public synchronized String plannedBaseUrl(Route route) {
        if (started) {
            return route.baseUrl();
        }
        if (parameters.packetPath()) {
            throw new IllegalArgumentException("-Dpath=packet runs the built-in simulations only, not a simulation of"
                    + " requests relative to a base URL (Roundtrip)");
        }
        Optional<URI> target = parameters.target();
        if (!parameters.proxied()) {
            if (target.isPresent()) {
                return direct(target.get()).baseUrl();
            }
            return baseUrl(route.scheme(), "127.0.0.1",
                    originReservations.computeIfAbsent(route.scheme(), scheme -> own(PortReservation.hold())).port());
        }
        String host = target.isEmpty() ? "127.0.0.1"
                : proxyHost(upstreamAddress(target.get()), target.get().getHost());
        own(route::takeReservedPort);   // released on close if the start never binds it
        return baseUrl(route.scheme(), host, route.reservePort());
    }

    /**
     * {@code -Dpath=packet}: the embedded origins in a network namespace behind the packet path, reached by the
     * kernel's own TCP; the noise floor stays on this host, through a proxy listener with nothing injected.
     */
    private void startPacketPath() {
        if (parameters.target().isPresent()) {
            throw new IllegalArgumentException("-Dpath=packet runs against the embedded origin only (not -Dtarget)");
        }
        NetworkProfile profile = parameters.profile();
        PacketPath path = own(PacketPath.start(profile,
                PathOptions.of(PacketPath.defaultQueueBytes(profile), 1).withServersInNamespace()));
        NamespaceProcess origins = own(NamespaceProcess.start(path, NamespaceOrigins.class));
        List<String> ports = origins.lineWords("ports");
        String host = path.namespaceAddress();
        plain = new Route.Endpoint("http://" + host + ":" + ports.get(0), Optional.empty());
        tls = new Route.Endpoint("https://" + host + ":" + ports.get(1), Optional.empty());
        tls12 = new Route.Endpoint("https://" + host + ":" + ports.get(2), Optional.empty());
        tls13 = new Route.Endpoint("https://" + host + ":" + ports.get(3), Optional.empty());
        log.info("packet path {} enforcing {}; origins at {}", path.namespace(), profile.describe(), host);
        Origin floorOrigin = own(Origin.start(OriginConfig.builder().port(0).tlsPort(-1).build()));
        plainUpstream = floorOrigin.httpUri();
        proxy = own(ProxyServer.start(ProxyConfig.defaults().withMaxSpinNanos(0)));
        noiseFloor.open(proxied(proxy, "noise-floor", plainUpstream, NetworkProfile.DEFAULT, noiseFloor));
        packetPaths = new Endpoints(plain, tls, tls12, tls13);
    }

    /**
     * The target over {@code profile}: proxy listeners enforcing it, opened at the start (a sweep asks for several
     * profiles; each gets its own listeners, all in front of the same origin). Without the proxy, the direct paths.
     */
    public synchronized Paths pathsFor(NetworkProfile profile) {
        PlannedPaths planned = pathsByProfile.get(key(profile));
        if (planned == null) {
            planned = new PlannedPaths(pathsByProfile.size(), profile, new Paths(route(offersPlain(), "http"),
                    route(offersTls(), "https"), route(offersPinnedTls(), "https"), route(offersPinnedTls(), "https")));
            pathsByProfile.put(key(profile), planned);
            if (started) {
                open(planned);
            }
        }
        return planned.routes();
    }

    private static String key(NetworkProfile profile) {
        return profile.name() + "@" + profile.hashCode();
    }

    private static Optional<Route> route(boolean offered, String scheme) {
        return offered ? Optional.of(new Route(scheme)) : Optional.empty();
    }

    private boolean offersPlain() {
        return parameters.packetPath() || parameters.target().map(t -> "http".equals(t.getScheme())).orElse(true);
    }

    private boolean offersTls() {
        return parameters.packetPath() || parameters.target().map(t -> "https".equals(t.getScheme())).orElse(true);
    }

    /**
     * Origins that speak only TLS 1.2, or only 1.3: the embedded ones; an external target's versions cannot be
     * pinned.
     */
    private boolean offersPinnedTls() {
        return parameters.packetPath() || parameters.target().isEmpty();
    }

    /** Gives the routes of {@code planned} their endpoints: listeners of their own, or the run's direct paths. */
    private void open(PlannedPaths planned) {
        Paths routes = planned.routes();
        Endpoints endpoints = endpointsFor(planned.profile(), planned.index(), routes);
        openRoute(routes.plain(), endpoints.plain(), "plain HTTP");
        openRoute(routes.tls(), endpoints.tls(), "TLS");
        openRoute(routes.tls12(), endpoints.tls12(), "TLS 1.2");
        openRoute(routes.tls13(), endpoints.tls13(), "TLS 1.3");
    }

    private static void openRoute(Optional<Route> route, Route.Endpoint endpoint, String what) {
        route.ifPresent(r -> {
            if (endpoint == null) {
                throw new IllegalStateException("the target offers no " + what);
            }
            r.open(endpoint);
        });
    }

    private Endpoints endpointsFor(NetworkProfile profile, int index, Paths routes) {
        if (packetPaths != null) {
            if (!profile.equals(parameters.profile())) {
                throw new IllegalArgumentException("-Dpath=packet enforces one profile per run");
            }
            return packetPaths;
        }
        if (proxy == null) {
            return new Endpoints(plain, tls, tls12, tls13);
        }
        String prefix = index + "-" + profile.name();
        log.info("proxy enforcing {} in front of {}", profile.describe(), parameters.target().orElse(plainUpstream));
        return new Endpoints(
                proxied(proxy, prefix + "-plain", plainUpstream, profile, routes.plain().orElse(null)),
                proxied(proxy, prefix + "-tls", tlsUpstream, profile, routes.tls().orElse(null)),
                tls12Upstream.map(u -> proxied(proxy, prefix + "-tls12", u, profile, routes.tls12().orElse(null)))
                        .orElse(null),
                tls13Upstream.map(u -> proxied(proxy, prefix + "-tls13", u, profile, routes.tls13().orElse(null)))
                        .orElse(null));
    }

    private Origin tlsOnlyOrigin(String version) {
        return own(Origin.start(OriginConfig.builder().port(-1).tlsPort(0).tlsVersions(Set.of(version)).build()));
    }

    private <T extends AutoCloseable> T own(T resource) {
        resources.add(resource);
        return resource;
    }

    /** Plain HTTP through the profile, or empty when the target speaks only TLS. */
    public Optional<Route> plain() {
        return pathsFor(parameters.profile()).plain();
    }

    /** TLS (1.2 and 1.3 offered; ALPN h2 and http/1.1) through the profile, or empty for a plain-only target. */
    public Optional<Route> tls() {
        return pathsFor(parameters.profile()).tls();
    }

    /** An origin that speaks only TLS 1.2; empty for an external target, whose versions roundtrip cannot pin. */
    public Optional<Route> tls12() {
        return pathsFor(parameters.profile()).tls12();
    }

    /** An origin that speaks only TLS 1.3; empty for an external target. */
    public Optional<Route> tls13() {
        return pathsFor(parameters.profile()).tls13();
    }

    /** The target through the proxy with no conditions at all: measured minus predicted is the harness's cost. */
    public Route noiseFloor() {
        return noiseFloor;
    }

    /**
     * The same way to the target as {@code route} (plain, TLS, TLS 1.2 only, TLS 1.3 only) through a proxy listener
     * with nothing injected: a built-in scenario's baseline pass, whose latency is the host's own (client, server,
     * crypto). Without the proxy, the direct path. Not with {@code -Dpath=packet} (the origins sit behind the path).
     *
     * @throws IllegalArgumentException with {@code -Dpath=packet}, or for a route this testbed did not plan
     */
    public synchronized Route zeroLatency(Route route) {
        if (parameters.packetPath()) {
            throw new IllegalArgumentException("-Dpath=packet has no zero-latency path to its origins: no baseline");
        }
        if (route == noiseFloor) {
            return noiseFloor;
        }
        Paths zero = pathsFor(NetworkProfile.DEFAULT);
        for (PlannedPaths planned : List.copyOf(pathsByProfile.values())) {
            Paths paths = planned.routes();
            if (paths.plain().filter(r -> r == route).isPresent()) {
                return zero.plain().orElseThrow();
            }
            if (paths.tls().filter(r -> r == route).isPresent()) {
                return zero.tls().orElseThrow();
            }
            if (paths.tls12().filter(r -> r == route).isPresent()) {
                return zero.tls12().orElseThrow();
            }
            if (paths.tls13().filter(r -> r == route).isPresent()) {
                return zero.tls13().orElseThrow();
            }
        }
        throw new IllegalArgumentException("not a route of this testbed");
    }

    public LatencyRecording recording() {
        return recording;
    }

    public Path resultsDirectory() {
        return resultsDirectory;
    }

    /**
     * Host name aliases for Gatling: through the proxy, an external target's host name resolves to the proxy on
     * 127.0.0.1, so that TLS SNI and {@code Host} carry the target's name.
     */
    public Map<String, List<String>> hostAliases() {
        if (!parameters.proxied() || parameters.packetPath()) {
            return Map.of();
        }
        return parameters.target().map(URI::getHost).filter(host -> !isLoopbackLiteral(host))
                .map(host -> Map.of(host, List.of("127.0.0.1"))).orElse(Map.of());
    }

    /** A loopback address or name, which the proxy's URLs replace with 127.0.0.1 (see {@link RouteEndpoints}). */
    private static boolean isLoopbackLiteral(String host) {
        return host.equals("localhost") || host.startsWith("127.") || host.equals("[::1]") || host.equals("::1");
    }

    /** Stops recording (writing the last intervals), then the proxy and the origins. */
    @Override
    public void close() {
        recording.close();
        for (int i = resources.size() - 1; i >= 0; i--) {
            try {
                resources.get(i).close();
            } catch (Exception e) {
                log.warn("closing {}: {}", resources.get(i), e.toString());
            }
        }
        resources.clear();
    }
}
