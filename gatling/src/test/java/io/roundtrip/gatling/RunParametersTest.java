package io.roundtrip.gatling;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.Properties;
import org.junit.jupiter.api.Test;

class RunParametersTest {

    @Test
    void defaultsAreTheDocumentedOnes() {
        RunParameters p = RunParameters.from(new Properties(), RunParameters.DEFAULT_PROFILE);

        assertThat(p.profile().name()).isEqualTo("cross-continent");
        assertThat(p.profile().rtt()).isEqualTo(Duration.ofMillis(80));
        assertThat(p.target()).isEmpty();
        assertThat(p.proxied()).isTrue();
        assertThat(p.users()).isEqualTo(4);
        assertThat(p.duration()).isEqualTo(Duration.ofSeconds(10));
        assertThat(p.warmUp()).isEqualTo(Duration.ofSeconds(2));
        assertThat(p.sizeBytes()).isEqualTo(1024);
        assertThat(p.resources()).isEqualTo(12);
        assertThat(p.resourceSizeBytes()).isEqualTo(8192);
        assertThat(p.freshPerSecond()).isEqualTo(5.0);
    }

    @Test
    void profileKeysOverrideThePreset() {
        Properties properties = new Properties();
        properties.setProperty("profile", "cross-ocean");
        properties.setProperty("rtt", "50ms");
        properties.setProperty("loss", "1%");

        RunParameters p = RunParameters.from(properties, RunParameters.DEFAULT_PROFILE);

        assertThat(p.profile().rtt()).isEqualTo(Duration.ofMillis(50));
        assertThat(p.profile().lossRate()).isEqualTo(0.01);
    }

    @Test
    void badValuesAreOneLineNamingThePropertyAndValue() {
        assertThatThrownBy(() -> RunParameters.from(props("rtt", "fast"), "none"))
                .isInstanceOf(RunParameters.BadParameterException.class)
                .hasMessage("bad -Drtt=fast: expected a duration like 80ms");
        assertThatThrownBy(() -> RunParameters.from(props("users", "0"), "none"))
                .hasMessage("bad -Dusers=0: expected a whole number from 1 to 1000");
        assertThatThrownBy(() -> RunParameters.from(props("target", "ftp://x"), "none"))
                .hasMessageStartingWith("bad -Dtarget=ftp://x: expected http://host:port or https://host:port");
        assertThatThrownBy(() -> RunParameters.from(props("profile", "marsnet"), "none"))
                .hasMessageStartingWith("bad -Dprofile=marsnet: unknown preset 'marsnet'");
        assertThatThrownBy(() -> RunParameters.from(props("rate", "-3"), "none"))
                .hasMessageStartingWith("bad -Drate=-3: ");
        assertThatThrownBy(() -> RunParameters.from(props("duration", "0s"), "none"))
                .hasMessage("bad -Dduration=0s: expected a duration above zero, such as 10s");
    }

    @Test
    void listsRefuseRepeatedValues() {
        System.setProperty("roundtrip.test.levels", "2,4,2");
        try {
            assertThatThrownBy(() -> RunParameters.listProperty("roundtrip.test.levels", "1", Integer::valueOf))
                    .hasMessage("bad -Droundtrip.test.levels=2,4,2: each value may appear once");
        } finally {
            System.clearProperty("roundtrip.test.levels");
        }
        assertThat(RunParameters.listProperty("roundtrip.test.absent", "1, 2,4", Integer::valueOf))
                .containsExactly(1, 2, 4);
    }

    @Test
    void proxyNoneSendsTrafficStraightToTheTarget() {
        assertThat(RunParameters.from(props("proxy", "none"), "none").proxied()).isFalse();
    }

    private static Properties props(String name, String value) {
        Properties properties = new Properties();
        properties.setProperty(name, value);
        return properties;
    }
}
