package io.roundtrip.origin;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/** Real clients for the tests: the JDK's HttpClient, a raw socket, the body pattern check. */
final class Clients {

    static final Duration TIMEOUT = Duration.ofSeconds(10);

    private Clients() {}

    /** An HttpClient speaking {@code version} that trusts the origin's certificate. */
    static HttpClient http(Origin origin, HttpClient.Version version) {
        HttpClient.Builder builder = HttpClient.newBuilder().version(version).connectTimeout(TIMEOUT);
        if (origin.certificate() != null) {
            builder.sslContext(origin.certificate().trustingSslContext());
        }
        return builder.build();
    }

    static HttpResponse<byte[]> get(HttpClient client, URI uri) throws IOException, InterruptedException {
        return client.send(HttpRequest.newBuilder(uri).timeout(TIMEOUT).GET().build(),
                HttpResponse.BodyHandlers.ofByteArray());
    }

    static HttpResponse<String> getText(HttpClient client, URI uri) throws IOException, InterruptedException {
        return client.send(HttpRequest.newBuilder(uri).timeout(TIMEOUT).GET().build(),
                HttpResponse.BodyHandlers.ofString());
    }

    /** Asserts {@code body} is exactly the first {@code length} bytes of the pattern. */
    static void assertPattern(byte[] body, long length) {
        assertThat((long) body.length).isEqualTo(length);
        String alphabet = PatternBody.ALPHABET;
        for (int i = 0; i < body.length; i++) {
            if (body[i] != alphabet.charAt(i % 64)) {
                throw new AssertionError("byte " + i + " is " + body[i] + ", expected " + alphabet.charAt(i % 64));
            }
        }
    }

    /** A raw TCP conversation: send bytes, read until the peer closes (or the timeout). */
    static final class Raw implements AutoCloseable {
        final Socket socket;

        Raw(URI uri) throws IOException {
            socket = new Socket(uri.getHost(), uri.getPort());
            socket.setSoTimeout((int) TIMEOUT.toMillis());
        }

        Raw send(String text) throws IOException {
            OutputStream out = socket.getOutputStream();
            out.write(text.getBytes(StandardCharsets.ISO_8859_1));
            out.flush();
            return this;
        }

        /** Everything until the server closes the connection. */
        String readToClose() throws IOException {
            InputStream in = socket.getInputStream();
            ByteArrayOutputStream all = new ByteArrayOutputStream();
            in.transferTo(all);
            return all.toString(StandardCharsets.ISO_8859_1);
        }

        /** Reads until {@code text} has arrived {@code times} times; returns everything read. */
        String readUntil(String text, int times) throws IOException {
            InputStream in = socket.getInputStream();
            StringBuilder seen = new StringBuilder();
            byte[] buf = new byte[8192];
            while (count(seen, text) < times) {
                int n = in.read(buf);
                if (n < 0) {
                    throw new IOException("closed after: " + seen);
                }
                seen.append(new String(buf, 0, n, StandardCharsets.ISO_8859_1));
            }
            return seen.toString();
        }

        private static int count(CharSequence haystack, String needle) {
            int count = 0;
            for (int i = haystack.toString().indexOf(needle); i >= 0; i = haystack.toString().indexOf(needle, i + 1)) {
                count++;
            }
            return count;
        }

        @Override
        public void close() throws IOException {
            socket.close();
        }
    }
}
