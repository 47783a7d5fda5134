package io.roundtrip.simulations;

import static io.gatling.javaapi.http.HttpDsl.http;

import io.roundtrip.gatling.CapacitySweep;
import io.roundtrip.gatling.RoundtripSimulation;
import io.roundtrip.gatling.Route;
import io.roundtrip.gatling.Testbed;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * The capacity sweep ({@code -Dgatling.simulationClass=io.roundtrip.simulations.CapacitySweepSimulation}): a closed
 * model stepped through {@code -Dconcurrency=1,2,4,8,16,32,64} users, each level lasting {@code -DlevelDuration}
 * (3 s), users looping HTTP/1.1 keep-alive requests ({@link CapacitySweep}). Each level's throughput and latency go
 * to {@code capacity-sweep.csv}, which the report fits with the Universal Scalability Law. The profile defaults to
 * {@code lan}: over a long path, a closed model's throughput is bounded by N / RTT long before the server is, and
 * the fit would only rediscover Little's law.
 */
public class CapacitySweepSimulation extends RoundtripSimulation {

    private final CapacitySweep sweep = parameter(CapacitySweep::fromSystemProperties,
            () -> new CapacitySweep(List.of(1), Duration.ofSeconds(1)));

    public CapacitySweepSimulation() {
        super("capacity-sweep", "lan");
        Route plain = parameter(() -> testbed.pathsFor(parameters.profile()).plain().orElseThrow(
                () -> new IllegalArgumentException("bad -Dtarget=" + parameters.target().orElseThrow()
                        + ": the capacity sweep drives plain HTTP/1.1, give an http:// target")),
                testbed::noiseFloor);
        sweep.specs(parameters).forEach(this::measure);
        setUp(sweep.chain(parameters, plain, aliased(http.disableWarmUp().disableCaching()), testbed.recording()));
    }

    @Override
    protected void finish(Instant runStartedAt) {
        sweep.write(testbed.recording());
        super.finish(runStartedAt);
    }
}
