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

    private final Origin origin;
    private final Duration duration;

    private ClientWarmUp(Origin origin, Duration duration) {
        this.origin = origin;
        this.duration = duration;
    }

    static ClientWarmUp start(Duration duration) {
        return new ClientWarmUp(Origin.start(OriginConfig.builder().port(0).tlsPort(0).build()), duration);
    }

    /** The warm-up population on {@code protocol} (the user's, aimed at the embedded origin); its own name. */
    PopulationBuilder population(HttpProtocolBuilder protocol) {
        String tls = origin.httpsUri().toString();
        String plain = origin.httpUri().toString();
        return scenario(SCENARIO)
                .exec(http("warm-up").get(tls + "/bytes/16384"))
                .exec(http("warm-up").post(tls + "/echo").body(StringBody("{\"warm\":\"up\"}")).asJson())
                .exec(http("warm-up").get(plain + "/bytes/1024"))
                .injectOpen(constantUsersPerSec(USERS_PER_SECOND).during(duration))
                .protocols(protocol.baseUrl(tls).disableWarmUp().silentUri(".*"));
    }

    @Override
    public void close() {
        origin.close();
    }
}
