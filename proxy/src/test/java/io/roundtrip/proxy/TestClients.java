package io.roundtrip.proxy;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.util.Arrays;

/** Blocking-socket helpers for the proxy tests. */
final class TestClients {

    private TestClients() {}

    static Socket connect(InetSocketAddress address) throws IOException {
        Socket s = new Socket();
        s.setTcpNoDelay(true);
        s.setSoTimeout(20_000);
        s.connect(address, 5_000);
        return s;
    }

    static byte[] readFully(InputStream in, int n) throws IOException {
        byte[] out = new byte[n];
        int off = 0;
        while (off < n) {
            int r = in.read(out, off, n - off);
            if (r < 0) {
                throw new IOException("EOF after " + off + " of " + n + " bytes");
            }
            off += r;
        }
        return out;
    }

    /** One ping: write {@code n} bytes, read {@code n} back; returns the round trip in nanoseconds. */
    static long ping(Socket s, int n) throws IOException {
        byte[] payload = new byte[n];
        Arrays.fill(payload, (byte) 'x');
        long start = System.nanoTime();
        s.getOutputStream().write(payload);
        s.getOutputStream().flush();
        readFully(s.getInputStream(), n);
        return System.nanoTime() - start;
    }

    /**
     * The fastest of several samples: load on the machine only ever adds to a round trip, so the minimum is what an
     * upper bound is asserted on (it holds on a loaded 2-core machine where a median may not), while every
     * "never early" lower bound stays on each sample or the median.
     */
    static double minMillis(long[] nanos) {
        return Arrays.stream(nanos).min().orElseThrow() / 1e6;
    }

    static double medianMillis(long[] nanos) {
        long[] sorted = nanos.clone();
        Arrays.sort(sorted);
        return sorted[sorted.length / 2] / 1e6;
    }
}
