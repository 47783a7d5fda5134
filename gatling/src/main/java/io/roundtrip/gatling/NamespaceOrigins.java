package io.roundtrip.gatling;

import io.roundtrip.origin.Origin;
import io.roundtrip.origin.OriginConfig;
import java.io.IOException;
import java.util.List;
import java.util.Set;

/**
 * The embedded origins of a run, as a process of their own, for {@code -Dpath=packet}: started inside the packet
 * path's network namespace (a JVM's sockets live in the namespace of the process that opens them), bound to all of
 * its addresses. Prints one line, {@code ports PLAIN TLS TLS12 TLS13}, then serves until its standard input closes:
 * when the run that started it ends, or dies, so does this.
 */
public final class NamespaceOrigins {

    private NamespaceOrigins() {}

    public static void main(String[] args) throws IOException {
        OriginConfig all = OriginConfig.builder().bindAddress("0.0.0.0").port(0).tlsPort(0).build();
        try (Origin origin = Origin.start(all);
                Origin tls12 = Origin.start(all.toBuilder().port(-1).tlsVersions(Set.of("TLSv1.2")).build());
                Origin tls13 = Origin.start(all.toBuilder().port(-1).tlsVersions(Set.of("TLSv1.3")).build())) {
            System.out.println(String.join(" ", List.of("ports", Integer.toString(origin.httpPort()),
                    Integer.toString(origin.httpsPort()), Integer.toString(tls12.httpsPort()),
                    Integer.toString(tls13.httpsPort()))));
            System.out.flush();
            while (System.in.read() != -1) {
                // serve until the parent closes our standard input
            }
        }
    }
}
