package io.roundtrip.model;

import static org.assertj.core.api.Assertions.assertThat;

import io.roundtrip.model.RequestKind.Connection;
import io.roundtrip.model.RequestKind.Protocol;
import io.roundtrip.model.RequestKind.Tls;
import io.roundtrip.model.profile.NetworkProfile;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Properties over a grid of paths and request kinds (deterministic paths: no jitter, no loss). */
class PropertiesTest {

    private static final String[] RTTS = {"0ms", "1ms", "20ms", "56ms", "100ms", "300ms"};
    private static final String[] BANDWIDTHS = {"unlimited", "1mbit", "50mbit"};
    private static final long[] SIZES = {0, 1000, 14_600, 65_535, 1_000_000};

    private static NetworkProfile path(String rtt, String bandwidth) {
        return NetworkProfile.builder().set("rtt", rtt).set("bandwidth", bandwidth).build();
    }

    /** Every RTT at every bandwidth. */
    private static List<NetworkProfile> paths() {
        List<NetworkProfile> paths = new ArrayList<>();
        for (String rtt : RTTS) {
            for (String bandwidth : BANDWIDTHS) {
                paths.add(path(rtt, bandwidth));
            }
        }
        return paths;
    }

    private static List<RequestKind> kinds() {
        List<RequestKind> kinds = new ArrayList<>();
        for (Protocol protocol : Protocol.values()) {
            for (Tls tls : Tls.values()) {
                for (long size : SIZES) {
                    kinds.add(RequestKind.builder().protocol(protocol).tls(tls).responseBytes(size)
                            .serverTime(Duration.ofMillis(5)).build());
                }
                for (int n : new int[] {1, 6, 7, 30}) {
                    kinds.add(RequestKind.builder().protocol(protocol).tls(tls).resources(n).resourceBytes(20_000)
                            .build());
                    // What Gatling does: the document first, and h2 waits for the server's SETTINGS.
                    kinds.add(RequestKind.builder().protocol(protocol).tls(tls).resources(n).resourceBytes(20_000)
                            .documentBytes(30_000).h2WaitsForServerSettings(true).build());
                }
            }
        }
        return kinds;
    }

    @Test
    void moreRttIsNeverFaster() {
        for (String bandwidth : BANDWIDTHS) {
            for (RequestKind kind : kinds()) {
                double previous = -1;
                for (String rtt : RTTS) {
                    double mean = LatencyModel.predict(path(rtt, bandwidth), kind).meanMillis();
                    assertThat(mean).as("%s at %s, %s", kind, rtt, bandwidth).isGreaterThanOrEqualTo(previous - 1e-9);
                    previous = mean;
                }
            }
        }
    }

    @Test
    void theDocumentAndTheSettingsWaitNeverMakeAnythingFaster() {
        for (NetworkProfile p : paths()) {
            for (RequestKind kind : kinds()) {
                RequestKind plain = kind.toBuilder().documentBytes(0).h2WaitsForServerSettings(false).build();
                double waits = mean(p, plain.toBuilder().h2WaitsForServerSettings(true).build());
                double document = mean(p, plain.toBuilder().documentBytes(30_000).build());
                assertThat(waits).as("%s %s", kind, p).isGreaterThanOrEqualTo(mean(p, plain) - 1e-9);
                assertThat(document).as("%s %s", kind, p).isGreaterThanOrEqualTo(mean(p, plain) - 1e-9);
            }
        }
    }

    @Test
    void keepAliveIsNeverSlowerThanFreshOrIdle() {
        for (NetworkProfile p : paths()) {
            for (RequestKind kind : kinds()) {
                double keepAlive = mean(p, kind.toBuilder().connection(Connection.KEEPALIVE).build());
                double idle = mean(p, kind.toBuilder().connection(Connection.IDLE).build());
                double fresh = mean(p, kind.toBuilder().connection(Connection.FRESH).build());
                assertThat(keepAlive).as("%s %s", kind, p).isLessThanOrEqualTo(idle + 1e-9);
                assertThat(idle).as("%s %s", kind, p).isLessThanOrEqualTo(fresh + 1e-9);
            }
        }
    }

    /**
     * "Without loss HTTP/2 is never slower than HTTP/1.1" holds when the window is not what limits: keep-alive
     * connections, or slow start off. With fresh connections it is false in general (see ReferenceNumbersTest:
     * six slow starts in parallel move more data per round trip than one), so it is not asserted there.
     */
    @Test
    void h2PageNeverSlowerThanH1WhenTheWindowIsOpen() {
        for (NetworkProfile p : paths()) {
            NetworkProfile noSlowStart = p.toBuilder().slowStart(false).build();
            for (int n : new int[] {1, 2, 6, 7, 13, 50}) {
                for (long size : new long[] {1000, 20_000, 100_000}) {
                    RequestKindBuilder page = RequestKind.builder().resources(n).resourceBytes(size);
                    RequestKind warmH1 = page.connection(Connection.KEEPALIVE).protocol(Protocol.H1).build();
                    assertThat(mean(p, warmH1.toBuilder().protocol(Protocol.H2).build()))
                            .as("n=%d size=%d %s", n, size, p).isLessThanOrEqualTo(mean(p, warmH1) + 1e-9);
                    RequestKind freshH1 = page.connection(Connection.FRESH).protocol(Protocol.H1).build();
                    assertThat(mean(noSlowStart, freshH1.toBuilder().protocol(Protocol.H2).build()))
                            .as("n=%d size=%d %s", n, size, noSlowStart)
                            .isLessThanOrEqualTo(mean(noSlowStart, freshH1) + 1e-9);
                }
            }
        }
    }

    @Test
    void percentilesAreMonotoneUnderJitterAndLoss() {
        String[] jitters = {"uniform:5ms", "normal:10ms", "exponential:3ms", "pareto:scale=2ms,shape=2.5"};
        for (String jitter : jitters) {
            for (String loss : new String[] {"0", "1%"}) {
                NetworkProfile p = NetworkProfile.builder().set("rtt", "80ms").set("jitter", jitter).set("loss", loss)
                        .build();
                Percentiles q = LatencyModel.predict(p, RequestKind.builder().responseBytes(100_000).build(), 5_000, 1)
                        .percentilesMillis();
                assertThat(q.p50()).isLessThanOrEqualTo(q.p90());
                assertThat(q.p90()).isLessThanOrEqualTo(q.p99());
                assertThat(q.p99()).isLessThanOrEqualTo(q.p999());
            }
        }
    }

    @Test
    void phasesAreInContractOrderAndAddUp() {
        NetworkProfile p = NetworkProfile.builder().set("rtt", "50ms").set("bandwidth", "20mbit").build();
        for (RequestKind kind : kinds()) {
            Prediction prediction = LatencyModel.predict(p, kind);
            assertThat(prediction.phases()).extracting(Phase::name).containsExactlyElementsOf(Phase.NAMES);
            assertThat(prediction.meanMillis()).isEqualTo(prediction.analyticMillis());
            assertThat(prediction.phases()).allSatisfy(phase -> assertThat(phase.ms()).isNotNegative());
        }
    }

    private static double mean(NetworkProfile p, RequestKind kind) {
        return LatencyModel.predict(p, kind).meanMillis();
    }
}
