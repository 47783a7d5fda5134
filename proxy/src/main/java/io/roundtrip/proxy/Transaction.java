package io.roundtrip.proxy;

import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * All or nothing over the listener table (populate, update, reset): the table and every listener's state are recorded
 * first; if any step fails, the table is put back in its order and every listener listens, forwards and applies
 * toxics as it did, then the failure is rethrown. Open connections of a listener that was stopped are not revived.
 * The caller holds the {@link ProxyServer}'s lock.
 */
final class Transaction {

    private static final Logger LOG = LoggerFactory.getLogger(Transaction.class);

    private record Entry(String name, ProxyListener listener, ProxyListener.State state) {}

    private final Map<String, ProxyListener> table;
    private final StepHook hook;
    private final List<Entry> before = new ArrayList<>();

    private Transaction(Map<String, ProxyListener> table, StepHook hook) {
        this.table = table;
        this.hook = hook;
        table.forEach((name, listener) -> before.add(new Entry(name, listener, listener.state())));
    }

    /** Runs {@code body} on {@code table}; a failure at any step leaves the table exactly as it was. */
    static <T> T run(Map<String, ProxyListener> table, StepHook hook, Function<Transaction, T> body) {
        Transaction tx = new Transaction(table, hook);
        try {
            T result = body.apply(tx);
            tx.step("commit");
            return result;
        } catch (RuntimeException | Error e) {
            tx.rollBack(e);
            throw e;
        }
    }

    /** Announces the next change ({@link StepHook}). */
    void step(String what) {
        hook.before(what);
    }

    private void rollBack(Throwable cause) {
        Map<ProxyListener, Entry> kept = new IdentityHashMap<>();
        before.forEach(e -> kept.put(e.listener(), e));
        // first free every address that must change hands: a listener created here may hold an old one's port
        for (ProxyListener l : table.values()) {
            if (!kept.containsKey(l)) {
                l.stop();
            }
        }
        before.forEach(e -> e.listener().stopUnlessListeningAs(e.state()));
        table.clear();
        for (Entry e : before) {
            table.put(e.name(), e.listener());
            try {
                e.listener().restore(e.state());
            } catch (RuntimeException undoFailed) { // the old address was taken meanwhile: kept, disabled
                LOG.warn("could not put proxy {} back after '{}': {}", e.name(), cause.getMessage(),
                        undoFailed.getMessage());
            }
        }
    }
}
