package io.roundtrip.simulations;

import static io.gatling.javaapi.core.CoreDsl.*;
import static io.gatling.javaapi.http.HttpDsl.*;

import io.gatling.javaapi.core.ScenarioBuilder;
import io.gatling.javaapi.core.Simulation;
import io.gatling.javaapi.http.HttpProtocolBuilder;
import io.roundtrip.gatling.Roundtrip;
import java.util.ArrayList;
import java.util.List;

/**
 * A user's own simulation as the README shows it, against the embedded origin: a few named requests, one of them a
 * POST, two inside a group, every one recorded per name by {@link Roundtrip} without wrapping. Gatling's count of
 * each request is asserted too, so that a test can hold roundtrip's logs against it.
 */
public class OwnTrafficSimulation extends Simulation {

    static final List<String> REQUESTS = List.of("home", "search", "item", "echo");
    static final String GROUP = "browse";

    /** {@code -Dbroken=true} sends every request to a path the origin does not have: a run that is all KO. */
    private static final String PREFIX = Boolean.getBoolean("broken") ? "/missing" : "";

    private final Roundtrip roundtrip = Roundtrip.plan("own-traffic");
    private final ScenarioBuilder user = scenario("user")
            .exec(http("home").get(PREFIX + "/bytes/1000"))
            .group(GROUP).on(
                    exec(http("search").get(PREFIX + "/bytes/4000"))
                    .exec(http("item").get(PREFIX + "/bytes/20000")))
            .exec(http("echo").post(PREFIX + "/echo").body(StringBody("{\"q\":\"roundtrip\"}")).asJson());

    {
        List<io.gatling.javaapi.core.Assertion> assertions = new ArrayList<>(roundtrip.assertions());
        assertions.add(forAll().allRequests().count().gte(1L));
        // -Dh2=true: the protocol a user enables HTTP/2 with (ALPN decides, over TLS)
        HttpProtocolBuilder protocol = Boolean.getBoolean("h2") ? http.enableHttp2() : http;
        setUp(roundtrip.populations(protocol.acceptHeader("application/json"),
                        user.injectOpen(constantUsersPerSec(Integer.getInteger("usersPerSecond", 4))
                                .during(Integer.getInteger("seconds", 4)))))
                .assertions(assertions);
    }

    @Override
    public void before() {
        roundtrip.before();
    }

    @Override
    public void after() {
        roundtrip.after();
    }
}
