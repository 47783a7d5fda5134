package io.roundtrip.benchmarks.model;

import io.roundtrip.model.LatencyModel;
import io.roundtrip.model.Prediction;
import io.roundtrip.model.RequestKind;
import io.roundtrip.model.profile.NetworkProfile;
import io.roundtrip.model.profile.Presets;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The latency model's two costs: a deterministic prediction (phase accounting, the exact point distribution),
 * and a Monte Carlo prediction of 100,000 samples on a jittery, lossy path (goal: under 50 ms).
 *
 * <pre>
 * mvn -B -q -pl benchmarks -am -DskipTests package
 * java -jar benchmarks/target/benchmarks.jar ModelBenchmark -f 1 -wi 2 -i 3
 * </pre>
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@Fork(1)
@Warmup(iterations = 2, time = 2)
@Measurement(iterations = 3, time = 2)
public class ModelBenchmark {

    /** HPBN's example: 64 KB at 56 ms RTT, 40 ms server time, a fresh connection. */
    private final NetworkProfile hpbn = NetworkProfile.builder().set("rtt", "56ms").build();
    private final RequestKind fresh64k = RequestKind.builder().responseBytes(65_535)
            .serverTime(Duration.ofMillis(40)).build();

    /** The mobile preset (150 ms, normal σ 10 ms jitter, 1.6 Mbit/s down, 0.5% loss), fresh TLS 1.3 over h2. */
    private final NetworkProfile mobile = Presets.get("mobile");
    private final RequestKind freshTls13 = RequestKind.builder().protocol(RequestKind.Protocol.H2)
            .tls(RequestKind.Tls.TLS_1_3).responseBytes(65_535).build();

    /** Jitter only: 56 ms, normal σ 5 ms. */
    private final NetworkProfile jittery = NetworkProfile.builder().set("rtt", "56ms").set("jitter", "normal:5ms")
            .build();

    @Benchmark
    @OutputTimeUnit(TimeUnit.MICROSECONDS)
    public Prediction deterministic() {
        return LatencyModel.predict(hpbn, fresh64k);
    }

    @Benchmark
    @OutputTimeUnit(TimeUnit.MILLISECONDS)
    public Prediction monteCarloMobile100k() {
        return LatencyModel.predict(mobile, freshTls13, 100_000, 1);
    }

    @Benchmark
    @OutputTimeUnit(TimeUnit.MILLISECONDS)
    public Prediction monteCarloJitter100k() {
        return LatencyModel.predict(jittery, fresh64k, 100_000, 1);
    }
}
