package io.roundtrip.gatling;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.Properties;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The built-in scenarios' baseline pass: when it runs, for how long, and the zero-latency twin of each route. */
class BuiltInBaselineTest {

    @Test
    void onByDefaultOffWhenAskedOrOnThePacketPath() {
        assertThat(parameters().builtInBaselineOn()).isTrue();
        assertThat(parameters().baselineOn()).as("a user's simulation: off without -Dtarget, as before").isFalse();
        assertThat(parameters("baseline", "off").builtInBaselineOn()).isFalse();
        assertThat(parameters("path", "packet").builtInBaselineOn()).isFalse();
        assertThat(parameters("generator", "1/3").builtInBaselineOn()).as("one of several generators too").isTrue();
    }

    @Test
    void itLastsAFifthOfTheMeasuredTimeBetweenOneAndFiveSeconds() {
        assertThat(parameters().baselineDuration()).isEqualTo(Duration.ofSeconds(2));
        assertThat(parameters("duration", "3s").baselineDuration()).isEqualTo(Duration.ofSeconds(1));
        assertThat(parameters("duration", "2m").baselineDuration()).isEqualTo(Duration.ofSeconds(5));
    }

    @Test
    void eachRouteHasAZeroLatencyTwinOfTheSameKind(@TempDir Path results) throws Exception {
        System.setProperty("roundtrip.results", results.toString());
        Testbed testbed = Testbed.plan(parameters(), "baseline-test");   // cross-continent: 80 ms RTT
        try {
            Route plain = testbed.plain().orElseThrow();
            Route tls13 = testbed.tls13().orElseThrow();
            Route plainTwin = testbed.zeroLatency(plain);
            Route tls13Twin = testbed.zeroLatency(tls13);
            assertThat(plainTwin).isNotSameAs(plain).isSameAs(testbed.zeroLatency(plain));
            assertThat(tls13Twin).isNotSameAs(tls13).isNotSameAs(testbed.zeroLatency(testbed.tls().orElseThrow()));
            assertThat(testbed.zeroLatency(testbed.noiseFloor())).isSameAs(testbed.noiseFloor());
            assertThatThrownBy(() -> testbed.zeroLatency(new Route("http")))
                    .isInstanceOf(IllegalArgumentException.class);

            testbed.start();
            assertThat(plainTwin.baseUrl()).startsWith("http://").isNotEqualTo(plain.baseUrl());
            assertThat(tls13Twin.baseUrl()).startsWith("https://");
            HttpClient client = HttpClient.newHttpClient();
            client.send(HttpRequest.newBuilder(URI.create(plainTwin.baseUrl() + "/bytes/16")).build(),
                    HttpResponse.BodyHandlers.discarding());   // connection and JIT warmed
            long start = System.nanoTime();
            HttpResponse<byte[]> response = client.send(HttpRequest.newBuilder(
                    URI.create(plainTwin.baseUrl() + "/bytes/16")).build(), HttpResponse.BodyHandlers.ofByteArray());
            long millis = (System.nanoTime() - start) / 1_000_000;
            assertThat(response.statusCode()).isEqualTo(200);
            assertThat(response.body()).hasSize(16);
            assertThat(millis).as("a kept-alive request over the twin: none of the profile's 80 ms").isLessThan(60);
        } finally {
            testbed.close();
            System.clearProperty("roundtrip.results");
        }
    }

    @Test
    void thePacketPathHasNoTwin() {
        Testbed testbed = Testbed.plan(parameters("path", "packet"), "baseline-test");
        assertThatThrownBy(() -> testbed.zeroLatency(testbed.plain().orElseThrow()))
                .hasMessageContaining("-Dpath=packet");
    }

    private static RunParameters parameters(String... keyValues) {
        Properties properties = new Properties();
        for (int i = 0; i < keyValues.length; i += 2) {
            properties.setProperty(keyValues[i], keyValues[i + 1]);
        }
        return RunParameters.from(properties, RunParameters.DEFAULT_PROFILE, Map.of(), Clock.systemUTC());
    }
}
