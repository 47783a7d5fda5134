package io.roundtrip.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import java.util.function.Function;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The request kind's enums read back by their own names, their Java names and the aliases users type. */
class RequestKindNamesTest {

    private static final Map<String, Function<String, Object>> PARSERS = Map.of(
            "protocol", RequestKind.Protocol::parse, "connection", RequestKind.Connection::parse,
            "tls", RequestKind.Tls::parse, "dns", RequestKind.Dns::parse);

    @ParameterizedTest(name = "{0} {1} = {2}")
    @CsvSource({
        "protocol, h2, h2", "protocol, ' H1 ', h1", "protocol, http/1.1, h1", "protocol, HTTP1, h1",
        "protocol, http/2, h2", "protocol, http2, h2",
        "connection, keepalive, keepalive", "connection, keep-alive, keepalive", "connection, IDLE, idle",
        "tls, 1.3-resumed, 1.3-resumed", "tls, TLS_1_2, 1.2", "tls, tls1.2, 1.2", "tls, TLS1.3, 1.3",
        "tls, none, none", "dns, uncached, uncached"})
    void readsNamesJavaNamesAndAliases(String what, String text, String name) {
        assertThat(PARSERS.get(what).apply(text)).hasToString(name);
    }

    @Test
    void anAliasOfAnotherEnumIsABadValueOfOneLine() {
        assertThatThrownBy(() -> RequestKind.Tls.parse("keep-alive")).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("bad tls 'keep-alive': expected one of none, 1.2, 1.3, 1.3-resumed");
        assertThatThrownBy(() -> RequestKind.Protocol.parse(null)).hasMessage("bad protocol 'null': expected one of "
                + "h1, h2");
    }
}
