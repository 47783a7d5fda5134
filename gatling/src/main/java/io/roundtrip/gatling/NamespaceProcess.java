package io.roundtrip.gatling;

import io.roundtrip.path.PacketPath;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * A Java main of this classpath running inside a packet path's namespace, tied to this JVM by its standard input:
 * closing it (or this JVM dying) ends the child. Its first line of output is its answer (e.g. its ports).
 */
final class NamespaceProcess implements AutoCloseable {

    private static final long START_SECONDS = 30;

    private final Process process;
    private final BufferedReader output;

    private NamespaceProcess(Process process) {
        this.process = process;
        this.output = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
    }

    static NamespaceProcess start(PacketPath path, Class<?> main) {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        try {
            Process process = path.processIn(List.of(java, "-cp", System.getProperty("java.class.path"),
                    main.getName())).redirectError(ProcessBuilder.Redirect.INHERIT).start();
            return new NamespaceProcess(process);
        } catch (IOException e) {
            throw new IllegalStateException("cannot start " + main.getSimpleName() + " in " + path.namespace() + ": "
                    + e.getMessage(), e);
        }
    }

    /**
     * The words after {@code tag} on the first output line that starts with it (other lines, such as log lines, are
     * passed over); waits for it at most 30 s, then keeps draining the output so the child never blocks on it.
     */
    List<String> lineWords(String tag) {
        CompletableFuture<String> line = CompletableFuture.supplyAsync(() -> {
            try {
                String text;
                while ((text = output.readLine()) != null) {
                    if (text.startsWith(tag + " ")) {
                        drainTheRest();
                        return text;
                    }
                }
                return null;
            } catch (IOException e) {
                return null;
            }
        });
        try {
            String text = line.get(START_SECONDS, TimeUnit.SECONDS);
            if (text == null) {
                throw new IllegalStateException("the namespace's process ended before saying '" + tag + "'");
            }
            List<String> words = Arrays.asList(text.trim().split(" "));
            return words.subList(1, words.size());
        } catch (TimeoutException e) {
            throw new IllegalStateException("the namespace's process said nothing within " + START_SECONDS + " s");
        } catch (ExecutionException e) {
            throw new IllegalStateException("the namespace's process did not start: " + e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while starting the namespace's process");
        }
    }

    private void drainTheRest() {
        Thread drain = new Thread(() -> {
            try {
                while (output.readLine() != null) {
                    // the child's log lines: not ours to show
                }
            } catch (IOException e) {
                // the child ended
            }
        }, "namespace-process-output");
        drain.setDaemon(true);
        drain.start();
    }

    @Override
    public void close() {
        try {
            process.getOutputStream().close();
            if (!process.waitFor(5, TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        } catch (IOException e) {
            process.destroyForcibly();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
        }
    }
}
