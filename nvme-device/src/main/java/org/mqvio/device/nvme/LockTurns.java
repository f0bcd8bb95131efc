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
 * each context's steps are confined to it, the map of contexts is concurrent.
 */
final class LockTurns {
    private record Step(PlatformLock lock, Runnable critical) {
    }

    private final Map<ExecutionContext, ArrayDeque<Step>> steps = new ConcurrentHashMap<>();

    /** Runs {@code critical} under {@code lock} on {@code context} once the context's earlier steps are done. */
    void run(ExecutionContext context, PlatformLock lock, Runnable critical) {
        ArrayDeque<Step> q = steps.computeIfAbsent(context, c -> new ArrayDeque<>());
        q.add(new Step(lock, critical));
        if (q.size() == 1) {
            start(context, q);
        }
    }

    private void start(ExecutionContext context, ArrayDeque<Step> q) {
        Step s = q.peek();
        s.lock().acquire(context, () -> {
            s.critical().run();
            q.poll();
            if (!q.isEmpty()) {
                start(context, q);
            }
        });
    }
}
