package io.roundtrip.origin;

import io.netty.handler.codec.http2.Http2SecurityUtil;
import io.netty.handler.ssl.ApplicationProtocolConfig;
import io.netty.handler.ssl.ApplicationProtocolNames;
import io.netty.handler.ssl.OpenSsl;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslProvider;
import io.netty.handler.ssl.SupportedCipherSuiteFilter;
import java.util.TreeSet;
import javax.net.ssl.SSLException;

/** Builds the TLS listener's server context: the chosen engine, the allowed versions, ALPN h2 then http/1.1. */
final class TlsContexts {

    private TlsContexts() {}

    /** The engine {@code choice} resolves to here; fails if OpenSSL is demanded but does not load. */
    static SslProvider provider(OriginConfig.TlsProvider choice) {
        return switch (choice) {
            case AUTO -> OpenSsl.isAvailable() && SslProvider.isAlpnSupported(SslProvider.OPENSSL)
                    ? SslProvider.OPENSSL : SslProvider.JDK;
            case OPENSSL -> {
                if (!OpenSsl.isAvailable()) {
                    throw new IllegalStateException("TLS provider OpenSSL is not available here: "
                            + OpenSsl.unavailabilityCause().getMessage());
                }
                yield SslProvider.OPENSSL;
            }
            case JDK -> SslProvider.JDK;
        };
    }

    static SslContext server(OriginConfig config, ServerCertificate certificate) {
        try {
            return certificate.serverContextBuilder()
                    .sslProvider(provider(config.tlsProvider()))
                    .protocols(new TreeSet<>(config.tlsVersions()).toArray(String[]::new))
                    .ciphers(Http2SecurityUtil.CIPHERS, SupportedCipherSuiteFilter.INSTANCE)
                    .applicationProtocolConfig(new ApplicationProtocolConfig(
                            ApplicationProtocolConfig.Protocol.ALPN,
                            ApplicationProtocolConfig.SelectorFailureBehavior.NO_ADVERTISE,
                            ApplicationProtocolConfig.SelectedListenerFailureBehavior.ACCEPT,
                            ApplicationProtocolNames.HTTP_2,
                            ApplicationProtocolNames.HTTP_1_1))
                    .build();
        } catch (SSLException | IllegalArgumentException e) {
            throw new IllegalArgumentException("cannot set up TLS: " + e.getMessage(), e);
        }
    }
}
