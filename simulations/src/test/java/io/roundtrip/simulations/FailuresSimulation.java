package io.roundtrip.simulations;

import static io.gatling.javaapi.core.CoreDsl.*;
import static io.gatling.javaapi.http.HttpDsl.*;

import io.roundtrip.gatling.GatlingClient;
import io.roundtrip.gatling.RoundtripSimulation;
import io.roundtrip.gatling.Route;
import io.roundtrip.gatling.ScenarioSpec;
import io.roundtrip.gatling.Testbed;
import io.roundtrip.model.RequestKind.Connection;
import io.roundtrip.model.RequestKind.Protocol;
import io.roundtrip.model.RequestKind.Tls;

/**
 * A test fixture, not a user simulation: ten requests, every other one answered 503, so that the run's log can be
 * held against Gatling's own OK/KO counts. KOs must be recorded (tagged), never dropped.
 */
public class FailuresSimulation extends RoundtripSimulation {

    static final String NAME = "mixed";

    public FailuresSimulation() {
        super("failures");
        Route plain = testbed.plain().orElseThrow();
        measure(new ScenarioSpec(NAME, GatlingClient.request(Protocol.H1, Connection.KEEPALIVE, Tls.NONE, 16),
                parameters.profile()));
        setUp(scenario(NAME).repeat(5).on(
                        testbed.recording().measured(NAME, name -> exec(http(name).get(plain.url("/status/503")))),
                        testbed.recording().measured(NAME, name -> exec(http(name).get(plain.url("/bytes/16")))))
                .injectOpen(atOnceUsers(1)))
                .protocols(http.disableWarmUp())
                .assertions(details(NAME).allRequests().count().gte(1L),
                        details(NAME).failedRequests().count().gte(1L));
    }
}
