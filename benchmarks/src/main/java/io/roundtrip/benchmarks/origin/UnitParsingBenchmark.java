package io.roundtrip.benchmarks.origin;

import io.roundtrip.model.units.Units;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The size argument of every {@code /bytes/{n}} request is parsed on the event loop: a plain count takes the fast
 * path, a unit ({@code 64KiB}) goes through HOCON once and is remembered. Without that, HOCON cost ~26 us per
 * request here (measured with this benchmark before the cache); with it, both are a few nanoseconds.
 *
 * <p>Run: {@code java -jar benchmarks/target/benchmarks.jar UnitParsing}
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class UnitParsingBenchmark {

    @Param({"1024", "64KiB"})
    public String size;

    @Benchmark
    public long parseBytes() {
        return Units.parseBytes(size);
    }
}
