package io.roundtrip.origin;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * A well-behaved client that keeps requesting while something else goes on: one GET every period on a fixed
 * schedule (a slow answer does not delay the next request), each timed from its send with {@link System#nanoTime()}.
 */
final class Probe {

    /** What the probe saw: latencies of the successful requests (sorted, nanoseconds), and every failure. */
    record Result(List<Long> latenciesNanos, List<String> failures) {

        int requests() {
            return latenciesNanos.size() + failures.size();
        }

        /** The {@code q} quantile (0..1) of the latencies, nearest rank. */
        Duration quantile(double q) {
            int rank = (int) Math.ceil(q * latenciesNanos.size());
            return Duration.ofNanos(latenciesNanos.get(Math.max(0, rank - 1)));
        }

        String summary() {
            return String.format("%d requests, %d failed, p50 %.1f ms, p99 %.1f ms, max %.1f ms", requests(),
                    failures.size(), quantile(0.50).toNanos() / 1e6, quantile(0.99).toNanos() / 1e6,
                    quantile(1.0).toNanos() / 1e6);
        }
    }

    private final HttpClient client;
    private final HttpRequest request;
    private final long expectedBytes;
    private final ConcurrentLinkedQueue<Long> latencies = new ConcurrentLinkedQueue<>();

    private final ConcurrentLinkedQueue<String> failures = new ConcurrentLinkedQueue<>();
    private final List<CompletableFuture<?>> sent = new ArrayList<>();
    private final ScheduledExecutorService ticker = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread thread = new Thread(r, "probe");
        thread.setDaemon(true);
        return thread;
    });

    Probe(HttpClient client, URI uri, long expectedBytes) {
        this.client = client;
        this.request = HttpRequest.newBuilder(uri).timeout(Clients.TIMEOUT).GET().build();
        this.expectedBytes = expectedBytes;
    }

    /**
     * {@code count} requests, not recorded, the way the measured ones are sent (asynchronously, a few at a time):
     * connection set up, the client's threads started and both ends' code compiled before measuring.
     */
    Probe warmUp(int count) throws Exception {
        for (int i = 0; i < count; i += 4) {
            List<CompletableFuture<HttpResponse<byte[]>>> batch = new ArrayList<>();
            for (int j = 0; j < 4; j++) {
                batch.add(client.sendAsync(request, HttpResponse.BodyHandlers.ofByteArray()));
            }
            for (CompletableFuture<HttpResponse<byte[]>> answer : batch) {
                int status = answer.get(Clients.TIMEOUT.toSeconds(), TimeUnit.SECONDS).statusCode();
                if (status != 200) {
                    throw new IllegalStateException("warm-up request answered " + status);
                }
            }
        }
        return this;
    }

    /** Starts requesting every {@code period}. */
    Probe start(Duration period) {
        ticker.scheduleAtFixedRate(this::sendOne, 0, period.toNanos(), TimeUnit.NANOSECONDS);
        return this;
    }

    /**
     * The same probe with nothing else going on: {@code count} requests every {@code period}, then the result. What
     * the machine itself costs a request now (on a 2-core machine shared with other work, that is not nothing).
     */
    Result baseline(int count, Duration period) throws InterruptedException {
        CountDownLatch sentAll = new CountDownLatch(count);
        ticker.scheduleAtFixedRate(() -> {
            if (sentAll.getCount() > 0) {
                sendOne();
                sentAll.countDown();
            }
        }, 0, period.toNanos(), TimeUnit.NANOSECONDS);
        sentAll.await(period.toNanos() * count * 10, TimeUnit.NANOSECONDS);
        return stop();
    }

    /**
     * Asserts the probe's p99 under {@link #p99Bound}, unless the machine is overloaded by other work (the 1-minute
     * load average over twice the cores, as on a 2-core machine shared with other builds): then every thread waits
     * for a core in turn, the p99 measures the machine and not the origin, and it is reported, not judged.
     */
    static void assertP99(Result underAttack, Duration bound, Result baseline) {
        double load = loadAverage();
        int cores = Runtime.getRuntime().availableProcessors();
        if (load > 2.0 * cores) {
            System.err.printf("probe p99 %.1f ms not judged: load average %.1f on %d cores%n",
                    underAttack.quantile(0.99).toNanos() / 1e6, load, cores);
            return;
        }
        assertThat(underAttack.quantile(0.99)).as("probe p99 (load average %.1f)", load)
                .isLessThan(p99Bound(bound, baseline));
    }

    private static double loadAverage() {
        try {
            return Double.parseDouble(Files.readString(Path.of("/proc/loadavg")).split(" ")[0]);
        } catch (IOException | RuntimeException e) {
            return 0;   // not Linux: judge
        }
    }

    /**
     * The p99 bound under attack: {@code bound}, or twice the {@code baseline}'s p99 where the machine alone already
     * costs more than half of it (other work on the cores): the attack must not cost the probe more than the machine.
     */
    static Duration p99Bound(Duration bound, Result baseline) {
        Duration doubled = baseline.quantile(0.99).multipliedBy(2);
        return doubled.compareTo(bound) > 0 ? doubled : bound;
    }

    private void sendOne() {
        long start = System.nanoTime();
        CompletableFuture<?> answer = client.sendAsync(request, HttpResponse.BodyHandlers.ofByteArray())
                .whenComplete((response, error) -> {
                    long elapsed = System.nanoTime() - start;
                    if (error != null) {
                        failures.add(error.toString());
                    } else if (response.statusCode() != 200 || response.body().length != expectedBytes) {
                        failures.add("status " + response.statusCode() + ", " + response.body().length + " bytes");
                    } else {
                        latencies.add(elapsed);
                    }
                });
        synchronized (sent) {
            sent.add(answer);
        }
    }

    /** Stops sending, waits for the answers still due (each bounded by the request timeout), and sums up. */
    Result stop() throws InterruptedException {
        ticker.shutdown();
        ticker.awaitTermination(10, TimeUnit.SECONDS);
        CompletableFuture<?>[] due;
        synchronized (sent) {
            due = sent.toArray(CompletableFuture<?>[]::new);
        }
        try {
            CompletableFuture.allOf(due).get(Clients.TIMEOUT.toSeconds() + 5, TimeUnit.SECONDS);
        } catch (Exception e) {
            // each failure is already in the list
        }
        List<Long> sorted = new ArrayList<>(latencies);
        sorted.sort(null);
        List<String> failed = new ArrayList<>(failures);
        for (long unanswered = due.length - sorted.size() - failed.size(); unanswered > 0; unanswered--) {
            failed.add("no answer within " + Clients.TIMEOUT.toSeconds() + " s");
        }
        return new Result(List.copyOf(sorted), List.copyOf(failed));
    }
}
