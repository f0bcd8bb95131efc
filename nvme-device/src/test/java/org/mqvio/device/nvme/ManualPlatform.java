package org.mqvio.device.nvme;

import java.util.PriorityQueue;
import java.util.SplittableRandom;
import java.util.random.RandomGenerator;
import org.mqvio.api.cost.CostTable;
import org.mqvio.api.runtime.ContextSpec;
import org.mqvio.api.runtime.ExecutionContext;
import org.mqvio.api.runtime.LockKind;
import org.mqvio.api.runtime.Notifier;
import org.mqvio.api.runtime.NotifierKind;
import org.mqvio.api.runtime.NotifierSpec;
import org.mqvio.api.runtime.Platform;
import org.mqvio.api.runtime.PlatformLock;
import org.mqvio.api.runtime.TimerHandle;
import org.mqvio.api.stats.Statistics;

/**
 * Device time for unit tests of the controller's parts: a clock advanced by hand and timers in (time,
 * order). Contexts, locks and notifiers are the simulation's business and are not offered here.
 */
final class ManualPlatform implements Platform {
    private record Timer(long at, long seq, Runnable action, boolean[] cancelled) {
    }

    private final PriorityQueue<Timer> timers = new PriorityQueue<>((a, b) ->
            a.at != b.at ? Long.compare(a.at, b.at) : Long.compare(a.seq, b.seq));
    private long now;
    private long seq;

    @Override
    public long nanoTime() {
        return now;
    }

    @Override
    public boolean isSimulated() {
        return true;
    }

    @Override
    public CostTable costs() {
        return CostTable.zero();
    }

    @Override
    public ExecutionContext newContext(ContextSpec spec) {
        throw new UnsupportedOperationException("no contexts in device-time unit tests");
    }

    @Override
    public PlatformLock newLock(String name, LockKind kind) {
        throw new UnsupportedOperationException("no locks in device-time unit tests");
    }

    @Override
    public Notifier newNotifier(NotifierSpec spec, ExecutionContext target, Runnable handler) {
        throw new UnsupportedOperationException("no notifiers in device-time unit tests");
    }

    @Override
    public TimerHandle schedule(long delayNs, Runnable action) {
        boolean[] cancelled = {false};
        timers.add(new Timer(now + delayNs, seq++, action, cancelled));
        return () -> {
            boolean was = cancelled[0];
            cancelled[0] = true;
            return !was;
        };
    }

    @Override
    public RandomGenerator random(String stream) {
        return new SplittableRandom(stream.hashCode());
    }

    /** Fires every timer due up to {@code untilNs}, in order, and leaves the clock there. */
    void runUntil(long untilNs) {
        while (!timers.isEmpty() && timers.peek().at <= untilNs) {
            Timer t = timers.poll();
            now = t.at;
            if (!t.cancelled[0]) {
                t.cancelled[0] = true;
                t.action.run();
            }
        }
        now = Math.max(now, untilNs);
    }

    /** Fires every timer, including those scheduled meanwhile; the clock stays at the last one. */
    void runAll() {
        while (!timers.isEmpty()) {
            runUntil(timers.peek().at);
        }
    }

    /** A notifier that only counts its signals. */
    static final class CountingNotifier implements Notifier {
        int signals;

        @Override
        public void signal(ExecutionContext sender) {
            signals++;
        }

        @Override
        public String name() {
            return "counting";
        }

        @Override
        public NotifierKind kind() {
            return NotifierKind.MSI;
        }

        @Override
        public Statistics statistics() {
            return Statistics.builder(COUNTERS).put(SIGNALS, signals).put(COALESCED, 0).put(DELIVERIES, 0).build();
        }
    }
}
