package io.roundtrip.proxy.api;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.roundtrip.proxy.ProxyServer;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * toxiproxy's populate format as a file ({@code toxiproxy-server -config}): a JSON array of
 * {@code {"name", "listen", "upstream", "enabled"}}, plus roundtrip's optional {@code "toxics"} list per proxy.
 */
public final class PopulateFile {

    private PopulateFile() {}

    /** Creates the file's proxies; returns how many. Bad content is an {@link IllegalArgumentException}, one line. */
    public static int load(ProxyServer proxy, Path file) {
        String text;
        try {
            text = Files.readString(file);
        } catch (IOException e) {
            throw new IllegalArgumentException("cannot read " + file + ": " + e.getMessage());
        }
        try {
            List<Object> created = ApiHandler.populate(proxy, new ObjectMapper().readTree(text));
            return created.size();
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException(file + ": bad JSON: " + e.getOriginalMessage());
        } catch (ApiException e) {
            throw new IllegalArgumentException(file + ": " + e.getMessage());
        }
    }
}
