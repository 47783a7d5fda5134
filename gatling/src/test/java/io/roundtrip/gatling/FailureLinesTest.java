package io.roundtrip.gatling;

import static org.assertj.core.api.Assertions.assertThat;

import io.roundtrip.gatling.ObservedRequests.Failures;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class FailureLinesTest {

    @Test
    void onlyScenariosAboveTheThresholdGetALineWithTheirFirstError() {
        Map<String, Failures> byScenario = new LinkedHashMap<>();
        byScenario.put("at-threshold", failures(100, 1, "500 on GET /a"));
        byScenario.put("above", failures(1234, 1234, "404 on GET /bytes/1024"));
        byScenario.put("clean", failures(10, 0, null));

        assertThat(FailureLines.of(byScenario, 0.01)).containsExactly(
                "roundtrip: scenario above: 1234 of 1234 requests failed (100.0%, above -DmaxKo=1.0%);"
                        + " first: 404 on GET /bytes/1024");
        assertThat(FailureLines.of(byScenario, 0.0)).hasSize(2);
    }

    private static Failures failures(long requests, long failed, String first) {
        Failures f = new Failures();
        f.requests.add(requests);
        f.failed.add(failed);
        f.first.set(first);
        return f;
    }
}
