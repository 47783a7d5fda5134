package io.roundtrip.simulations;


import io.roundtrip.testing.Required;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * A target roundtrip did not write: the system nginx ({@code /usr/sbin/nginx}, Debian's {@code nginx-light}) serving
 * the example shop's API from {@code examples/shop/nginx/} (the same template and files its README tells a user to
 * run), as a child process in the foreground, on a free port of 127.0.0.1 only. Its pid, error log and temp files
 * stay in a temporary prefix directory, deleted on {@link #close()}.
 *
 * <p>{@code ROUNDTRIP_NGINX=/path/to/nginx} picks another binary.
 */
final class NginxTarget implements AutoCloseable {

    static final Path NGINX = Path.of(System.getenv().getOrDefault("ROUNDTRIP_NGINX", "/usr/sbin/nginx"));

    private static final long READY_WITHIN_MILLIS = 10_000;
    private static final int BIND_ATTEMPTS = 3;

    private final Process process;
    private final Path prefix;
    private final Path html;
    private final int port;

    private NginxTarget(Process process, Path prefix, Path html, int port) {
        this.process = process;
        this.prefix = prefix;
        this.html = html;
        this.port = port;
    }

    /**
     * Starts nginx, or skips the calling test with one line when it is not installed; with
     * {@code ROUNDTRIP_REQUIRE_NGINX=1} (CI) a missing nginx fails the test instead.
     */
    static NginxTarget startOrSkip() throws IOException, InterruptedException {
        Required.orSkip(Files.isExecutable(NGINX), "ROUNDTRIP_REQUIRE_NGINX",
                "nginx not found at " + NGINX + " (apt-get install -y nginx-light)");
        return start();
    }

    /** Starts nginx and returns once it accepts connections; throws with nginx's own error log if it cannot. */
    static NginxTarget start() throws IOException, InterruptedException {
        if (!Files.isExecutable(NGINX)) {
            throw new IllegalStateException(NGINX + " not found (apt-get install -y nginx-light)");
        }
        Path shopNginx = repositoryRoot().resolve("examples/shop/nginx");
        Path html = shopNginx.resolve("html").toAbsolutePath().normalize();
        String template = Files.readString(shopNginx.resolve("nginx.conf.template"), StandardCharsets.UTF_8);
        Path prefix = Files.createTempDirectory("roundtrip-nginx-");
        try {
            for (int attempt = 1; ; attempt++) {
                int port = freePort();
                Path conf = prefix.resolve("nginx.conf");
                Files.writeString(conf, template.replace("@PORT@", Integer.toString(port))
                        .replace("@HTML@", html.toString()), StandardCharsets.UTF_8);
                Path errorLog = prefix.resolve("error.log");
                Files.deleteIfExists(errorLog);
                // daemon off and master_process off come from the template: one process, ours to stop.
                Process process = new ProcessBuilder(NGINX.toString(), "-p", prefix + "/", "-e", errorLog.toString(),
                        "-c", conf.toString())
                        .redirectErrorStream(true).redirectOutput(prefix.resolve("nginx.out").toFile())
                        .redirectInput(ProcessBuilder.Redirect.from(Path.of("/dev/null").toFile())).start();
                if (awaitListening(process, port)) {
                    return new NginxTarget(process, prefix, html, port);
                }
                String log = read(errorLog) + read(prefix.resolve("nginx.out"));
                if (process.isAlive()) {
                    stop(process);
                    throw new IllegalStateException("nginx did not accept connections on 127.0.0.1:" + port
                            + " within " + READY_WITHIN_MILLIS + " ms; its log:\n" + log);
                }
                // Another process may have taken the free port between our probe and nginx's bind: try another.
                if (!log.contains("Address already in use") || attempt == BIND_ATTEMPTS) {
                    throw new IllegalStateException("nginx exited with status " + process.exitValue()
                            + " before accepting connections; its log:\n" + log);
                }
            }
        } catch (IOException | InterruptedException | RuntimeException e) {
            deleteRecursively(prefix);
            throw e;
        }
    }

    int port() {
        return port;
    }

    /** {@code http://127.0.0.1:PORT}, as {@code -Dtarget} takes it. */
    URI baseUri() {
        return URI.create("http://127.0.0.1:" + port);
    }

    /** The directory nginx serves (examples/shop/nginx/html). */
    Path html() {
        return html;
    }

    @Override
    public void close() {
        try {
            stop(process);
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        } finally {
            deleteRecursively(prefix);
        }
    }

    /** The repository's root: the simulations module's parent, where tests run (or the working dir itself). */
    static Path repositoryRoot() {
        Path workingDirectory = Path.of("").toAbsolutePath();
        for (Path candidate : List.of(workingDirectory.resolve("..").normalize(), workingDirectory)) {
            if (Files.isRegularFile(candidate.resolve("examples/shop/nginx/nginx.conf.template"))) {
                return candidate;
            }
        }
        throw new IllegalStateException("examples/shop/nginx/nginx.conf.template not found from " + workingDirectory
                + " or its parent: run the tests from the simulations module (as Maven does)");
    }

    private static boolean awaitListening(Process process, int port) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(READY_WITHIN_MILLIS);
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                return false;
            }
            try (Socket socket = new Socket()) {
                socket.connect(new InetSocketAddress("127.0.0.1", port), 200);
                return true;
            } catch (IOException notYet) {
                Thread.sleep(20);
            }
        }
        return false;
    }

    private static void stop(Process process) throws InterruptedException {
        process.destroy(); // SIGTERM: nginx's fast shutdown
        if (!process.waitFor(5, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            process.waitFor(5, TimeUnit.SECONDS);
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }

    private static String read(Path file) {
        try {
            return Files.exists(file) ? Files.readString(file, StandardCharsets.UTF_8) : "";
        } catch (IOException e) {
            return "(cannot read " + file + ": " + e.getMessage() + ")\n";
        }
    }

    private static void deleteRecursively(Path directory) {
        if (!Files.exists(directory)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(directory)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(path);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot delete " + directory, e);
        }
    }
}
