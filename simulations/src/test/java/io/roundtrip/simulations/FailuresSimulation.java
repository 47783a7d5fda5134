package io.roundtrip.simulations;

import io.roundtrip.gatling.GatlingClient;
import io.roundtrip.gatling.RunParameters;
import io.roundtrip.gatling.RunStart;
import io.roundtrip.gatling.RunSummary;
import io.roundtrip.gatling.ScenarioSpec;
import io.roundtrip.gatling.Testbed;
import static io.gatling.javaapi.core.CoreDsl.*;
import static io.gatling.javaapi.http.HttpDsl.*;

import io.gatling.javaapi.core.Simulation;
import io.roundtrip.model.RequestKind.Connection;
import io.roundtrip.model.RequestKind.Protocol;
import io.roundtrip.model.RequestKind.Tls;
import java.time.Instant;
import java.util.List;

/**
 * A test fixture, not a user simulation: ten requests, every other one answered 503, so that the run's log can be
 * held against Gatling's own OK/KO counts. KOs must be recorded (tagged), never dropped.
 */
public class FailuresSimulation extends Simulation {

    static final String NAME = "mixed";

    private final Instant startedAt = Instant.now();
    private final RunParameters parameters = RunStart.parametersOrExit();
    private final Testbed testbed = RunStart.orExit(() -> Testbed.start(parameters, "failures"));

    {
        String base = testbed.plain().orElseThrow().baseUrl();
        setUp(scenario(NAME).repeat(5).on(
                        testbed.recording().measured(NAME, name -> exec(http(name).get("/status/503"))),
                        testbed.recording().measured(NAME, name -> exec(http(name).get("/bytes/16"))))
                .injectOpen(atOnceUsers(1)))
                .protocols(http.baseUrl(base).disableWarmUp())
                .assertions(details(NAME).allRequests().count().gte(1L),
                        details(NAME).failedRequests().count().gte(1L));
    }

    @Override
    public void before() {
        RunStart.openMeasuredWindow(parameters, testbed.recording());
    }

    @Override
    public void after() {
        testbed.close();
        RunSummary.summarise("failures", parameters, parameters.profile(), testbed.recording(),
                List.of(new ScenarioSpec(NAME, GatlingClient.request(Protocol.H1, Connection.KEEPALIVE, Tls.NONE, 16),
                        parameters.profile())), startedAt);
    }
}
