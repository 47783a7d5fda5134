package io.roundtrip.gatling;

import static io.gatling.javaapi.core.CoreDsl.StringBody;
import static io.gatling.javaapi.core.CoreDsl.constantUsersPerSec;
import static io.gatling.javaapi.core.CoreDsl.scenario;
import static io.gatling.javaapi.http.HttpDsl.http;

import io.gatling.javaapi.core.PopulationBuilder;
import io.gatling.javaapi.http.HttpProtocolBuilder;
import io.roundtrip.origin.Origin;
import io.roundtrip.origin.OriginConfig;
import java.time.Duration;

/**
 * Gatling's client warmed before anything is recorded, against an embedded origin (plain and TLS), never against the
 * user's target: fresh TLS connections over the user's own protocol (HTTP/2 if it enables it), a GET and a POST
 * each, for the warm-up's duration. Silent in Gatling's report and unseen by the recording.
 */
final class ClientWarmUp implements AutoCloseable {

    static final String SCENARIO = "roundtrip warm-up";
    private static final double USERS_PER_SECOND = 20;

    private final Duration duration;
    /** Started by {@link #start()}, from the simulation's {@code before()}. */
    private volatile Origin origin;

    private ClientWarmUp(Duration duration) {
        this.duration = duration;
    }

    /** The warm-up of {@code duration}, its origin not started. */
    static ClientWarmUp plan(Duration duration) {
        return new ClientWarmUp(duration);
    }

    void start() {
        origin = Origin.start(OriginConfig.builder().port(0).tlsPort(0).build());
    }

    /**
     * The warm-up population on {@code protocol} (the user's, without a base URL); its own name. Built before the
     * start: the URLs are the embedded origin's, read when the requests are sent.
     */
    PopulationBuilder population(HttpProtocolBuilder protocol) {
        return scenario(SCENARIO)
                .exec(http("warm-up").get(session -> origin.httpsUri() + "/bytes/16384"))
                .exec(http("warm-up").post(session -> origin.httpsUri() + "/echo")
                        .body(StringBody("{\"warm\":\"up\"}")).asJson())
                .exec(http("warm-up").get(session -> origin.httpUri() + "/bytes/1024"))
                .injectOpen(constantUsersPerSec(USERS_PER_SECOND).during(duration))
                .protocols(protocol.disableWarmUp().silentUri(".*"));
    }

    @Override
    public void close() {
        if (origin != null) {
            origin.close();
        }
    }
}
