package io.roundtrip.origin;

import io.netty.handler.ssl.SslContextBuilder;
import io.netty.pkitesting.CertificateBuilder;
import io.netty.pkitesting.X509Bundle;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

/**
 * The TLS listener's certificate: either a fresh self-signed EC P-256 certificate for {@code localhost} and
 * {@code 127.0.0.1} (generated at every start, never stored), or PEM files given by the user.
 */
public final class ServerCertificate {

    private final List<X509Certificate> chain;
    private final PrivateKey generatedKey;
    private final Path certificateFile;
    private final Path keyFile;

    private ServerCertificate(List<X509Certificate> chain, PrivateKey generatedKey, Path certificateFile,
            Path keyFile) {
        this.chain = List.copyOf(chain);
        this.generatedKey = generatedKey;
        this.certificateFile = certificateFile;
        this.keyFile = keyFile;
    }

    /** A self-signed certificate for localhost / 127.0.0.1 / ::1, valid from an hour ago for a year. */
    public static ServerCertificate selfSigned() {
        try {
            Instant now = Instant.now();
            X509Bundle bundle = new CertificateBuilder()
                    .subject("CN=localhost, O=roundtrip origin")
                    .setIsCertificateAuthority(true)
                    .ecp256()
                    .notBefore(now.minus(Duration.ofHours(1)))
                    .notAfter(now.plus(Duration.ofDays(365)))
                    .addSanDnsName("localhost")
                    .addSanIpAddress("127.0.0.1")
                    .addSanIpAddress("::1")
                    .addExtendedKeyUsageServerAuth()
                    .buildSelfSigned();
            return new ServerCertificate(List.of(bundle.getCertificate()), bundle.getKeyPair().getPrivate(), null,
                    null);
        } catch (Exception e) {
            throw new IllegalStateException("could not generate a self-signed certificate: " + e.getMessage(), e);
        }
    }

    /** PEM files: a certificate chain and its private key (PKCS#8; PKCS#1/SEC1 too, Bouncy Castle is present). */
    public static ServerCertificate fromPem(Path certificateFile, Path keyFile) {
        try (InputStream in = Files.newInputStream(certificateFile)) {
            List<X509Certificate> chain = CertificateFactory.getInstance("X.509").generateCertificates(in).stream()
                    .map(X509Certificate.class::cast)
                    .toList();
            if (chain.isEmpty()) {
                throw new IllegalArgumentException("no certificate in " + certificateFile);
            }
            return new ServerCertificate(chain, null, certificateFile, keyFile);
        } catch (IOException | GeneralSecurityException e) {
            throw new IllegalArgumentException("cannot read certificate " + certificateFile + ": " + e.getMessage(), e);
        }
    }

    /** The server's own (leaf) certificate. */
    public X509Certificate certificate() {
        return chain.get(0);
    }

    /** True when generated at start rather than read from files. */
    public boolean isSelfSigned() {
        return generatedKey != null;
    }

    /** A client-side SSLContext that trusts exactly this certificate (tests and embedded simulations use it). */
    public SSLContext trustingSslContext() {
        try {
            KeyStore trust = KeyStore.getInstance(KeyStore.getDefaultType());
            trust.load(null, null);
            trust.setCertificateEntry("origin", certificate());
            TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            tmf.init(trust);
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(null, tmf.getTrustManagers(), null);
            return context;
        } catch (IOException | GeneralSecurityException e) {
            throw new IllegalStateException("cannot build a trusting SSLContext: " + e.getMessage(), e);
        }
    }

    /** A server SslContextBuilder holding this key and chain; {@link TlsContexts} adds protocols and ALPN. */
    SslContextBuilder serverContextBuilder() {
        if (generatedKey != null) {
            return SslContextBuilder.forServer(generatedKey, chain.toArray(X509Certificate[]::new));
        }
        return SslContextBuilder.forServer(certificateFile.toFile(), keyFile.toFile());
    }
}
