package io.roundtrip.proxy.api;

import static java.nio.charset.StandardCharsets.ISO_8859_1;
import static java.nio.charset.StandardCharsets.UTF_8;

import io.roundtrip.testing.HttpHead;
import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * One HTTP/1.1 exchange on a fresh socket with the bytes as given: what the JDK client refuses to send (a bad
 * escape or raw bytes in the target, any method, a body of any bytes). {@code Connection: close} on every request.
 */
final class RawHttp {

    /** What came back; header names lower case. */
    record Response(int status, Map<String, String> headers, byte[] body) {

        String text() {
            return new String(body, UTF_8);
        }

        String header(String name) {
            return headers.get(name.toLowerCase(Locale.ROOT));
        }
    }

    /** A request: the target as raw bytes; a body sent chunked or with its length, after a 100 if it expects one. */
    record Request(String method, byte[] target, List<Map.Entry<String, String>> headers, byte[] body, boolean chunked,
            boolean expectContinue) {}

    private RawHttp() {}

    static Response exchange(InetSocketAddress to, Request r) throws IOException {
        try (Socket s = new Socket()) {
            s.connect(to, 5_000);
            s.setSoTimeout(30_000); // a server that stops answering fails the exchange, it does not hang the test
            s.setTcpNoDelay(true); // or the body waits on the head's delayed ACK: 40 ms a request
            OutputStream out = new BufferedOutputStream(s.getOutputStream(), 1 << 16);
            InputStream in = new BufferedInputStream(s.getInputStream());
            out.write(head(to, r));
            if (r.expectContinue()) {
                out.flush();
                Response interim = readHead(in);
                if (interim.status() != 100) {
                    return withBody(in, interim, r.method());
                }
            }
            try {
                writeBody(out, r);
            } catch (IOException e) {
                // the server may answer (and close) before it has read everything; its answer is what counts
            }
            return read(in, r.method());
        }
    }

    /** The next answer on {@code in}, after any 100s. */
    static Response read(InputStream in, String method) throws IOException {
        Response h = readHead(in);
        while (h.status() == 100) {
            h = readHead(in);
        }
        return withBody(in, h, method);
    }

    private static byte[] head(InetSocketAddress to, Request r) throws IOException {
        ByteArrayOutputStream head = new ByteArrayOutputStream();
        head.write(r.method().getBytes(UTF_8));
        head.write(' ');
        head.write(r.target());
        line(head, " HTTP/1.1");
        line(head, "Host: 127.0.0.1:" + to.getPort());
        for (Map.Entry<String, String> h : r.headers()) {
            line(head, h.getKey() + ": " + h.getValue());
        }
        line(head, r.chunked() ? "Transfer-Encoding: chunked" : "Content-Length: " + r.body().length);
        if (r.expectContinue()) {
            line(head, "Expect: 100-continue");
        }
        line(head, "Connection: close");
        line(head, "");
        return head.toByteArray();
    }

    private static void line(ByteArrayOutputStream out, String text) throws IOException {
        out.write(text.getBytes(UTF_8));
        out.write('\r');
        out.write('\n');
    }

    private static void writeBody(OutputStream out, Request r) throws IOException {
        if (!r.chunked()) {
            out.write(r.body());
        } else {
            int chunk = 1000;
            for (int at = 0; at < r.body().length; at += chunk) {
                int n = Math.min(chunk, r.body().length - at);
                out.write((Integer.toHexString(n) + "\r\n").getBytes(ISO_8859_1));
                out.write(r.body(), at, n);
                out.write("\r\n".getBytes(ISO_8859_1));
            }
            out.write("0\r\n\r\n".getBytes(ISO_8859_1));
        }
        out.flush();
    }

    /** The status line and headers; an {@link IOException} if the server closed without answering. */
    private static Response readHead(InputStream in) throws IOException {
        String[] lines = HttpHead.read(in).split("\r\n");
        String[] status = lines[0].split(" ", 3);
        Map<String, String> headers = new LinkedHashMap<>();
        for (int i = 1; i < lines.length; i++) {
            int colon = lines[i].indexOf(':');
            if (colon > 0) {
                headers.put(lines[i].substring(0, colon).trim().toLowerCase(Locale.ROOT),
                        lines[i].substring(colon + 1).trim());
            }
        }
        return new Response(Integer.parseInt(status[1]), headers, new byte[0]);
    }

    private static Response withBody(InputStream in, Response head, String method) throws IOException {
        if ("HEAD".equals(method) || head.status() == 204 || head.status() == 304) {
            return head;
        }
        String length = head.header("content-length");
        byte[] body = length == null ? in.readAllBytes() : in.readNBytes(Integer.parseInt(length));
        return new Response(head.status(), head.headers(), body);
    }
}
