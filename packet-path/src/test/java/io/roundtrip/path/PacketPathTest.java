package io.roundtrip.path;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpServer;
import io.roundtrip.model.profile.LossModel;
import io.roundtrip.model.profile.NetworkProfile;
import io.roundtrip.model.profile.ProfileBuilder;
import io.roundtrip.model.profile.Presets;
import io.roundtrip.testing.Required;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * The kernel's own TCP across the packet path, driven by curl inside the namespace against a server on this host:
 * the handshake costs one round trip, a request another, a bandwidth cap paces a download, total loss stops
 * everything (SYNs included), and nothing is left behind. Needs root, /dev/net/tun, iproute2 and curl: skipped with
 * the reason elsewhere, required where {@code ROUNDTRIP_REQUIRE_PACKET_PATH=1} (CI).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class PacketPathTest {

    private static final int BODY_BYTES = 1_048_576;
    private HttpServer server;

    @BeforeAll
    void serverOnAllAddresses() throws IOException {
        Required.packetPath("curl");
        server = HttpServer.create(new InetSocketAddress("0.0.0.0", 0), 0);
        byte[] small = "hello\n".getBytes(StandardCharsets.US_ASCII);
        byte[] large = new byte[BODY_BYTES];
        server.createContext("/small", exchange -> reply(exchange, small));
        server.createContext("/large", exchange -> reply(exchange, large));
        server.createContext("/medium", exchange -> reply(exchange, new byte[64 * 1024]));
        // 42 full segments of 1,448 bytes: under the client's first receive window (64,512 bytes with Linux's default
        // tcp_rmem), and no partial last segment for Nagle to hold (this server writes its head and body apart)
        server.createContext("/flight", exchange -> reply(exchange, new byte[42 * 1448]));
        server.start();
    }

    @AfterAll
    void stopServer() {
        if (server != null) {
            server.stop(0);
        }
    }

    @Test
    void theHandshakeAndTheRequestEachCostOneRoundTrip() throws Exception {
        NetworkProfile profile = profile("100ms").build();
        try (PacketPath path = PacketPath.start(profile, PathOptions.of(64 * 1024, 1))) {
            double[] connectAndTotal = curl(path, "/small", 5);
            assertThat(connectAndTotal[0]).as("connect: SYN, SYN-ACK").isBetween(0.100, 0.180);
            assertThat(connectAndTotal[1]).as("total: handshake + request").isBetween(0.200, 0.330);
        }
    }

    @Test
    void aBandwidthCapPacesTheDownload() throws Exception {
        NetworkProfile profile = profile("20ms").bandwidthDown(10_000_000).build();
        try (PacketPath path = PacketPath.start(profile, PathOptions.of(64 * 1024, 1))) {
            double seconds = curl(path, "/large", 10)[1];
            double floor = BODY_BYTES * 8 / 10e6; // 0.84 s on the wire at 10 mbit/s
            assertThat(seconds).as("1 MiB at 10 mbit/s").isBetween(floor, floor * 1.6);
        }
    }

    @Test
    void lossReachesTheSynTooAndTeardownLeavesNothing() throws Exception {
        // 99% both ways (the model refuses 100%: a black hole carries nothing): the SYN or its answer is lost, and
        // the kernel's own back-off (1 s initial SYN RTO) outlasts curl's one second
        NetworkProfile profile = profile("10ms").loss(new LossModel.Bernoulli(0.99)).build();
        String namespace;
        try (PacketPath path = PacketPath.start(profile, PathOptions.of(64 * 1024, 1))) {
            namespace = path.namespace();
            Process curl = path.processIn(List.of("curl", "-s", "--max-time", "1", "-o", "/dev/null",
                    "http://" + path.hostAddress() + ":" + server.getAddress().getPort() + "/small"))
                    .redirectErrorStream(true).start();
            assertThat(curl.waitFor(10, TimeUnit.SECONDS)).isTrue();
            assertThat(curl.exitValue()).as("curl's exit status: 28 is a timeout").isEqualTo(28);
            assertThat(path.counts()).as("the SYN was read and lost").containsPattern("out Counts\\[read=[1-9]\\d*, lost=[1-9]");
        }
        String namespaces = new String(new ProcessBuilder("ip", "netns", "list").start().getInputStream()
                .readAllBytes(), StandardCharsets.UTF_8);
        assertThat(namespaces).doesNotContain(namespace);
        String links = new String(new ProcessBuilder("ip", "-o", "link").start().getInputStream().readAllBytes(),
                StandardCharsets.UTF_8);
        assertThat(links).doesNotContain("rtp" + (ProcessHandle.current().pid() % 10_000));
    }

    @Test
    void reorderingIsOnlyWhenAskedFor() throws Exception {
        // ±20 ms jitter on a 2 ms path: in order, no packet is ever written before one that arrived earlier; with
        // --reorder, packets with small samples overtake, and the kernel's TCP still delivers the whole body
        NetworkProfile profile = profile("2ms").set("jitter", "uniform:20ms").build();
        try (PacketPath path = PacketPath.start(profile, PathOptions.of(64 * 1024, 1))) {
            curl(path, "/medium", 20);
            assertThat(path.counts()).as("in order").containsPattern("overtaken=0[],]")
                    .doesNotContainPattern("overtaken=[1-9]");
        }
        try (PacketPath path = PacketPath.start(profile, PathOptions.of(64 * 1024, 1).withReorder(true))) {
            curl(path, "/medium", 20);
            assertThat(path.counts()).as("reordered").containsPattern("overtaken=[1-9]");
        }
    }

    @Test
    void theKernelSendsItsFirstFlightAtTheProfilesInitialWindow() throws Exception {
        // 42 segments after the request: initcwnd 10 takes three flights (10, 20, 12), initcwnd 64 one. Not 64 KiB:
        // with its head that is more than the client's first receive window (64,512 bytes), and the last segment
        // would wait a round trip for the window to open, whatever the congestion window (measured: 110 ms).
        double[] standard;
        double[] wide;
        try (PacketPath path = PacketPath.start(profile("50ms").build(), PathOptions.of(64 * 1024, 1))) {
            standard = curl(path, "/flight", 5);
        }
        try (PacketPath path = PacketPath.start(profile("50ms").initcwnd(64).build(), PathOptions.of(64 * 1024, 1))) {
            wide = curl(path, "/flight", 5);
        }
        double standardTransfer = standard[1] - standard[0];
        double wideTransfer = wide[1] - wide[0];
        assertThat(standardTransfer).as("initcwnd 10: request and three flights").isBetween(0.140, 0.220);
        // one round trip (50 ms) and the host's cost; a second round trip would be 100 ms or more
        assertThat(wideTransfer).as("initcwnd 64: request and one flight").isBetween(0.045, 0.095);
    }

    @Test
    void whatTheKernelCannotBeToldIsRefusedInOneLine() {
        assertThatThrownBy(() -> PacketPath.start(profile("50ms").slowStart(false).handshake(false).build(),
                PathOptions.of(64 * 1024, 1)))
                .isInstanceOf(PathException.class)
                .hasMessage("the packet path cannot enforce no handshake (the kernel always handshakes), no slow start"
                        + " (the kernel always slow-starts): it runs the kernel's own TCP");
    }

    /** curl inside the namespace, {@code runs} times: the median connect and total times, in seconds. */
    private double[] curl(PacketPath path, String resource, int maxSeconds) throws Exception {
        List<Double> connects = new ArrayList<>();
        List<Double> totals = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            Process curl = path.processIn(List.of("curl", "-s", "--max-time", Integer.toString(maxSeconds),
                    "-o", "/dev/null", "-w", "%{time_connect} %{time_total} %{http_code}",
                    "http://" + path.hostAddress() + ":" + server.getAddress().getPort() + resource)).start();
            String out = new String(curl.getInputStream().readAllBytes(), StandardCharsets.US_ASCII).trim();
            assertThat(curl.waitFor(maxSeconds + 5, TimeUnit.SECONDS)).isTrue();
            String[] fields = out.split(" ");
            assertThat(fields).as("curl printed: %s", out).hasSize(3);
            assertThat(fields[2]).as("HTTP status").isEqualTo("200");
            connects.add(Double.parseDouble(fields[0]));
            totals.add(Double.parseDouble(fields[1]));
        }
        return new double[] {median(connects), median(totals)};
    }

    private static double median(List<Double> values) {
        double[] sorted = values.stream().mapToDouble(Double::doubleValue).sorted().toArray();
        return sorted[sorted.length / 2];
    }

    private static ProfileBuilder profile(String rtt) {
        return Presets.get("none").toBuilder().rtt(io.roundtrip.model.units.Units.parseDuration(rtt));
    }

    private static void reply(com.sun.net.httpserver.HttpExchange exchange, byte[] body) throws IOException {
        exchange.sendResponseHeaders(200, body.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(body);
        }
    }
}
