package io.roundtrip.gatling;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Map;
import java.util.Properties;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.io.TempDir;

/** A planned testbed has routes but no servers; its start gives every route, planned before or after, an address. */
class TestbedTest {

    @Test
    void routesPlannedBeforeTheStartReachTheOriginThroughTheProxyOnceStarted(@TempDir Path results) throws Exception {
        System.setProperty("roundtrip.results", results.toString());
        Properties properties = new Properties();
        properties.setProperty("profile", "lan");
        RunParameters parameters = RunParameters.from(properties, "lan", Map.of(), Clock.systemUTC());
        Testbed testbed = Testbed.plan(parameters, "testbed-test");
        try {
            Route plain = testbed.plain().orElseThrow();
            Route floor = testbed.noiseFloor();
            assertThat(testbed.tls12()).isPresent();
            assertThatThrownBy(plain::baseUrl).isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("has not started");

            testbed.start();
            Route later = testbed.pathsFor(parameters.profile().toBuilder().name("other").build())
                    .plain().orElseThrow();

            HttpClient client = HttpClient.newHttpClient();
            for (Route route : new Route[] {plain, floor, later}) {
                HttpResponse<byte[]> response = client.send(HttpRequest.newBuilder(
                        URI.create(route.baseUrl() + "/bytes/16")).build(), HttpResponse.BodyHandlers.ofByteArray());
                assertThat(response.statusCode()).isEqualTo(200);
                assertThat(response.body()).hasSize(16);
            }
            assertThat(later.baseUrl()).isNotEqualTo(plain.baseUrl());
        } finally {
            testbed.close();
            System.clearProperty("roundtrip.results");
        }
    }

    @ParameterizedTest(name = "proxy={0}")
    @ValueSource(strings = {"on", "none"})
    void aPlannedBaseUrlIsTheOneTheStartOpens(String proxy, @TempDir Path results) throws Exception {
        System.setProperty("roundtrip.results", results.toString());
        Testbed testbed = planned("proxy", proxy);
        try {
            Route plain = testbed.plain().orElseThrow();
            Route tls = testbed.tls().orElseThrow();
            String plainUrl = testbed.plannedBaseUrl(plain);
            String tlsUrl = testbed.plannedBaseUrl(tls);
            String floorUrl = testbed.plannedBaseUrl(testbed.noiseFloor());
            assertThat(plainUrl).startsWith("http://127.0.0.1:");
            assertThat(tlsUrl).startsWith("https://127.0.0.1:");
            assertThat(testbed.plannedBaseUrl(plain)).as("the same port on every call").isEqualTo(plainUrl);

            testbed.start();
            assertThat(plain.baseUrl()).isEqualTo(plainUrl);
            assertThat(tls.baseUrl()).isEqualTo(tlsUrl);
            assertThat(testbed.noiseFloor().baseUrl()).isEqualTo(floorUrl);
            HttpResponse<byte[]> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                    URI.create(plainUrl + "/bytes/16")).build(), HttpResponse.BodyHandlers.ofByteArray());
            assertThat(response.body()).hasSize(16);
        } finally {
            testbed.close();
            System.clearProperty("roundtrip.results");
        }
    }

    @Test
    void aPacketPathHasNoBaseUrlBeforeTheStart() {
        Testbed testbed = planned("path", "packet");
        try {
            assertThatThrownBy(() -> testbed.plannedBaseUrl(testbed.plain().orElseThrow()))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageStartingWith("-Dpath=packet");
        } finally {
            testbed.close();
        }
    }

    @Test
    void anExternalPlainTargetOffersNoTlsRoutes() {
        Testbed testbed = planned("target", "http://shop.example:8080");
        try {
            assertThat(testbed.plain()).isPresent();
            assertThat(testbed.tls()).isEmpty();
            assertThat(testbed.tls13()).isEmpty();
            assertThat(testbed.hostAliases()).containsEntry("shop.example", java.util.List.of("127.0.0.1"));
        } finally {
            testbed.close();
        }
    }

    /** A testbed planned on profile lan with one system property set. */
    private static Testbed planned(String key, String value) {
        Properties properties = new Properties();
        properties.setProperty(key, value);
        return Testbed.plan(RunParameters.from(properties, "lan", Map.of(), Clock.systemUTC()), "t");
    }
}
