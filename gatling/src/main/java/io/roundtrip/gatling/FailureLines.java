package io.roundtrip.gatling;

import io.roundtrip.gatling.ObservedRequests.Failures;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * One line per scenario whose failed share exceeds {@code -DmaxKo}, naming the count and the first failure, e.g.
 * {@code roundtrip: scenario h1-keepalive: 1234 of 1234 requests failed (100.0%, above -DmaxKo=1.0%); first: 404 on
 * GET /bytes/1024}. Gatling's assertion on the same threshold sets the exit status; these lines say why.
 */
final class FailureLines {

    private FailureLines() {}

    static List<String> of(Map<String, Failures> byScenario, double maxKoFraction) {
        List<String> lines = new ArrayList<>();
        byScenario.forEach((scenario, failures) -> {
            long requests = failures.requests.sum();
            long failed = failures.failed.sum();
            if (requests > 0 && failed > maxKoFraction * requests) {
                lines.add(String.format(Locale.ROOT,
                        "roundtrip: scenario %s: %d of %d requests failed (%.1f%%, above -DmaxKo=%.1f%%); first: %s",
                        scenario, failed, requests, 100.0 * failed / requests, 100 * maxKoFraction,
                        failures.first.get()));
            }
        });
        return lines;
    }
}
