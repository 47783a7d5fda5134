package io.roundtrip.proxy;

import static io.roundtrip.proxy.toxic.Stream.DOWNSTREAM;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.roundtrip.proxy.toxic.ToxicSpec;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * populate and update are all or nothing: a failure injected before each of their steps (and before the commit)
 * leaves what the API shows and the sockets that listen exactly as they were; a real failure (an address in use)
 * too.
 */
class ProxyTransactionTest {

    private static final InetSocketAddress DISCARD = new InetSocketAddress("127.0.0.1", 9);

    @RegisterExtension
    final RunningProxy proxy = new RunningProxy(1);

    @Test
    void aPopulateFailingAtAnyStepChangesNothing() throws Exception {
        proxy.server().addListener("keep", any(), DISCARD, List.of(latency("slow", 7)));
        int offPort = freePort();
        proxy.server().create(new ProxySpec("off", InetSocketAddress.createUnresolved("localhost", offPort), DISCARD,
                false, List.of()));
        proxy.server().addListener("same", any(), DISCARD);
        int freshPort = freePort();
        String keepListen = Addresses.format(proxy.server().listener("keep").address());
        List<ProxySpec> specs = List.of(
                // a new upstream: removed and created again on the same address
                new ProxySpec("keep", Addresses.parse(keepListen), new InetSocketAddress("127.0.0.1", 10), true,
                        List.of()),
                // the same upstream and port 0: kept, enabled
                new ProxySpec("off", any(), DISCARD, true, List.of()),
                // kept, its toxics replaced
                new ProxySpec("same", any(), DISCARD, true, List.of(latency("fast", 3))),
                new ProxySpec("fresh", new InetSocketAddress("127.0.0.1", freshPort), DISCARD, true, List.of()));

        List<String> steps = failAtEveryStep(() -> proxy.server().populate(specs), List.of(freshPort, offPort));

        assertThat(steps).containsExactly("remove keep", "create keep", "enable off", "toxics of same",
                "create fresh", "commit");
        assertThat(names()).containsExactly("off", "same", "keep", "fresh");
        assertListening(freshPort, true);
        assertListening(offPort, true);
        assertThat(proxy.server().listener("keep").upstream().getPort()).isEqualTo(10);
        assertThat(proxy.server().listener("same").toxics()).extracting(ToxicSpec::name).containsExactly("fast");
    }

    /** Moves a proxy, switches it on or off and changes its upstream: three steps, each of which may fail. */
    @ParameterizedTest(name = "enabled before: {0}")
    @ValueSource(booleans = {false, true})
    void anUpdateFailingAtAnyStepKeepsTheListenAddressAndTheSockets(boolean enabled) throws Exception {
        int oldPort = freePort();
        int newPort = freePort();
        proxy.server().create(new ProxySpec("mv", InetSocketAddress.createUnresolved("localhost", oldPort), DISCARD,
                enabled, List.of(latency("slow", 7))));
        ProxyUpdate update = new ProxyUpdate(new InetSocketAddress("127.0.0.1", newPort),
                new InetSocketAddress("127.0.0.1", 10), !enabled);

        List<String> steps = failAtEveryStep(() -> proxy.server().update("mv", update), List.of(oldPort, newPort));

        assertThat(steps).containsExactly("listen of mv", (enabled ? "disable" : "enable") + " mv", "upstream of mv",
                "commit");
        assertListening(newPort, !enabled);
        assertListening(oldPort, false);
        assertThat(proxy.server().listener("mv").address().getPort()).isEqualTo(newPort);
    }

    @Test
    void enablingADisabledProxyOnAnAddressInUseKeepsTheAddressItHad() throws Exception {
        proxy.server().addListener("taken", any(), DISCARD);
        InetSocketAddress inUse = proxy.server().listener("taken").address();
        int oldPort = freePort();
        proxy.server().create(new ProxySpec("mv", InetSocketAddress.createUnresolved("localhost", oldPort), DISCARD,
                false, List.of()));
        Map<String, Object> before = snapshot(List.of(oldPort));

        assertThatThrownBy(() -> proxy.server().update("mv", new ProxyUpdate(inUse, null, true)))
                .isInstanceOf(ListenException.class);

        assertThat(snapshot(List.of(oldPort))).isEqualTo(before);
        assertThat(proxy.server().listener("mv").listen())
                .isEqualTo(InetSocketAddress.createUnresolved("localhost", oldPort));
    }

    /**
     * Runs {@code change} failing before its 1st, 2nd, ... step until it succeeds, asserting after each failure
     * that the proxies and the listening sockets (those of the proxies and {@code ports}) are as they were; returns
     * the steps.
     */
    private List<String> failAtEveryStep(Supplier<?> change, List<Integer> ports) throws Exception {
        Map<String, Object> before = snapshot(ports);
        List<String> steps = new ArrayList<>();
        for (int failAt = 0; ; failAt++) {
            int[] seen = {0};
            int at = failAt;
            steps.clear();
            proxy.server().stepHook = step -> {
                steps.add(step);
                if (seen[0]++ == at) {
                    throw new IllegalStateException("injected failure at " + step);
                }
            };
            try {
                change.get();
                proxy.server().stepHook = StepHook.NONE;
                assertThat(failAt).as("the change succeeds once no step fails").isEqualTo(steps.size());
                return steps;
            } catch (IllegalStateException e) {
                assertThat(e).hasMessageStartingWith("injected failure at ");
                assertThat(snapshot(ports)).as("after a failure at step %d (%s)", failAt, steps.get(failAt))
                        .isEqualTo(before);
            }
        }
    }

    /** What GET /proxies shows, and which of the proxies' and {@code ports}' addresses accept a connection. */
    private Map<String, Object> snapshot(List<Integer> ports) throws IOException {
        Map<String, Object> s = new LinkedHashMap<>();
        for (ProxyListener l : proxy.server().listeners()) {
            s.put(l.name(), l.toJson());
            s.put(l.name() + " accepts", TestClients.accepts(l.address().getPort()));
        }
        for (int port : ports) {
            s.put(port + " accepts", TestClients.accepts(port));
        }
        return s;
    }

    private List<String> names() {
        return proxy.server().listeners().stream().map(ProxyListener::name).toList();
    }

    private static void assertListening(int port, boolean listening) throws IOException {
        assertThat(TestClients.accepts(port)).as("port %d listening", port).isEqualTo(listening);
    }

    private static ToxicSpec latency(String name, int millis) {
        return ToxicSpec.of(name, "latency", DOWNSTREAM, Map.of("latency", millis));
    }

    private static InetSocketAddress any() {
        return new InetSocketAddress("127.0.0.1", 0);
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }
}
