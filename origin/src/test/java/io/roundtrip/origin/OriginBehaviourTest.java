package io.roundtrip.origin;

import io.roundtrip.model.units.Units;
import static io.roundtrip.origin.Clients.assertPattern;
import static io.roundtrip.origin.Clients.get;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import java.net.http.HttpClient;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Connection policy (keep-alive, idle timeout, Nagle), transports and engines, /stats counting, configuration. */
class OriginBehaviourTest {

    @Test
    void noKeepAliveAnswersConnectionCloseAndReallyCloses() throws Exception {
        try (Origin origin = Origin.start(OriginConfig.builder().port(0).tlsPort(0).keepAlive(false).build())) {
            try (Clients.Raw raw = new Clients.Raw(origin.httpUri())) {
                String answer = raw.send("GET /bytes/4 HTTP/1.1\r\nhost: x\r\n\r\n").readToClose();
                assertThat(answer).startsWith("HTTP/1.1 200 OK\r\n").contains("connection: close\r\n")
                        .endsWith("\r\n\r\nABCD");
            }
            HttpClient client = Clients.http(origin, HttpClient.Version.HTTP_1_1);
            for (int i = 0; i < 3; i++) {
                HttpResponse<byte[]> response = get(client, origin.httpsUri().resolve("/bytes/10"));
                assertThat(response.headers().firstValue("connection")).hasValue("close");
            }
            // each request on its own connection: 1 raw + 3 TLS
            assertThat(origin.stats().connectionsOpened()).isEqualTo(4);
            assertThat(origin.stats().tlsHandshakes()).isEqualTo(3);
        }
    }

    @Test
    void idleConnectionIsClosedButOneWaitingForItsAnswerIsNot() throws Exception {
        try (Origin origin = Origin.start(OriginConfig.builder().port(0).tlsPort(-1)
                .idleTimeout(Duration.ofMillis(500)).build())) {
            try (Clients.Raw silent = new Clients.Raw(origin.httpUri())) {
                long start = System.nanoTime();
                assertThat(silent.readToClose()).isEmpty();
                assertThat(Duration.ofNanos(System.nanoTime() - start)).isGreaterThanOrEqualTo(Duration.ofMillis(450));
            }
            try (Clients.Raw patient = new Clients.Raw(origin.httpUri())) {
                String answer = patient.send("GET /delay/1500ms HTTP/1.1\r\nhost: x\r\n\r\n").readToClose();
                assertThat(answer).startsWith("HTTP/1.1 200 OK").endsWith("delayed 1500ms\n");
            }
        }
    }

    @Test
    void statsCountWhatTheTestDid() throws Exception {
        try (Origin origin = Origin.start(OriginConfig.builder().port(0).tlsPort(0).build())) {
            HttpClient h1 = Clients.http(origin, HttpClient.Version.HTTP_1_1);
            for (int i = 0; i < 5; i++) {
                assertPattern(get(h1, origin.httpUri().resolve("/bytes/1000")).body(), 1000);
            }
            HttpClient h2 = Clients.http(origin, HttpClient.Version.HTTP_2);
            for (int i = 0; i < 3; i++) {
                assertPattern(get(h2, origin.httpsUri().resolve("/bytes/1000")).body(), 1000);
            }
            try (Clients.Raw raw = new Clients.Raw(origin.httpUri())) {
                raw.send("NONSENSE\r\n\r\n").readToClose();
            }
            OriginStats.Snapshot stats = origin.stats();
            assertThat(stats.requestsByProtocol()).isEqualTo(java.util.Map.of("HTTP/1.1", 5L, "h2", 3L));
            assertThat(stats.requestsRejected()).isEqualTo(1);
            assertThat(stats.connectionsOpened()).isEqualTo(3);
            assertThat(stats.tlsHandshakesByVersion()).isEqualTo(java.util.Map.of("TLSv1.3", 1L));
            assertThat(stats.h2Streams()).isEqualTo(3);
            assertThat(stats.bytesOut()).isGreaterThan(8 * 1000);
            assertThat(stats.bytesIn()).isPositive();

            // /stats counts itself: the 9th request over HTTP/1.1 ... 6th over HTTP/1.1
            String json = Clients.getText(h1, origin.httpUri().resolve("/stats")).body();
            assertThat(json).contains("\"requests\":{\"total\":9,\"by_protocol\":{\"HTTP/1.1\":6,\"h2\":3},\"rejected\":1}",
                    "\"h2_streams\":3", "\"tls_handshakes\":{\"total\":1,\"by_version\":{\"TLSv1.3\":1},\"failed\":0}");
        }
    }

    @ParameterizedTest
    @CsvSource({"NIO,JDK,false", "NIO,OPENSSL,true", "AUTO,JDK,true", "EPOLL,AUTO,false"})
    void everyTransportEngineAndNagleModeServesTheSameBytes(OriginConfig.Transport transport,
            OriginConfig.TlsProvider provider, boolean nagle) throws Exception {
        org.junit.jupiter.api.Assumptions.assumeTrue(transport != OriginConfig.Transport.EPOLL
                || io.netty.channel.epoll.Epoll.isAvailable(), "epoll not available here");
        try (Origin origin = Origin.start(OriginConfig.builder().port(0).tlsPort(0).transport(transport)
                .tlsProvider(provider).nagle(nagle).build())) {
            for (HttpClient.Version version : HttpClient.Version.values()) {
                HttpClient client = Clients.http(origin, version);
                for (String size : new String[] {"0", "10", "64KiB", "300KiB"}) {
                    HttpResponse<byte[]> tls = get(client, origin.httpsUri().resolve("/bytes/" + size));
                    assertThat(tls.version()).isEqualTo(version);
                    assertPattern(tls.body(), Units.parseBytes(size));
                    HttpResponse<byte[]> plain = get(client, origin.httpUri().resolve("/bytes/" + size));
                    assertPattern(plain.body(), Units.parseBytes(size));
                }
            }
            assertThat(origin.transport()).isIn("epoll", "nio");
        }
    }

    @Test
    void invalidConfigurationsAreRefusedWithAReason() {
        assertThatIllegalArgumentException().isThrownBy(() -> OriginConfig.builder().port(-1).tlsPort(-1).build())
                .withMessageContaining("both listeners are disabled");
        assertThatIllegalArgumentException().isThrownBy(() -> OriginConfig.builder().port(70000).build())
                .withMessageContaining("port must be -1 (off), 0 (ephemeral) or 1-65535");
        assertThatIllegalArgumentException().isThrownBy(() -> OriginConfig.builder().tlsVersions(Set.of("TLSv1.1"))
                .build()).withMessageContaining("unsupported TLS version 'TLSv1.1'");
        assertThatIllegalArgumentException().isThrownBy(() -> OriginConfig.builder()
                .certificate(java.nio.file.Path.of("/nope.pem"), java.nio.file.Path.of("/nope.key")).build())
                .withMessageContaining("certificate file not readable");
        assertThatIllegalArgumentException().isThrownBy(() -> OriginConfig.builder().maxBodyBytes(2L << 30).build())
                .withMessageContaining("max body");
    }

    @Test
    void portInUseIsOneClearError() {
        try (Origin first = Origin.start(OriginConfig.builder().port(0).tlsPort(-1).build())) {
            org.assertj.core.api.Assertions.assertThatIllegalStateException()
                    .isThrownBy(() -> Origin.start(OriginConfig.builder().port(first.httpPort()).tlsPort(-1).build()))
                    .withMessageContaining("cannot listen on 127.0.0.1:" + first.httpPort());
        }
    }

    @Test
    void certificateAndKeyFromPemFiles(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir) throws Exception {
        io.netty.pkitesting.X509Bundle bundle = new io.netty.pkitesting.CertificateBuilder()
                .subject("CN=localhost").setIsCertificateAuthority(true).rsa2048()
                .addSanDnsName("localhost").addSanIpAddress("127.0.0.1").buildSelfSigned();
        java.nio.file.Path cert = java.nio.file.Files.writeString(dir.resolve("cert.pem"), bundle.getCertificatePEM());
        java.nio.file.Path key = java.nio.file.Files.writeString(dir.resolve("key.pem"), bundle.getPrivateKeyPEM());
        try (Origin origin = Origin.start(OriginConfig.builder().port(-1).tlsPort(0).certificate(cert, key).build())) {
            assertThat(origin.certificate().isSelfSigned()).isFalse();
            assertThat(origin.certificate().certificate()).isEqualTo(bundle.getCertificate());
            HttpResponse<byte[]> response = get(Clients.http(origin, HttpClient.Version.HTTP_2),
                    origin.httpsUri().resolve("/bytes/5"));
            assertThat(response.version()).isEqualTo(HttpClient.Version.HTTP_2);
            assertPattern(response.body(), 5);
        }
    }
}
