package org.mqvio.device.nvme;

import java.util.ArrayDeque;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.mqvio.api.runtime.ExecutionContext;
import org.mqvio.api.runtime.PlatformLock;

/**
 * Runs the driver's locked steps of each context one after another, so that a context never holds or
 * waits for two queue-pair locks at once (no lock-order deadlock, and one lock wait at a time, as the
 * runtime expects). A step's critical action runs holding its lock and must release it; the context's next
 * step acquires its lock after that, as a continuation. Must be called from the item running on the context;
 * each context's steps are confined to it ({@link Turns}), the map of contexts is concurrent.
 */
final class LockTurns {
    private final Map<ExecutionContext, Turns> turns = new ConcurrentHashMap<>();

    /** Runs {@code critical} under {@code lock} on {@code context} once the context's earlier steps are done. */
    void run(ExecutionContext context, PlatformLock lock, Runnable critical) {
        of(context).run(lock, critical);
    }

    /** The steps of {@code context}: callers on a hot path keep it rather than look it up at every step. */
    Turns of(ExecutionContext context) {
        Turns t = turns.get(context);
        return t != null ? t : turns.computeIfAbsent(context, Turns::new);
    }

    /**
     * One context's steps, in order: the head step holds or waits for its lock, the others wait their turn.
     * A step is its lock and its critical action, kept in two queues side by side, and the continuation that
     * runs the head once its lock is held is one object per context: taking a turn allocates nothing.
     * Confined to the context.
     */
    static final class Turns {
        private final ExecutionContext context;
        private final ArrayDeque<PlatformLock> locks = new ArrayDeque<>();
        private final ArrayDeque<Runnable> criticals = new ArrayDeque<>();
        private final Runnable headAcquired = this::headAcquired;

        private Turns(ExecutionContext context) {
            this.context = context;
        }

        /** Runs {@code critical} under {@code lock} once this context's earlier steps are done. */
        void run(PlatformLock lock, Runnable critical) {
            locks.add(lock);
            criticals.add(critical);
            if (locks.size() == 1) {
                lock.acquire(context, headAcquired);
            }
        }

        private void headAcquired() {
            criticals.peek().run();
            locks.poll();
            criticals.poll();
            if (!locks.isEmpty()) {
                locks.peek().acquire(context, headAcquired);
            }
        }
    }
}
