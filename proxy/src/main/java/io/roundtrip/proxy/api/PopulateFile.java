package io.roundtrip.proxy.api;

import io.roundtrip.proxy.ProxyServer;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * toxiproxy's populate format as a file ({@code toxiproxy-server -config}): a JSON array of
 * {@code {"name", "listen", "upstream", "enabled"}}, plus roundtrip's optional {@code "toxics"} list per proxy.
 */
public final class PopulateFile {

    private PopulateFile() {}

    /**
     * Creates the file's proxies, all or nothing; returns how many. Bad content is an
     * {@link IllegalArgumentException} with a one-line reason that names the file.
     */
    public static int load(ProxyServer proxy, Path file) {
        String text;
        try {
            text = Files.readString(file);
        } catch (IOException e) {
            throw new IllegalArgumentException("cannot read " + file + ": " + e.getMessage());
        }
        try {
            return ProxyHandlers.populate(proxy, text).size();
        } catch (ApiError e) {
            throw new IllegalArgumentException(file + ": " + e.getMessage());
        }
    }
}
