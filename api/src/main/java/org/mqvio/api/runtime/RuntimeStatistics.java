package org.mqvio.api.runtime;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The statistics maps of the runtime contract's components, built in one place so that every runtime reports
 * the names {@link ExecutionContext#statistics}, {@link PlatformLock#statistics} and
 * {@link Notifier#statistics} promise, in one order. For implementations of {@link Platform}; component code
 * reads the maps, it never builds them. Each map is a new mutable {@link LinkedHashMap}: a runtime may add its
 * own entries after these.
 */
public final class RuntimeStatistics {
    private RuntimeStatistics() {
    }

    /**
     * An execution context's: CPU running items, spinning on locks and polling; items run; wake-ups; host
     * context switches (preemptions); paravirt lock halts; time runnable but waiting for a host CPU.
     */
    public static Map<String, Long> context(long busyNs, long spinNs, long pollNs, long items, long wakeups,
            long contextSwitches, long lockHalts, long runnableWaitNs) {
        Map<String, Long> m = new LinkedHashMap<>();
        m.put("busy_ns", busyNs);
        m.put("spin_ns", spinNs);
        m.put("poll_ns", pollNs);
        m.put("items", items);
        m.put("wakeups", wakeups);
        m.put("context_switches", contextSwitches);
        m.put("lock_halts", lockHalts);
        m.put("runnable_wait_ns", runnableWaitNs);
        return m;
    }

    /**
     * A lock's: acquisitions, those that had to wait, total wait, total hold, total handoff (release to the
     * next owner's grant), most waiters at once.
     */
    public static Map<String, Long> lock(long acquisitions, long contended, long waitNs, long holdNs, long handoffNs,
            long maxWaiters) {
        Map<String, Long> m = new LinkedHashMap<>();
        m.put("acquisitions", acquisitions);
        m.put("contended", contended);
        m.put("wait_ns", waitNs);
        m.put("hold_ns", holdNs);
        m.put("handoff_ns", handoffNs);
        m.put("max_waiters", maxWaiters);
        return m;
    }

    /** A notifier's: signals sent, those that coalesced with a pending one, handler runs. */
    public static Map<String, Long> notifier(long signals, long coalesced, long deliveries) {
        Map<String, Long> m = new LinkedHashMap<>();
        m.put("signals", signals);
        m.put("coalesced", coalesced);
        m.put("deliveries", deliveries);
        return m;
    }
}
