package org.mqvio.harness.live;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.LockSupport;
import java.util.random.RandomGenerator;
import org.mqvio.api.cost.CostTable;
import org.mqvio.api.runtime.ContextSpec;
import org.mqvio.api.runtime.ExecutionContext;
import org.mqvio.api.runtime.LockKind;
import org.mqvio.api.runtime.Notifier;
import org.mqvio.api.runtime.NotifierSpec;
import org.mqvio.api.runtime.Platform;
import org.mqvio.api.runtime.PlatformLock;
import org.mqvio.api.runtime.RuntimeChecks;
import org.mqvio.api.runtime.TimerHandle;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The live runtime: the {@link Platform} contract on real platform threads. Every {@link LiveContext} is one
 * thread; locks spin or sleep for real ({@link TicketLock}, {@link McsLock}; the mutex is an MCS lock whose waiters
 * sleep); notifiers coalesce as in simulation and wake their target with park/unpark; timers run on one device-time
 * thread ({@link DeviceTimers}). Costs are not charged: time is {@code System.nanoTime()}, counted from
 * {@link #start()} (0 before it), so job windows read the same as in simulation.
 *
 * <p>Life cycle: build the stack (contexts, locks, notifiers), post the first items, {@link #start()},
 * {@link #await} a condition, then {@link #shutdown}: it stops every thread the platform started, joins them
 * and names those that did not stop in time. The first exception thrown in any thread (a work item, a
 * notifier handler, a timer action) fails the platform: every thread stops and {@link #failure()} holds it.
 * Threads are daemons named {@code mqvio-live-N-CONTEXT}, so a test can check none is left over.
 */
public final class LivePlatform implements Platform {
    private static final Logger LOG = LoggerFactory.getLogger(LivePlatform.class);
    /** Prefix of every thread a live platform starts. */
    public static final String THREAD_PREFIX = "mqvio-live-";
    private static final AtomicInteger RUNS = new AtomicInteger();

    private final CostTable costs;
    private final long seed;
    private final String threadPrefix;
    private final List<LiveContext> contexts = new CopyOnWriteArrayList<>();
    private final List<PlatformLock> locks = new CopyOnWriteArrayList<>();
    private final List<LiveNotifier> notifiers = new CopyOnWriteArrayList<>();
    private final DeviceTimers timers;
    private final AtomicReference<Throwable> failure = new AtomicReference<>();
    private final AtomicReference<String> failedIn = new AtomicReference<>();
    private volatile boolean started;
    private volatile boolean stopping;
    private volatile long origin;
    private volatile Thread waiter;

    public LivePlatform(CostTable costs, long seed) {
        this.costs = Objects.requireNonNull(costs, "costs");
        this.seed = seed;
        this.threadPrefix = THREAD_PREFIX + RUNS.incrementAndGet() + "-";
        this.timers = new DeviceTimers(this);
    }

    @Override
    public long nanoTime() {
        return started ? System.nanoTime() - origin : 0;
    }

    @Override
    public boolean isSimulated() {
        return false;
    }

    @Override
    public CostTable costs() {
        return costs;
    }

    @Override
    public ExecutionContext newContext(ContextSpec spec) {
        RuntimeChecks.requireNewName(contexts, spec.name());
        LiveContext c = new LiveContext(this, spec);
        contexts.add(c);
        if (started) {
            c.start();
        }
        return c;
    }

    @Override
    public PlatformLock newLock(String name, LockKind kind) {
        PlatformLock lock = switch (kind) {
            case TICKET -> new TicketLock(this, name);
            case MCS -> new McsLock(this, name, false);
            case MUTEX -> new McsLock(this, name, true);
        };
        locks.add(lock);
        return lock;
    }

    @Override
    public Notifier newNotifier(NotifierSpec spec, ExecutionContext target, Runnable handler) {
        LiveNotifier n = new LiveNotifier(spec, context(target), handler);
        notifiers.add(n);
        return n;
    }

    @Override
    public TimerHandle schedule(long delayNs, Runnable action) {
        return timers.schedule(RuntimeChecks.requireDelay(delayNs), Objects.requireNonNull(action, "action"));
    }

    /** The same streams as the simulation ({@link Platform#randomStream}). */
    @Override
    public RandomGenerator random(String stream) {
        return Platform.randomStream(seed, stream);
    }

    /** Starts the clock at 0 and every context's thread and the timer thread. */
    public synchronized void start() {
        if (started) {
            throw new IllegalStateException("the live platform is already started");
        }
        origin = System.nanoTime();
        started = true;
        timers.start();
        for (LiveContext c : contexts) {
            c.start();
        }
    }

    /**
     * Waits until {@code done} is true, the platform failed, or {@code timeoutNs} passed; checks every
     * {@code pollNs} (or at once when {@link #wakeAwaiter} is called).
     *
     * @return true if {@code done} became true
     */
    public boolean await(java.util.function.BooleanSupplier done, long timeoutNs) {
        long deadline = System.nanoTime() + timeoutNs;
        waiter = Thread.currentThread();
        try {
            while (!done.getAsBoolean()) {
                if (failure.get() != null) {
                    return false;
                }
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    return false;
                }
                LockSupport.parkNanos(this, Math.min(left, TimeUnit.MILLISECONDS.toNanos(1)));
            }
            return true;
        } finally {
            waiter = null;
        }
    }

    /**
     * Waits until every context is quiet (idle, nothing posted) and stays so, with no item run, across two
     * looks 1 ms apart; or the platform failed, or {@code timeoutNs} passed. A run that has seen its last
     * completion waits for this before stopping, so that work a layer does after handing a completion up
     * (freeing a tag, counting it) is not cut off.
     *
     * @return true if the platform became quiet
     */
    public boolean awaitQuiet(long timeoutNs) {
        long deadline = System.nanoTime() + timeoutNs;
        long lastItems = -1;
        while (failure.get() == null && System.nanoTime() < deadline) {
            long items = 0;
            boolean quiet = true;
            for (LiveContext c : contexts) {
                quiet &= c.quiet();
                items += c.itemsRun();
            }
            if (quiet && items == lastItems) {
                return true;
            }
            lastItems = quiet ? items : -1;
            LockSupport.parkNanos(this, TimeUnit.MILLISECONDS.toNanos(1));
        }
        return false;
    }

    /** Lets an {@link #await} re-check its condition now. */
    public void wakeAwaiter() {
        Thread t = waiter;
        if (t != null) {
            LockSupport.unpark(t);
        }
    }

    /**
     * Stops every thread, waits up to {@code timeoutNs} for all of them together, and returns the names of
     * the threads still alive then (empty when all stopped). Idempotent.
     */
    public List<String> shutdown(long timeoutNs) {
        stopping = true;
        List<Thread> threads = new ArrayList<>();
        for (LiveContext c : contexts) {
            c.requestStop();
            if (c.thread() != null) {
                threads.add(c.thread());
            }
        }
        timers.requestStop();
        if (timers.thread() != null) {
            threads.add(timers.thread());
        }
        long deadline = System.nanoTime() + timeoutNs;
        List<String> alive = new ArrayList<>();
        for (Thread t : threads) {
            long left = deadline - System.nanoTime();
            try {
                if (left > 0) {
                    t.join(Math.max(1, TimeUnit.NANOSECONDS.toMillis(left)));
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            if (t.isAlive()) {
                LOG.warn("live thread {} did not stop within {} ms of shutdown; interrupting it", t.getName(),
                        TimeUnit.NANOSECONDS.toMillis(timeoutNs));
                t.interrupt();
                alive.add(t.getName());
            }
        }
        return alive;
    }

    /** The first exception thrown in any of the platform's threads, or null. */
    public Throwable failure() {
        return failure.get();
    }

    /** The name of the context or thread the {@link #failure()} came from, or null. */
    public String failedIn() {
        return failedIn.get();
    }

    /** Every context created, in creation order. */
    public List<LiveContext> contexts() {
        return Collections.unmodifiableList(contexts);
    }

    /** Every lock created, in creation order. */
    public List<PlatformLock> locks() {
        return Collections.unmodifiableList(locks);
    }

    /** Every notifier created, in creation order. */
    public List<LiveNotifier> notifiers() {
        return Collections.unmodifiableList(notifiers);
    }

    /** Timers fired so far. */
    public long timersFired() {
        return timers.fired();
    }

    boolean stopping() {
        return stopping;
    }

    String threadName(String context) {
        return threadPrefix + context;
    }

    /** Records the first failure and stops every thread. */
    void fail(String where, Throwable t) {
        if (failure.compareAndSet(null, t)) {
            failedIn.set(where);
        }
        stopping = true;
        for (LiveContext c : contexts) {
            c.requestStop();
        }
        timers.requestStop();
        wakeAwaiter();
    }

    LiveContext context(ExecutionContext context) {
        if (context instanceof LiveContext lc && lc.platform() == this) {
            return lc;
        }
        throw RuntimeChecks.notThisPlatforms(context, "this live platform");
    }
}
