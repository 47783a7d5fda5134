package io.roundtrip.model;

import static org.assertj.core.api.Assertions.assertThat;

import io.roundtrip.model.RequestKind.Connection;
import io.roundtrip.model.RequestKind.Protocol;
import io.roundtrip.model.RequestKind.Tls;
import io.roundtrip.model.units.Units;
import org.junit.jupiter.api.Test;

/** Request kinds and sizes as a capacity review reads them. */
class RequestKindWordsTest {

    @Test
    void aFreshConnectionNamesTheHandshakesItPaysAReusedOneOnlyItsTls() {
        assertThat(kind(Protocol.H2, Connection.FRESH, Tls.TLS_1_3, 1024).inWords())
                .isEqualTo("HTTP/2, fresh TLS 1.3, 1 KiB");
        assertThat(kind(Protocol.H1, Connection.FRESH, Tls.NONE, 1100).inWords())
                .isEqualTo("HTTP/1.1, fresh TCP, 1.1 KiB");
        assertThat(kind(Protocol.H2, Connection.KEEPALIVE, Tls.TLS_1_3, 4096).inWords())
                .isEqualTo("HTTP/2, kept-alive, TLS 1.3, 4 KiB");
        assertThat(kind(Protocol.H1, Connection.IDLE, Tls.NONE, 20_000).inWords())
                .isEqualTo("HTTP/1.1, reused at the initial window, 19.5 KiB");
    }

    @Test
    void sizesAreInBinaryUnitsAsTheParserReadsThem() {
        assertThat(Units.formatBytes(512)).isEqualTo("512 B");
        assertThat(Units.formatBytes(1024)).isEqualTo("1 KiB");
        assertThat(Units.formatBytes(24_576)).isEqualTo("24 KiB");
        assertThat(Units.formatBytes(1_572_864)).isEqualTo("1.5 MiB");
        assertThat(Units.formatBytes(150 * 1024 * 1024L)).isEqualTo("150 MiB");
        assertThat(Units.parseBytes("1.5MiB")).isEqualTo(1_572_864);
    }

    private static RequestKind kind(Protocol protocol, Connection connection, Tls tls, long bytes) {
        return RequestKind.builder().protocol(protocol).connection(connection).tls(tls).responseBytes(bytes).build();
    }
}
