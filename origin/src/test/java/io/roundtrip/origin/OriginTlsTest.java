package io.roundtrip.origin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpResponse;
import java.util.Set;
import javax.net.ssl.SSLHandshakeException;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** TLS 1.2 and 1.3 really negotiated, by both TLS engines, read from the client's own SSLSession. */
class OriginTlsTest {

    @ParameterizedTest
    @CsvSource({"TLSv1.2,OPENSSL", "TLSv1.3,OPENSSL", "TLSv1.2,JDK", "TLSv1.3,JDK"})
    void restrictedOriginNegotiatesExactlyThatVersion(String version, OriginConfig.TlsProvider provider)
            throws Exception {
        try (Origin origin = Origin.start(OriginConfig.builder().port(-1).tlsPort(0)
                .tlsVersions(Set.of(version)).tlsProvider(provider).build())) {
            assertThat(origin.tlsProvider()).isEqualTo(provider == OriginConfig.TlsProvider.JDK ? "JDK" : "OpenSSL");
            try (SSLSocket socket = handshake(origin, "TLSv1.2", "TLSv1.3")) {
                assertThat(socket.getSession().getProtocol()).isEqualTo(version);
                assertThat(socket.getApplicationProtocol()).isEqualTo("h2");
            }
            String other = version.equals("TLSv1.2") ? "TLSv1.3" : "TLSv1.2";
            assertThatThrownBy(() -> handshake(origin, other).close()).isInstanceOf(SSLHandshakeException.class);

            HttpResponse<byte[]> response = Clients.get(Clients.http(origin, HttpClient.Version.HTTP_2),
                    origin.httpsUri().resolve("/bytes/1000"));
            assertThat(response.version()).isEqualTo(HttpClient.Version.HTTP_2);
            assertThat(response.sslSession()).hasValueSatisfying(s -> assertThat(s.getProtocol()).isEqualTo(version));
            Clients.assertPattern(response.body(), 1000);

            OriginStats.Snapshot stats = origin.stats();
            assertThat(stats.tlsHandshakesByVersion()).containsEntry(version, 2L).doesNotContainKey(other);
            assertThat(stats.tlsHandshakesFailed()).isEqualTo(1);
        }
    }

    @ParameterizedTest
    @CsvSource({"TLSv1.2", "TLSv1.3"})
    void defaultOriginOffersBothVersions(String version) throws Exception {
        try (Origin origin = Origin.start(OriginConfig.builder().port(-1).tlsPort(0).build());
                SSLSocket socket = handshake(origin, version)) {
            assertThat(socket.getSession().getProtocol()).isEqualTo(version);
        }
    }

    /** A JDK TLS client offering {@code versions} and ALPN h2, http/1.1; returns after the handshake. */
    private static SSLSocket handshake(Origin origin, String... versions) throws Exception {
        URI uri = origin.httpsUri();
        SSLSocket socket = (SSLSocket) origin.certificate().trustingSslContext().getSocketFactory()
                .createSocket(uri.getHost(), uri.getPort());
        try {
            socket.setSoTimeout((int) Clients.TIMEOUT.toMillis());
            SSLParameters parameters = socket.getSSLParameters();
            parameters.setProtocols(versions);
            parameters.setApplicationProtocols(new String[] {"h2", "http/1.1"});
            socket.setSSLParameters(parameters);
            socket.startHandshake();
            return socket;
        } catch (Exception e) {
            socket.close();
            throw e;
        }
    }
}
