package io.roundtrip.gatling;

import io.roundtrip.results.LatencyLog;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The interval logs of one recording, one per name, in one folder ({@code <file-safe name><suffix>.hlog}): each
 * created at its first use, all written and closed together. What {@link LatencyRecording} (a log per scenario) and
 * {@link ObservedRequests} (a log per request name and group) both keep.
 */
final class LatencyLogs implements AutoCloseable {

    private final Path folder;
    private final String suffix;
    private final Map<String, LatencyLog> logs = new ConcurrentHashMap<>();
    private final List<String> order = new ArrayList<>();

    LatencyLogs(Path folder, String suffix) {
        this.folder = folder;
        this.suffix = suffix;
    }

    /** {@code name}'s log, created (its file too) if it was not yet. */
    LatencyLog open(String name) {
        return logs.computeIfAbsent(name, n -> {
            synchronized (order) {
                order.add(n);
            }
            return LatencyLog.create(file(n), n);
        });
    }

    /** {@code name}'s log if it was opened, else null. */
    LatencyLog opened(String name) {
        return logs.get(name);
    }

    /** Where {@code name}'s log is written. */
    Path file(String name) {
        return folder.resolve(LatencyRecording.fileSafe(name) + suffix + ".hlog");
    }

    /** The names opened, in the order of their opening. */
    List<String> names() {
        synchronized (order) {
            return List.copyOf(order);
        }
    }

    /** Writes every log's interval recorded since the last call. */
    void writeIntervals() {
        logs.values().forEach(LatencyLog::writeInterval);
    }

    /** Writes the last interval of every log and closes them. */
    @Override
    public void close() {
        logs.values().forEach(LatencyLog::close);
    }
}
