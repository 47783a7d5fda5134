package io.roundtrip.proxy;

import java.net.InetSocketAddress;

/** toxiproxy's proxy update: each field null to keep it. */
public record ProxyUpdate(InetSocketAddress listen, InetSocketAddress upstream, Boolean enabled) {

    public ProxyUpdate {
        if (upstream != null) {
            Addresses.checkUpstream(upstream);
        }
    }
}
