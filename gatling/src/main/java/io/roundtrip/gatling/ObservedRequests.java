package io.roundtrip.gatling;

import io.roundtrip.gatling.RequestObserver.Exchange;
import io.roundtrip.model.RequestKind.Connection;
import io.roundtrip.results.LatencyLog;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.atomic.LongAdder;

/**
 * What one pass of a run observed, per Gatling request path ({@code group / request}, as Gatling's report names it;
 * and per group): a latency log each, and what the
 * requests were like — HTTP/2 or HTTP/1.1, fresh or reused connection, bytes each way — for the model to predict
 * from; per scenario, the count of failures and the first one.
 *
 * <p>Logs are created on a name's first request: {@code <file-safe name><suffix>.hlog} in the run folder.
 */
final class ObservedRequests implements AutoCloseable {

    /** What the requests of one name looked like, counted as they came. */
    static final class Shape {
        final LongAdder requests = new LongAdder();
        final LongAdder http2 = new LongAdder();
        final Map<Connection, LongAdder> connections = new EnumMap<>(Map.of(Connection.FRESH, new LongAdder(),
                Connection.KEEPALIVE, new LongAdder(), Connection.IDLE, new LongAdder()));
        final LongAdder requestBytes = new LongAdder();
        final LongAdder responseBytes = new LongAdder();
        volatile String scheme = "http";

        long count() {
            return requests.sum();
        }

        boolean mostlyHttp2() {
            return http2.sum() * 2 > count();
        }

        /** The connection state most of the requests had (the usual split is all or none). */
        Connection mostCommonConnection() {
            return connections.entrySet().stream().max(Comparator.comparingLong(e -> e.getValue().sum()))
                    .map(Map.Entry::getKey).orElse(Connection.FRESH);
        }

        double freshShare() {
            return count() == 0 ? 0 : connections.get(Connection.FRESH).sum() / (double) count();
        }

        long meanRequestBytes() {
            return count() == 0 ? 0 : Math.round(requestBytes.sum() / (double) count());
        }

        long meanResponseBytes() {
            return count() == 0 ? 0 : Math.round(responseBytes.sum() / (double) count());
        }
    }

    /** A scenario's failures: how many requests, how many failed, and the first failure in words. */
    static final class Failures {
        final LongAdder requests = new LongAdder();
        final LongAdder failed = new LongAdder();
        final AtomicReference<String> first = new AtomicReference<>();
    }

    private final Map<String, Shape> shapes = new ConcurrentHashMap<>();
    private final Map<String, Failures> failures = new ConcurrentHashMap<>();
    private final LatencyLogs logs;
    private final Groups groups = new Groups(this::recordGroup);

    ObservedRequests(Path folder, String fileSuffix) {
        this.logs = new LatencyLogs(folder, fileSuffix);
    }

    /**
     * Records one exchange: its name's log and shape, its scenario's failures, the groups it belongs to. A request
     * in a built-in scenario's warm-up is not recorded, as Gatling's report names it apart.
     */
    void record(Exchange exchange) {
        String name = exchange.path();
        if (name.contains(LatencyRecording.WARM_UP_SUFFIX)) {
            return;
        }
        long latencyNanos = TimeUnit.MILLISECONDS.toNanos(exchange.latencyMillis());
        log(name).record(latencyNanos, exchange.ok());
        Shape shape = shapes.computeIfAbsent(name, n -> new Shape());
        shape.requests.increment();
        if (exchange.http2()) {
            shape.http2.increment();
        }
        shape.connections.get(exchange.connection()).increment();
        shape.requestBytes.add(exchange.requestBytes());
        shape.responseBytes.add(exchange.responseBytes());
        shape.scheme = exchange.url().startsWith("https:") ? "https" : "http";
        countFailure(exchange.scenario(), exchange.ok() ? null
                : exchange.status() + " on " + exchange.method() + " " + pathOf(exchange.url()));
        groups.observe(exchange);
    }

    /** Records a request that never got a response: failed, its latency unknown (recorded as zero). */
    void recordAbandoned(RequestObserver.Abandoned abandoned) {
        if (abandoned.path().contains(LatencyRecording.WARM_UP_SUFFIX)) {
            return;
        }
        log(abandoned.path()).recordKo(0);
        countFailure(abandoned.scenario(), "no response to " + abandoned.method() + " " + pathOf(abandoned.url()));
    }

    private void recordGroup(String groupPath, long latencyMillis, boolean ok) {
        log(groupPath).record(TimeUnit.MILLISECONDS.toNanos(latencyMillis), ok);
    }

    private void countFailure(String scenario, String error) {
        Failures f = failures.computeIfAbsent(scenario, s -> new Failures());
        f.requests.increment();
        if (error != null) {
            f.failed.increment();
            f.first.compareAndSet(null, error);
        }
    }

    private LatencyLog log(String name) {
        return logs.open(name);
    }

    /** The request and group names seen, in the order of their first request. */
    List<String> names() {
        return logs.names();
    }

    Optional<Shape> shape(String name) {
        return Optional.ofNullable(shapes.get(name));
    }

    /** Failures by scenario, in name order. */
    Map<String, Failures> failuresByScenario() {
        return new TreeMap<>(failures);
    }

    Path hlogFile(String name) {
        return logs.file(name);
    }

    /** Writes the intervals recorded since the last call. */
    void writeIntervals() {
        logs.writeIntervals();
    }

    /** Ends the groups still open, writes the last intervals and closes every log. */
    @Override
    public void close() {
        groups.endAll();
        logs.close();
    }

    private static String pathOf(String url) {
        int scheme = url.indexOf("://");
        int slash = scheme < 0 ? -1 : url.indexOf('/', scheme + 3);
        return slash < 0 ? "/" : url.substring(slash);
    }
}
