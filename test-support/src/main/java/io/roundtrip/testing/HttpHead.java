package io.roundtrip.testing;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;

/** An HTTP/1.x head read off a raw socket, byte by byte, so that nothing after it is consumed. */
public final class HttpHead {

    private HttpHead() {}

    /**
     * The status line and headers up to and with the blank line that ends them, as ISO-8859-1 text; an
     * {@link IOException} if the peer closes first.
     */
    public static String read(InputStream in) throws IOException {
        ByteArrayOutputStream head = new ByteArrayOutputStream();
        int matched = 0; // how much of CR LF CR LF the last bytes were
        while (matched < 4) {
            int b = in.read();
            if (b < 0) {
                throw new IOException("the peer closed after " + head.size() + " bytes of an answer's head: "
                        + head.toString(StandardCharsets.ISO_8859_1));
            }
            head.write(b);
            matched = (b == (matched % 2 == 0 ? '\r' : '\n')) ? matched + 1 : (b == '\r' ? 1 : 0);
        }
        return head.toString(StandardCharsets.ISO_8859_1);
    }
}
