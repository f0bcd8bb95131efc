package org.mqvio.harness.sim;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Objects;
import java.util.random.RandomGenerator;
import org.mqvio.api.cost.Cost;
import org.mqvio.api.cost.CostTable;
import org.mqvio.api.runtime.ContextSpec;
import org.mqvio.api.runtime.ExecutionContext;
import org.mqvio.api.runtime.LockKind;
import org.mqvio.api.runtime.Notifier;
import org.mqvio.api.runtime.NotifierSpec;
import org.mqvio.api.runtime.Platform;
import org.mqvio.api.runtime.PlatformLock;
import org.mqvio.api.runtime.RuntimeChecks;
import org.mqvio.api.runtime.Timer;
import org.mqvio.api.runtime.TimerHandle;

/**
 * The deterministic simulation runtime: the {@link Platform} contract on an {@link EventKernel}, in virtual
 * nanoseconds, on one Java thread, seeded.
 *
 * <p>Host CPUs are a resource ({@link HostCpus}): contexts run work items only while they hold a host CPU,
 * and share the CPUs with a time slice and a context-switch cost when more are runnable than there are
 * CPUs. Locks spin or sleep by kind ({@link SimLock}); notifiers carry their costs and coalesce
 * ({@link SimNotifier}); every cost comes from the {@link CostTable}. The same seed and configuration give
 * the same event order and the same {@link #digest()}.
 */
public final class SimPlatform implements Platform {
    private final EventKernel kernel = new EventKernel();
    private final CostTable costs;
    private final long seed;
    private final HostCpus cpus;
    private final List<SimContext> contexts = new ArrayList<>();
    private final List<SimLock> locks = new ArrayList<>();
    private final List<SimNotifier> notifiers = new ArrayList<>();
    private SimContext current;

    /**
     * A simulation with {@code hostCpus} host CPUs.
     *
     * @throws IllegalArgumentException if {@code hostCpus < 1}
     */
    public SimPlatform(CostTable costs, int hostCpus, long seed) {
        this.costs = Objects.requireNonNull(costs, "costs");
        if (hostCpus < 1) {
            throw new IllegalArgumentException("host CPUs must be >= 1, was " + hostCpus);
        }
        this.seed = seed;
        this.cpus = new HostCpus(this, hostCpus, costs.get(Cost.SCHED_SLICE), costs.get(Cost.CONTEXT_SWITCH));
    }

    @Override
    public long nanoTime() {
        return kernel.now();
    }

    @Override
    public boolean isSimulated() {
        return true;
    }

    @Override
    public CostTable costs() {
        return costs;
    }

    @Override
    public ExecutionContext newContext(ContextSpec spec) {
        if (spec.affinity() >= cpus.count()) {
            throw new IllegalArgumentException("context " + spec.name() + " is pinned to host CPU " + spec.affinity()
                    + " but there are only " + cpus.count() + " (allowed: 0.." + (cpus.count() - 1) + ")");
        }
        RuntimeChecks.requireNewName(contexts, spec.name());
        SimContext c = new SimContext(this, spec);
        contexts.add(c);
        return c;
    }

    @Override
    public PlatformLock newLock(String name, LockKind kind) {
        SimLock lock = new SimLock(this, name, kind);
        locks.add(lock);
        return lock;
    }

    @Override
    public Notifier newNotifier(NotifierSpec spec, ExecutionContext target, Runnable handler) {
        SimNotifier n = new SimNotifier(this, spec, context(target), handler);
        notifiers.add(n);
        return n;
    }

    @Override
    public TimerHandle schedule(long delayNs, Runnable action) {
        OneShot timer = new OneShot(action);
        kernel.schedule(delayNs, timer);
        return timer;
    }

    /** The action itself is the event: no handle, nothing allocated (the event order is {@link #schedule}'s). */
    @Override
    public void after(long delayNs, Runnable action) {
        kernel.schedule(delayNs, action);
    }

    @Override
    public Timer newTimer(Runnable action) {
        return new SimTimer(action);
    }

    @Override
    public RandomGenerator random(String stream) {
        return Platform.randomStream(seed, stream);
    }

    /** The seed of this run. */
    public long seed() {
        return seed;
    }

    /** The event kernel (for running the simulation and for its digest). */
    public EventKernel kernel() {
        return kernel;
    }

    /** Runs the simulation until virtual time {@code untilNs}. */
    public void runUntil(long untilNs) {
        kernel.runUntil(untilNs);
    }

    /** The trace digest: every fired event and every value {@link #trace traced}. */
    public long digest() {
        return kernel.digest();
    }

    /** Folds an outcome into the trace digest. */
    public void trace(long value) {
        kernel.mix(value);
    }

    /** Number of host CPUs. */
    public int hostCpus() {
        return cpus.count();
    }

    /** Every context created, in creation order. */
    public List<SimContext> contexts() {
        return Collections.unmodifiableList(contexts);
    }

    /** Every lock created, in creation order. */
    public List<SimLock> locks() {
        return Collections.unmodifiableList(locks);
    }

    /** Every notifier created, in creation order. */
    public List<SimNotifier> notifiers() {
        return Collections.unmodifiableList(notifiers);
    }

    HostCpus cpus() {
        return cpus;
    }

    SimContext current() {
        return current;
    }

    void setCurrent(SimContext context) {
        current = context;
    }

    SimContext context(ExecutionContext context) {
        if (context instanceof SimContext sc && sc.platform() == this) {
            return sc;
        }
        throw RuntimeChecks.notThisPlatforms(context, "this simulation");
    }

    /** A timer of {@link #schedule}: the event itself, and its handle. */
    private static final class OneShot implements Runnable, TimerHandle {
        private final Runnable action;
        private boolean done;

        OneShot(Runnable action) {
            this.action = Objects.requireNonNull(action, "action");
        }

        @Override
        public void run() {
            if (!done) {
                done = true;
                action.run();
            }
        }

        @Override
        public boolean cancel() {
            if (done) {
                return false;
            }
            done = true;
            return true;
        }
    }

    /**
     * A {@link Timer} whose armings are events of their own, recycled: each arming schedules one event, as
     * {@link #schedule} would (so the order is the same); a cancelled or moved arming stays in the event queue and
     * does nothing when it fires, as a cancelled {@link OneShot} does, and only then is it free for a later arming. So
     * the timer makes as many armings as it ever has pending at once, and nothing after.
     */
    private final class SimTimer implements Timer {
        private final Runnable action;
        /** The arming that runs the action, or null when disarmed. */
        private Arming live;
        /** Armings that have fired, free for reuse. */
        private Arming free;

        SimTimer(Runnable action) {
            this.action = Objects.requireNonNull(action, "action");
        }

        @Override
        public void arm(long delayNs) {
            RuntimeChecks.requireDelay(delayNs);
            Arming a = free;
            if (a != null) {
                free = a.next;
                a.next = null;
            } else {
                a = new Arming();
            }
            live = a;
            kernel.schedule(delayNs, a);
        }

        @Override
        public boolean cancel() {
            boolean was = live != null;
            live = null;
            return was;
        }

        @Override
        public boolean isArmed() {
            return live != null;
        }

        /** One arming's event. */
        private final class Arming implements Runnable {
            Arming next;

            @Override
            public void run() {
                next = free;
                free = this;
                if (live == this) {
                    live = null;
                    action.run();
                }
            }
        }
    }
}
