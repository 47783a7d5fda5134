package io.roundtrip.benchmarks.origin;

import io.roundtrip.origin.Origin;
import io.roundtrip.origin.OriginConfig;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * One HTTP/1.1 keep-alive round trip to the embedded origin over loopback: {@code GET /bytes/{size}}, read to the
 * last body byte. This is the floor under every measured latency (the origin's own cost plus loopback), to keep in
 * mind when a simulation's "server" phase is compared with the model. Throughput against nginx is
 * {@code benchmarks/origin-vs-nginx.sh}'s job, not this one's.
 *
 * <p>Run: {@code java -jar benchmarks/target/benchmarks.jar OriginRoundTrip}
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class OriginRoundTripBenchmark {

    @Param({"0", "1024", "65536"})
    public int size;

    private Origin origin;
    private Socket socket;
    private OutputStream out;
    private InputStream in;
    private byte[] request;
    private final byte[] buffer = new byte[128 * 1024];

    @Setup(Level.Trial)
    public void start() throws IOException {
        origin = Origin.start(OriginConfig.builder().port(0).tlsPort(-1).ioThreads(1).build());
        URI uri = origin.httpUri();
        socket = new Socket(uri.getHost(), uri.getPort());
        socket.setTcpNoDelay(true);
        out = socket.getOutputStream();
        in = socket.getInputStream();
        request = ("GET /bytes/" + size + " HTTP/1.1\r\nhost: bench\r\n\r\n").getBytes(StandardCharsets.US_ASCII);
    }

    @TearDown(Level.Trial)
    public void stop() throws IOException {
        socket.close();
        origin.close();
    }

    @Benchmark
    public int roundTrip() throws IOException {
        out.write(request);
        out.flush();
        int read = 0;
        int headerEnd = -1;
        long expected = Long.MAX_VALUE;
        while (read < expected) {
            int n = in.read(buffer, read, buffer.length - read);
            if (n < 0) {
                throw new IOException("origin closed the connection");
            }
            read += n;
            if (headerEnd < 0 && (headerEnd = indexOfBlankLine(read)) >= 0) {
                expected = headerEnd + 4L + contentLength(headerEnd);
            }
        }
        return read;
    }

    private int indexOfBlankLine(int length) {
        for (int i = 0; i + 3 < length; i++) {
            if (buffer[i] == '\r' && buffer[i + 1] == '\n' && buffer[i + 2] == '\r' && buffer[i + 3] == '\n') {
                return i;
            }
        }
        return -1;
    }

    private long contentLength(int headerEnd) {
        String head = new String(buffer, 0, headerEnd, StandardCharsets.US_ASCII).toLowerCase();
        int at = head.indexOf("content-length:");
        int end = head.indexOf('\r', at);
        return Long.parseLong(head.substring(at + "content-length:".length(), end < 0 ? head.length() : end).strip());
    }
}
