package io.roundtrip.proxy;

import io.roundtrip.proxy.toxic.ToxicSpec;
import java.net.InetSocketAddress;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/** A proxy as toxiproxy's create and populate describe it: name, listen, upstream, enabled and its toxics. */
public record ProxySpec(String name, InetSocketAddress listen, InetSocketAddress upstream, boolean enabled,
        List<ToxicSpec> toxics) {

    /** Checks what can be checked without binding: a name, an upstream that is a destination, distinct toxic names. */
    public ProxySpec {
        if (name == null || name.isBlank()) {
            throw new InvalidProxyException("missing proxy name");
        }
        if (listen == null) {
            throw new InvalidProxyException("proxy '" + name + "': missing listen address");
        }
        try {
            Addresses.checkUpstream(upstream);
        } catch (InvalidProxyException e) {
            throw new InvalidProxyException("proxy '" + name + "': " + e.getMessage());
        }
        toxics = List.copyOf(toxics == null ? List.of() : toxics);
        checkToxicNames(toxics);
    }

    /** Every toxic name of a list must be distinct ({@link DuplicateNameException} otherwise). */
    public static void checkToxicNames(List<ToxicSpec> toxics) {
        Set<String> seen = new HashSet<>();
        for (ToxicSpec t : toxics) {
            if (!seen.add(t.name())) {
                throw new DuplicateNameException("toxic '" + t.name() + "' already exists");
            }
        }
    }
}
