package io.roundtrip.gatling;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import java.util.OptionalDouble;
import org.junit.jupiter.api.Test;

class RequestTableTest {

    private final RequestTable.Row login = new RequestTable.Row("login", 36, 0, 164, 167, 171,
            OptionalDouble.of(4), OptionalDouble.of(160), "HTTP/1.1, fresh TCP, 203 B");

    @Test
    void theErrorIsTheMeasuredNetworkCostAgainstThePrediction() {
        assertThat(login.measuredNetworkMillis().getAsDouble()).isEqualTo(160);
        assertThat(login.errorPercent().getAsDouble()).isCloseTo(0, within(1e-9));

        RequestTable.Row slow = new RequestTable.Row("item", 36, 0, 250, 255, 260, OptionalDouble.of(10),
                OptionalDouble.of(160), "HTTP/1.1, kept-alive, 20 KiB");
        assertThat(slow.errorPercent().getAsDouble()).isCloseTo(50, within(1e-9));
        assertThat(slow.errorRoundTrips(80).getAsDouble()).isCloseTo(1, within(1e-9));
    }

    @Test
    void aGroupHasNoPredictionAndPrintsDashes() {
        RequestTable.Row group = new RequestTable.Row("browse", 16, 0, 248, 254, 263, OptionalDouble.of(3),
                OptionalDouble.empty(), "group");
        String table = RequestTable.render(List.of(login, group), 80);

        assertThat(group.errorPercent()).isEmpty();
        assertThat(table).containsPattern("(?m)^login +36 +0 \\| +164\\.0 .*\\| +4\\.0 \\| +160\\.0 +160\\.0 +\\+0\\.0 +\\+0\\.00 \\|"
                + " HTTP/1\\.1, fresh TCP, 203 B$");
        assertThat(table).containsPattern("(?m)^browse .*\\| +245\\.0 +- +- +- \\| group$");
    }
}
