package io.roundtrip.proxy;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;

/** A tiny blocking upstream for tests: one thread per connection running a handler. */
public final class TestUpstream implements AutoCloseable {

    interface Handler {
        void handle(Socket socket) throws IOException;
    }

    private final ServerSocket server;
    private final ExecutorService threads = Executors.newCachedThreadPool(r -> {
        Thread t = new Thread(r, "test-upstream");
        t.setDaemon(true);
        return t;
    });
    final List<Socket> accepted = new CopyOnWriteArrayList<>();
    final LinkedBlockingQueue<Object> events = new LinkedBlockingQueue<>();

    TestUpstream(Handler handler) throws IOException {
        server = new ServerSocket(0, 200, InetAddress.getLoopbackAddress());
        threads.execute(() -> {
            while (!server.isClosed()) {
                try {
                    Socket s = server.accept();
                    s.setTcpNoDelay(true);
                    accepted.add(s);
                    threads.execute(() -> {
                        try {
                            handler.handle(s);
                        } catch (IOException e) {
                            events.add(e);
                        } finally {
                            try {
                                s.close();
                            } catch (IOException ignored) {
                                // closing
                            }
                        }
                    });
                } catch (IOException e) {
                    return;
                }
            }
        });
    }

    /** Echoes every byte; on EOF, half-closes back. */
    public static TestUpstream echo() throws IOException {
        return new TestUpstream(s -> {
            InputStream in = s.getInputStream();
            OutputStream out = s.getOutputStream();
            byte[] buf = new byte[64 * 1024];
            int n;
            while ((n = in.read(buf)) >= 0) {
                out.write(buf, 0, n);
                out.flush();
            }
            s.shutdownOutput();
            // wait for the proxy to close its side
            while (in.read() >= 0) {
                // drain
            }
        });
    }

    public InetSocketAddress address() {
        return new InetSocketAddress("127.0.0.1", server.getLocalPort());
    }

    @Override
    public void close() throws IOException {
        server.close();
        for (Socket s : accepted) {
            s.close();
        }
        threads.shutdownNow();
    }
}
