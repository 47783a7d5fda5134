package io.roundtrip.gatling;

import io.roundtrip.gatling.RequestObserver.Exchange;
import io.roundtrip.gatling.RequestObserver.GroupVisit;
import java.util.HashMap;
import java.util.Map;

/**
 * Times Gatling groups from the requests inside them: a group visit starts when Gatling entered the group (its own
 * timestamp) and ends with the last response inside it, so a trailing pause in the group is not counted, where
 * Gatling's group time would count it. A visit is complete when the same virtual user's next request is in another
 * visit of that group, or not in it, or when the run ends.
 */
final class Groups {

    /** Receives each completed group visit. */
    interface Sink {
        void group(String path, long latencyMillis, boolean ok);
    }

    private static final class Visit {
        final long startMillis;
        long endMillis;
        boolean ok = true;

        Visit(long startMillis) {
            this.startMillis = startMillis;
        }
    }

    private final Sink sink;
    /** Open visits by virtual user, then by group path. */
    private final Map<Long, Map<String, Visit>> open = new HashMap<>();

    Groups(Sink sink) {
        this.sink = sink;
    }

    synchronized void observe(Exchange exchange) {
        Map<String, Visit> visits = open.computeIfAbsent(exchange.userId(), user -> new HashMap<>());
        Map<String, Long> current = new HashMap<>();
        for (GroupVisit group : exchange.groups()) {
            current.put(group.path(), group.startMillis());
        }
        visits.entrySet().removeIf(entry -> {
            Long start = current.get(entry.getKey());
            boolean ended = start == null || start != entry.getValue().startMillis;
            if (ended) {
                end(entry.getKey(), entry.getValue());
            }
            return ended;
        });
        for (GroupVisit group : exchange.groups()) {
            Visit visit = visits.computeIfAbsent(group.path(), path -> new Visit(group.startMillis()));
            visit.endMillis = Math.max(visit.endMillis, exchange.endMillis());
            visit.ok &= exchange.ok();
        }
    }

    /** Ends every visit still open: the run is over. */
    synchronized void endAll() {
        open.values().forEach(visits -> visits.forEach(this::end));
        open.clear();
    }

    private void end(String path, Visit visit) {
        sink.group(path, Math.max(0, visit.endMillis - visit.startMillis), visit.ok);
    }
}
