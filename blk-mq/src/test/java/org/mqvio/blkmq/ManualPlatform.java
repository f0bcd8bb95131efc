package org.mqvio.blkmq;

import java.util.ArrayDeque;
import java.util.PriorityQueue;
import java.util.SplittableRandom;
import java.util.random.RandomGenerator;
import org.mqvio.api.cost.CostTable;
import org.mqvio.api.runtime.ContextKind;
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
 * The smallest {@link Platform} the block layers run on, for their unit tests (the module cannot see the
 * harness's simulation): work items and timers run in (time, arrival) order when {@link #runUntilIdle} is
 * called, every cost is zero, locks are granted in arrival order, notifiers post their handler. One thread.
 */
final class ManualPlatform implements Platform {
    private record Item(long atNs, long seq, Runnable action) {
    }

    private final PriorityQueue<Item> items = new PriorityQueue<>((a, b) -> a.atNs != b.atNs
            ? Long.compare(a.atNs, b.atNs) : Long.compare(a.seq, b.seq));
    private long now;
    private long seq;

    private void at(long atNs, Runnable action) {
        items.add(new Item(atNs, seq++, action));
    }

    /** Runs every pending item, timers included, until nothing is left (or a step limit trips). */
    void runUntilIdle() {
        for (int steps = 0; !items.isEmpty(); steps++) {
            if (steps > 1_000_000) {
                throw new IllegalStateException("the platform did not go idle in a million steps");
            }
            Item i = items.poll();
            now = Math.max(now, i.atNs);
            i.action.run();
        }
    }

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
        return new ExecutionContext() {
            @Override
            public String name() {
                return spec.name();
            }

            @Override
            public ContextKind kind() {
                return spec.kind();
            }

            @Override
            public void post(long costNs, Runnable action) {
                at(now, action);
            }

            @Override
            public void andThen(long costNs, Runnable action) {
                at(now, action);
            }

            @Override
            public void charge(long costNs) {
            }

            @Override
            public void setPollWindow(long pollNs) {
            }

            @Override
            public long pollWindow() {
                return 0;
            }

            @Override
            public Statistics statistics() {
                return Statistics.zeros(ExecutionContext.COUNTERS);
            }
        };
    }

    @Override
    public PlatformLock newLock(String name, LockKind kind) {
        return new PlatformLock() {
            private final ArrayDeque<Runnable> waiting = new ArrayDeque<>();
            private boolean held;

            @Override
            public void acquire(ExecutionContext context, Runnable critical) {
                if (held) {
                    waiting.add(critical);
                    return;
                }
                held = true;
                at(now, critical);
            }

            @Override
            public void release(ExecutionContext context) {
                Runnable next = waiting.poll();
                if (next == null) {
                    held = false;
                } else {
                    at(now, next);
                }
            }

            @Override
            public String name() {
                return name;
            }

            @Override
            public LockKind kind() {
                return kind;
            }

            @Override
            public Statistics statistics() {
                return Statistics.zeros(PlatformLock.COUNTERS);
            }
        };
    }

    @Override
    public Notifier newNotifier(NotifierSpec spec, ExecutionContext target, Runnable handler) {
        return new Notifier() {
            @Override
            public void signal(ExecutionContext sender) {
                target.post(0, handler);
            }

            @Override
            public String name() {
                return spec.name();
            }

            @Override
            public NotifierKind kind() {
                return spec.kind();
            }

            @Override
            public Statistics statistics() {
                return Statistics.zeros(Notifier.COUNTERS);
            }
        };
    }

    @Override
    public TimerHandle schedule(long delayNs, Runnable action) {
        boolean[] cancelled = {false};
        at(now + delayNs, () -> {
            if (!cancelled[0]) {
                action.run();
            }
        });
        return () -> {
            boolean was = !cancelled[0];
            cancelled[0] = true;
            return was;
        };
    }

    @Override
    public RandomGenerator random(String stream) {
        return new SplittableRandom(stream.hashCode());
    }
}
