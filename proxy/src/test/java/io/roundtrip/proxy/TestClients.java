package io.roundtrip.proxy;

import java.io.IOException;
import java.io.InputStream;
import java.net.ConnectException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.util.Arrays;

/** Blocking-socket helpers for the proxy tests. */
public final class TestClients {

    /** A round trip or other interval measured by a test, in nanoseconds. */
    @FunctionalInterface
    public interface Sample {
        long nanos() throws Exception;
    }

    private TestClients() {}

    static Socket connect(InetSocketAddress address) throws IOException {
        Socket s = new Socket();
        s.setTcpNoDelay(true);
        s.setSoTimeout(20_000);
        s.connect(address, 5_000);
        return s;
    }

    /** Whether something accepts connections on loopback port {@code port} (refused: no). */
    public static boolean accepts(int port) throws IOException {
        try (Socket s = new Socket()) {
            s.connect(new InetSocketAddress("127.0.0.1", port), 2_000);
            return true;
        } catch (ConnectException refused) {
            return false;
        }
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
    public static double minMillis(long[] nanos) {
        return Arrays.stream(nanos).min().orElseThrow() / 1e6;
    }

    public static double medianMillis(long[] nanos) {
        long[] sorted = nanos.clone();
        Arrays.sort(sorted);
        return sorted[sorted.length / 2] / 1e6;
    }

    /**
     * {@code count} samples, and more (up to four times as many) while none is under {@code fastestUnderMillis}.
     * Load on the machine only ever adds time, so a correct proxy gets a quiet sample under the bound sooner or later,
     * while a wrong one (a delay applied twice, a second handshake, a doubled back-off) never does however often it
     * is tried: the upper bound keeps its power on a loaded 2-core machine. Assert "never early" on every sample
     * returned and the upper bound on {@link #minMillis}.
     */
    public static long[] samplesUntilFastestUnder(int count, double fastestUnderMillis, Sample sample) throws Exception {
        long[] taken = new long[count * 4];
        int n = 0;
        long fastest = Long.MAX_VALUE;
        while (n < count || (n < taken.length && fastest / 1e6 >= fastestUnderMillis)) {
            taken[n] = sample.nanos();
            fastest = Math.min(fastest, taken[n]);
            n++;
        }
        return Arrays.copyOf(taken, n);
    }
}
