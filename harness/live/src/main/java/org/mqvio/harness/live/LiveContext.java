package org.mqvio.harness.live;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.locks.LockSupport;
import org.mqvio.api.runtime.ContextKind;
import org.mqvio.api.runtime.ContextSpec;
import org.mqvio.api.runtime.ExecutionContext;
import org.mqvio.api.runtime.RuntimeChecks;
import org.mqvio.api.stats.Statistics;

/**
 * A live execution context: one platform thread that runs work items in the order the
 * {@link ExecutionContext} contract gives: interrupt-priority items first unless the context holds or
 * waits for a lock, then the running item's continuation, then posted items (FIFO).
 *
 * <p>Threading: {@link #post} and {@link #postInterrupt} may be called from any thread; they add to a
 * lock-free queue and unpark the thread if it sleeps. Everything else (the continuation, lock state, the
 * running item) belongs to the context's own thread. A lock acquired by an item is waited for after the
 * item's action returns, as in simulation, so no item ever blocks inside another component's code.
 *
 * <p>Idle: with a poll window the thread spins ({@link Thread#onSpinWait}) that long watching its queues;
 * then it parks. Lost wake-ups are excluded by a Dekker handshake on volatile fields: the sleeper publishes
 * {@code sleeping} and re-checks the queues before parking; a poster adds to a queue and then reads
 * {@code sleeping}.
 *
 * <p>Statistics are written by the context's own thread only (volatile, so another thread may read a
 * recent value at any time): {@code busy_ns}, {@code spin_ns}, {@code poll_ns}, {@code items},
 * {@code wakeups}, {@code lock_halts} (paravirt spinlock waits that stopped spinning and parked; the
 * parked time is not {@code spin_ns}), {@code context_switches} (always 0: the OS does not tell) and
 * {@code runnable_wait_ns} (0).
 */
public final class LiveContext implements ExecutionContext {
    private record Item(Runnable action) {
    }

    /** Thrown inside a lock wait when the platform stops, to leave the thread's loop. */
    static final class Stopped extends RuntimeException {
        Stopped() {
            super(null, null, false, false);
        }
    }

    private final LivePlatform platform;
    private final ContextSpec spec;
    private final ConcurrentLinkedQueue<Item> posted = new ConcurrentLinkedQueue<>();
    private final ConcurrentLinkedQueue<Item> interrupts = new ConcurrentLinkedQueue<>();
    private final ArrayDeque<Item> continuation = new ArrayDeque<>();
    private final List<Item> newContinuation = new ArrayList<>();
    private Thread thread;
    private volatile boolean sleeping;
    /** True while the loop found nothing to run (polling or parked): see {@link #quiet()}. */
    private volatile boolean idle;
    private volatile boolean stop;
    private volatile long pollWindowNs;
    private boolean inItem;
    private int locksHeld;
    private LiveLock awaitedLock;
    private Object awaitedToken;
    private Runnable awaitedCritical;
    private long awaitedSince;

    private volatile long busyNs;
    private volatile long spinNs;
    private volatile long pollNs;
    private volatile long items;
    private volatile long wakeups;
    private volatile long halts;
    /** Time the current lock wait spent halted (parked), not spinning. */
    private long haltedNs;

    LiveContext(LivePlatform platform, ContextSpec spec) {
        this.platform = platform;
        this.spec = spec;
        this.pollWindowNs = spec.pollWindowNs();
    }

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
        enqueue(posted, costNs, action);
    }

    /** Posts an interrupt-priority item (used by interrupt notifiers). */
    void postInterrupt(long costNs, Runnable action) {
        enqueue(interrupts, costNs, action);
    }

    @Override
    public void andThen(long costNs, Runnable action) {
        requireRunning("andThen");
        RuntimeChecks.requireCost(costNs);
        newContinuation.add(new Item(Objects.requireNonNull(action, "action")));
    }

    /** Live, costs are not charged: the call is checked and otherwise does nothing. */
    @Override
    public void charge(long costNs) {
        requireRunning("charge");
        RuntimeChecks.requireCost(costNs);
    }

    @Override
    public void setPollWindow(long pollNs) {
        this.pollWindowNs = RuntimeChecks.requirePollWindow(pollNs);
    }

    @Override
    public long pollWindow() {
        return pollWindowNs;
    }

    @Override
    public Statistics statistics() {
        return Statistics.builder(COUNTERS)
                .put(BUSY_NS, busyNs)
                .put(SPIN_NS, spinNs)
                .put(POLL_NS, pollNs)
                .put(ITEMS, items)
                .put(WAKEUPS, wakeups)
                .put(CONTEXT_SWITCHES, 0)
                .put(LOCK_HALTS, halts)
                .put(RUNNABLE_WAIT_NS, 0)
                .build();
    }

    @Override
    public String toString() {
        return "LiveContext[" + spec.name() + "]";
    }

    // ---- used by the platform and the locks ----

    LivePlatform platform() {
        return platform;
    }

    Thread thread() {
        return thread;
    }

    void start() {
        Thread t = new Thread(this::loop, platform.threadName(spec.name()));
        t.setDaemon(true);
        thread = t;
        t.start();
    }

    void requestStop() {
        stop = true;
        Thread t = thread;
        if (t != null) {
            LockSupport.unpark(t);
        }
    }

    boolean stopRequested() {
        return stop;
    }

    /** Whether the caller is the item running on this context. */
    boolean isRunningItem() {
        return inItem && Thread.currentThread() == thread;
    }

    void requireRunning(String what) {
        if (!isRunningItem()) {
            throw RuntimeChecks.notTheRunningItem(what, this, "thread " + Thread.currentThread().getName());
        }
    }

    boolean awaits(LiveLock lock) {
        return awaitedLock == lock;
    }

    /** The running item must wait for {@code lock} (queued with {@code token}) once its action returns. */
    void awaitLock(LiveLock lock, Object token, Runnable critical, long since) {
        if (awaitedLock != null) {
            throw RuntimeChecks.secondLockWait(this, awaitedLock, lock);
        }
        awaitedLock = lock;
        awaitedToken = token;
        awaitedCritical = critical;
        awaitedSince = since;
    }

    /** A paravirt lock wait stops spinning and halts (parks). */
    void haltStarted() {
        halts++;
    }

    /** The halt that {@link #haltStarted} began lasted {@code ns}: waiting time that was not spinning. */
    void haltEnded(long ns) {
        haltedNs += ns;
    }

    void lockTaken() {
        locksHeld++;
    }

    void lockReleased() {
        locksHeld--;
    }

    // ---- the loop ----

    private void enqueue(ConcurrentLinkedQueue<Item> queue, long costNs, Runnable action) {
        RuntimeChecks.requireCost(costNs);
        queue.add(new Item(Objects.requireNonNull(action, "action")));
        if (sleeping) {
            LockSupport.unpark(thread);
        }
    }

    private void loop() {
        try {
            while (!stop) {
                if (awaitedLock != null) {
                    waitForLock();
                    continue;
                }
                Item item = nextItem();
                if (item == null) {
                    idle();
                    continue;
                }
                run(item);
            }
        } catch (Stopped e) {
            // the platform is stopping
        } catch (Throwable t) {
            platform.fail(spec.name(), t);
        }
    }

    private void run(Item item) {
        long start = System.nanoTime();
        inItem = true;
        try {
            item.action().run();
        } finally {
            inItem = false;
            for (int i = newContinuation.size() - 1; i >= 0; i--) {
                continuation.addFirst(newContinuation.get(i));
            }
            newContinuation.clear();
            busyNs += System.nanoTime() - start;
            items++;
        }
    }

    private void waitForLock() {
        LiveLock lock = awaitedLock;
        long start = System.nanoTime();
        haltedNs = 0;
        try {
            lock.waitFor(this, awaitedToken);
        } finally {
            long waited = System.nanoTime() - start;
            if (lock.kind().spins()) {
                spinNs += Math.max(0, waited - haltedNs);
            }
        }
        lock.granted(this, awaitedToken, awaitedSince, true);
        locksHeld++;
        continuation.addFirst(new Item(awaitedCritical));
        awaitedLock = null;
        awaitedToken = null;
        awaitedCritical = null;
    }

    private Item nextItem() {
        if (locksHeld == 0) {
            Item i = interrupts.poll();
            if (i != null) {
                return i;
            }
        }
        Item c = continuation.poll();
        return c != null ? c : posted.poll();
    }

    private boolean hasWork() {
        return !continuation.isEmpty() || !posted.isEmpty() || (locksHeld == 0 && !interrupts.isEmpty());
    }

    /**
     * Whether this context has nothing to do as far as another thread can tell: its loop is idle and nothing
     * was posted to it since. Work it gave itself (continuations) is only ever added while it runs an item.
     */
    boolean quiet() {
        return idle && posted.isEmpty() && interrupts.isEmpty();
    }

    /** Items run so far. */
    long itemsRun() {
        return items;
    }

    private void idle() {
        idle = true;
        try {
            idleUntilWork();
        } finally {
            idle = false;
        }
    }

    private void idleUntilWork() {
        long window = pollWindowNs;
        if (window > 0) {
            long start = System.nanoTime();
            long spins = 0;
            try {
                while (!hasWork() && !stop) {
                    Thread.onSpinWait();
                    spins++;
                    if (window != Long.MAX_VALUE) {
                        if ((spins & 0xFF) == 0 && System.nanoTime() - start >= window) {
                            break;
                        }
                    } else if ((spins & 0xFFFF) == 0) {
                        // An endless poll still lets other threads of the same core run now and then.
                        Thread.yield();
                    }
                }
            } finally {
                pollNs += System.nanoTime() - start;
            }
            if (hasWork() || stop) {
                return;
            }
        }
        sleeping = true;
        try {
            while (!hasWork() && !stop) {
                LockSupport.park(this);
            }
        } finally {
            sleeping = false;
        }
        if (hasWork()) {
            wakeups++;
        }
    }
}
