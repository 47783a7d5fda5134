package io.roundtrip.gatling;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.Properties;
import org.junit.jupiter.api.Test;

class GeneratorTest {

    private static final Clock NOON = Clock.fixed(Instant.parse("2026-12-02T12:00:00Z"), ZoneOffset.UTC);

    @Test
    void nGeneratorsTogetherApplyTheConfiguredLoad() {
        int users = 0;
        for (int i = 0; i < 3; i++) {
            users += new Generator(i, 3, java.util.Optional.empty()).usersOf(10);
        }
        assertThat(users).isEqualTo(10);
        assertThat(new Generator(0, 3, java.util.Optional.empty()).usersOf(10)).isEqualTo(4);
        assertThat(new Generator(2, 3, java.util.Optional.empty()).rateOf(6)).isEqualTo(2.0);
    }

    @Test
    void theIndexComesFromTheFlagOrFromKubernetesIndexedJob() {
        assertThat(Generator.from(props("generator", "1/3"), Map.of(), NOON))
                .isEqualTo(new Generator(1, 3, java.util.Optional.empty()));
        assertThat(Generator.from(props("generators", "4"), Map.of("JOB_COMPLETION_INDEX", "3"), NOON))
                .isEqualTo(new Generator(3, 4, java.util.Optional.empty()));
        assertThat(Generator.from(new Properties(), Map.of("JOB_COMPLETION_INDEX", "3"), NOON)).isEqualTo(Generator.ALONE);
    }

    @Test
    void badInputIsOneLine() {
        assertThatThrownBy(() -> Generator.from(props("generator", "3/3"), Map.of(), NOON))
                .hasMessage("bad -Dgenerator=3/3: expected I/N with 0 <= I < N, such as 0/3");
        assertThatThrownBy(() -> Generator.from(props("startAt", "2026-12-02T11:59:59Z"), Map.of(), NOON))
                .hasMessage("bad -DstartAt=2026-12-02T11:59:59Z: that instant has passed (now 2026-12-02T12:00:00Z)");
        assertThatThrownBy(() -> Generator.from(props("startAt", "noon"), Map.of(), NOON))
                .hasMessageStartingWith("bad -DstartAt=noon: expected an ISO-8601 instant");
        assertThat(Generator.from(props("startAt", "2026-12-02T12:00:30Z"), Map.of(), NOON).startAt())
                .contains(Instant.parse("2026-12-02T12:00:30Z"));
    }

    private static Properties props(String name, String value) {
        Properties properties = new Properties();
        properties.setProperty(name, value);
        return properties;
    }
}
