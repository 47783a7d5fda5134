package io.roundtrip.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.roundtrip.model.LatencyModel;
import io.roundtrip.model.Prediction;
import io.roundtrip.model.RequestKind;
import io.roundtrip.model.profile.NetworkProfile;
import io.roundtrip.model.profile.Presets;
import io.roundtrip.model.units.Units;
import io.roundtrip.origin.Origin;
import io.roundtrip.origin.OriginConfig;
import io.roundtrip.path.PacketPath;
import io.roundtrip.path.PathOptions;
import io.roundtrip.proxy.ProxyServer;
import io.roundtrip.testing.Required;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * A short subset of {@code benchmarks/calibrate.sh}, in {@code mvn verify}: the same curl request measured with the
 * kernel's TCP across the packet path, through the proxy, and predicted by the model, on one profile. The model is
 * judged on the network's part: the kernel's time minus the host's own cost, the same request straight to the
 * origin. Medians, with tolerances wider than the script's goal (5%) so that a loaded 2-core machine holds them;
 * each case would fail on the rule it guards (the proxy's and the model's windows and loss recovery). Needs root,
 * /dev/net/tun and curl (see the packet path's tests).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class CalibrationSubsetTest {

    private Origin origin;
    private ProxyServer proxy;

    @BeforeAll
    void start() {
        Required.packetPath("curl");
        origin = Origin.start(OriginConfig.builder().bindAddress("0.0.0.0").port(0).tlsPort(0).build());
        proxy = ProxyServer.start();
    }

    @AfterAll
    void stop() {
        if (proxy != null) {
            proxy.close();
        }
        if (origin != null) {
            origin.close();
        }
    }

    @Test
    void aFresh64KiBResponseInSlowStartFlights() throws Exception {
        Medians m = measure("fresh64k", profile("50ms"), "65536", RequestKind.Connection.FRESH, 9);
        assertThat(m.proxy / m.kernel).as("proxy / kernel, %s", m).isBetween(0.9, 1.1);
        assertThat(m.model / m.kernelNetwork()).as("model / kernel's network time, %s", m).isBetween(0.9, 1.1);
    }

    @Test
    void aSecond1MiBOnAKeptAliveConnectionTakesOneRoundTrip() throws Exception {
        // the first 1 MiB leaves Linux's window at 728 segments (10 ... 320 full, then 88): the second needs one
        // flight; a sender that grows only after full flights (640) needs two. The kernel's window ends a few
        // segments above the 725 the second response needs (736-740 read with ss -ti), so its receive window or
        // a late ACK costs it the second round trip now and then (p50 69 ms, p90 105 ms quiet; median 136 ms in a
        // CI run at load 5): its fastest run is what shows the rule. Load only adds time.
        Medians m = measure("keptalive1m", profile("50ms"), "1048576", RequestKind.Connection.KEEPALIVE, 9);
        assertThat(m.model).as("model, %s", m).isEqualTo(50.0);
        assertThat(m.kernelFastest).as("kernel's fastest, %s", m).isLessThan(75);
        assertThat(m.proxy).as("proxy, %s", m).isLessThan(75);
    }

    @Test
    void lossIsRepairedAsLinuxRepairsIt() throws Exception {
        // 256 KiB at 2% loss: nearly every transfer loses, and whether it loses before the window has grown
        // splits the samples in two (300-410 ms and 450-2,400 ms on the kernel): the median sits on that cliff and
        // moves by 30% between seeds, so the means are compared. The model's rules before the shared sender (a
        // halving per lost segment, stop-and-wait recovery, RTO for one or two later segments) were 1.5-2x.
        Medians m = measure("loss256k", profile("50ms").toBuilder().set("loss", "2%").build(), "262144",
                RequestKind.Connection.FRESH, 41);
        // The proxy loses no ACKs and the kernel's path does (docs/model.md, "Calibration against the kernel"): its
        // mean runs below the kernel's, 0.66 in a CI run at load 5 (kernel 734 ms, proxy 487 ms, model 580 ms).
        assertThat(m.proxyMean / m.kernelMean).as("proxy / kernel, means, %s", m).isBetween(0.6, 1.4);
        assertThat(m.modelMean / (m.kernelMean - m.host)).as("model / kernel's network time, means, %s", m)
                .isBetween(0.7, 1.4);
    }

    private static NetworkProfile profile(String rtt) {
        return Presets.get("none").toBuilder().rtt(Units.parseDuration(rtt)).build();
    }

    /** p50 and mean in ms of each way: kernel, proxy, host (straight to the origin, p50), model; the kernel's fastest. */
    record Medians(double kernel, double proxy, double host, double model, double kernelMean, double proxyMean,
            double modelMean, double kernelFastest) {
        double kernelNetwork() {
            return kernel - host;
        }
    }

    private Medians measure(String name, NetworkProfile profile, String bytes, RequestKind.Connection connection,
            int samples) throws Exception {
        boolean keptAlive = connection == RequestKind.Connection.KEEPALIVE;
        Function<String, List<String>> curl = base -> {
            String url = base + "/bytes/" + bytes;
            List<String> argv = new ArrayList<>(List.of("curl", "-s", "--max-time", "60", "--http1.1", "-w",
                    "%{num_connects} %{http_code} %{time_total}\\n", "-o", "/dev/null"));
            if (keptAlive) {
                argv.addAll(List.of("-o", "/dev/null", url));
            }
            argv.add(url);
            return argv;
        };
        double[] kernel;
        try (PacketPath path = PacketPath.start(profile, PathOptions.of(PacketPath.defaultQueueBytes(profile), 7))) {
            List<String> argv = curl.apply("http://" + path.hostAddress() + ":" + origin.httpPort());
            kernel = sample(samples, keptAlive, () -> path.processIn(argv));
        }
        InetSocketAddress through = proxy.addListener(name, new InetSocketAddress("127.0.0.1", 0),
                new InetSocketAddress("127.0.0.1", origin.httpPort()), profile);
        List<String> viaProxy = curl.apply("http://127.0.0.1:" + through.getPort());
        double[] proxied = sample(samples, keptAlive, () -> new ProcessBuilder(viaProxy));
        proxy.remove(name);
        List<String> direct = curl.apply("http://127.0.0.1:" + origin.httpPort());
        double[] host = sample(samples, keptAlive, () -> new ProcessBuilder(direct));
        RequestKind kind = RequestKind.builder().connection(connection).responseBytes(Long.parseLong(bytes)).build();
        Prediction model = LatencyModel.predict(profile, kind);
        Medians m = new Medians(median(kernel), median(proxied), median(host), model.percentilesMillis().p50(),
                mean(kernel), mean(proxied), model.meanMillis(), kernel[0]);
        System.out.printf("calibration subset %s: %s%n", name, m);
        return m;
    }

    interface Curl {
        ProcessBuilder next() throws Exception;
    }

    /** {@code samples} curls' last transfer (ms), sorted, after one warm-up; each must answer 200. */
    private static double[] sample(int samples, boolean keptAlive, Curl curl) throws Exception {
        double[] ms = new double[samples];
        for (int i = -1; i < samples; i++) {
            Process p = curl.next().redirectErrorStream(true).start();
            String[] lines = new String(p.getInputStream().readAllBytes(), StandardCharsets.US_ASCII).trim()
                    .split("\n");
            assertThat(p.waitFor(70, TimeUnit.SECONDS)).isTrue();
            String[] last = lines[lines.length - 1].trim().split(" ");
            assertThat(last).as("curl printed %s", Arrays.toString(lines)).hasSize(3);
            assertThat(last[1]).as("HTTP status").isEqualTo("200");
            assertThat(last[0]).as("new connections for the measured request").isEqualTo(keptAlive ? "0" : "1");
            if (i >= 0) {
                ms[i] = Double.parseDouble(last[2]) * 1000;
            }
        }
        Arrays.sort(ms);
        return ms;
    }

    private static double median(double[] sorted) {
        return sorted[sorted.length / 2];
    }

    private static double mean(double[] values) {
        return Arrays.stream(values).average().orElseThrow();
    }
}
