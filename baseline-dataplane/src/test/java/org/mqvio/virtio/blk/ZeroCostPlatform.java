package org.mqvio.virtio.blk;

import java.util.function.Consumer;
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
 * The platform the virtio-blk test rigs hand the driver and the IoThread: time zero and costs of zero; they ask for
 * nothing else, so every other call throws.
 */
public final class ZeroCostPlatform implements Platform {
    private final boolean simulated;

    /** {@code simulated}: what {@link #isSimulated} answers (the IoThread and the driver read it). */
    public ZeroCostPlatform(boolean simulated) {
        this.simulated = simulated;
    }

    @Override
    public long nanoTime() {
        return 0;
    }

    @Override
    public boolean isSimulated() {
        return simulated;
    }

    @Override
    public CostTable costs() {
        return CostTable.zero();
    }

    @Override
    public ExecutionContext newContext(ContextSpec spec) {
        throw new UnsupportedOperationException();
    }

    @Override
    public PlatformLock newLock(String name, LockKind kind) {
        throw new UnsupportedOperationException();
    }

    @Override
    public Notifier newNotifier(NotifierSpec spec, ExecutionContext target, Runnable handler) {
        throw new UnsupportedOperationException();
    }

    @Override
    public TimerHandle schedule(long delayNs, Runnable action) {
        throw new UnsupportedOperationException();
    }

    @Override
    public RandomGenerator random(String stream) {
        throw new UnsupportedOperationException();
    }

    /** A notifier whose signal does nothing (the rigs play the other side themselves). */
    public static final class Signal implements Notifier {
        private final String name;
        private final NotifierKind kind;

        public Signal(String name, NotifierKind kind) {
            this.name = name;
            this.kind = kind;
        }

        @Override
        public void signal(ExecutionContext sender) {
        }

        @Override
        public String name() {
            return name;
        }

        @Override
        public NotifierKind kind() {
            return kind;
        }

        @Override
        public Statistics statistics() {
            return Statistics.zeros(Notifier.COUNTERS);
        }
    }

    /**
     * A context that hands each item (posted or continued) to {@code items}, free of cost: the front-end's rig runs
     * them at once, the back-end's queues them to run when a test says.
     */
    public static final class Context implements ExecutionContext {
        private final String name;
        private final ContextKind kind;
        private final Consumer<Runnable> items;

        public Context(String name, ContextKind kind, Consumer<Runnable> items) {
            this.name = name;
            this.kind = kind;
            this.items = items;
        }

        @Override
        public String name() {
            return name;
        }

        @Override
        public ContextKind kind() {
            return kind;
        }

        @Override
        public void post(long costNs, Runnable action) {
            items.accept(action);
        }

        @Override
        public void andThen(long costNs, Runnable action) {
            items.accept(action);
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
    }
}
