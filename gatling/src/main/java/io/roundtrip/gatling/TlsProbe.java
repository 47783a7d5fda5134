package io.roundtrip.gatling;

import io.roundtrip.model.RequestKind.Tls;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.security.GeneralSecurityException;
import java.security.cert.X509Certificate;
import javax.net.ssl.SNIHostName;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManager;
import javax.net.ssl.X509TrustManager;
import java.util.List;

/**
 * Asks a TLS target which version it settles on when offered what Gatling offers (TLS 1.3 and 1.2): one handshake
 * before the run, since Gatling's API does not say which version a connection negotiated. Certificates are not
 * checked, as Gatling does not check them by default.
 */
final class TlsProbe {

    private static final int TIMEOUT_MILLIS = 3_000;

    private TlsProbe() {}

    /** The version {@code target} negotiates; {@link Tls#NONE} for an {@code http} target. */
    static Tls negotiated(URI target) {
        if (!"https".equals(target.getScheme())) {
            return Tls.NONE;
        }
        int port = target.getPort() != -1 ? target.getPort() : 443;
        try {
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(null, new TrustManager[] {new TrustingManager()}, null);
            try (SSLSocket socket = (SSLSocket) context.getSocketFactory().createSocket()) {
                socket.connect(new InetSocketAddress(target.getHost(), port), TIMEOUT_MILLIS);
                socket.setSoTimeout(TIMEOUT_MILLIS);
                SSLParameters parameters = socket.getSSLParameters();
                parameters.setProtocols(new String[] {"TLSv1.3", "TLSv1.2"});
                if (!target.getHost().matches("[0-9.:]+")) {
                    parameters.setServerNames(List.of(new SNIHostName(target.getHost())));
                }
                socket.setSSLParameters(parameters);
                socket.startHandshake();
                return "TLSv1.2".equals(socket.getSession().getProtocol()) ? Tls.TLS_1_2 : Tls.TLS_1_3;
            }
        } catch (IOException | GeneralSecurityException e) {
            throw new IllegalArgumentException("bad -Dtarget=" + target + ": no TLS handshake ("
                    + e.getMessage() + ")");
        }
    }

    @SuppressWarnings("java:S4830") // as Gatling's default client: load tests run against staging certificates
    private static final class TrustingManager implements X509TrustManager {
        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType) {}

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType) {}

        @Override
        public X509Certificate[] getAcceptedIssuers() {
            return new X509Certificate[0];
        }
    }
}
