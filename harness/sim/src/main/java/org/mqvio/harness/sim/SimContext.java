package org.mqvio.harness.sim;

import java.util.Objects;
import org.mqvio.api.cost.Cost;
import org.mqvio.api.runtime.ContextKind;
import org.mqvio.api.runtime.ContextSpec;
import org.mqvio.api.runtime.ExecutionContext;
import org.mqvio.api.runtime.RuntimeChecks;
import org.mqvio.api.stats.Statistics;

/**
 * A simulated execution context: a sequential thread of work items that runs only while it holds a host
 * CPU.
 *
 * <p>States: {@code SLEEPING} (no CPU, no work) → {@code WAKING} (paying the wake-up latency) →
 * {@code RUNNABLE} (waiting for a CPU) → {@code RUNNING} (on a CPU: executing an item, spinning on a lock or
 * polling for work) → back to {@code SLEEPING}, or {@code BLOCKED} on a sleeping mutex, or {@code HALTED}: a
 * vCPU that spun on a spinlock for {@code pv_spin_threshold} and halted until the unlocker kicks it (a
 * paravirt spinlock, see {@link SimLock}). A context starts running only from an event of its own,
 * never inside another context's action, so actions never nest.
 *
 * <p>Item order: interrupt items first (unless a lock is held or awaited), then the running chain's
 * continuation, then posted items, as {@link ExecutionContext} specifies.
 */
public final class SimContext implements ExecutionContext {
    enum State { SLEEPING, WAKING, RUNNABLE, RUNNING, BLOCKED, HALTED }

    private enum Activity { NONE, EXECUTING, SPINNING, POLLING }

    private final SimPlatform platform;
    private final ContextSpec spec;
    private final ItemQueue interrupts = new ItemQueue();
    private final ItemQueue continuation = new ItemQueue();
    private final ItemQueue posted = new ItemQueue();
    /** Items the running action added with {@link #andThen}, in call order: they go first once it returns. */
    private final ItemQueue newContinuation = new ItemQueue();
    private final Runnable finishItem = this::finishItem;
    private final Runnable resume = this::resume;
    private final Runnable woken = this::woken;
    private final Runnable spinThresholdReached = this::spinThresholdReached;

    private State state = State.SLEEPING;
    private Activity activity = Activity.NONE;
    /** The action of the item whose cost is being paid, or null. */
    private Runnable runningAction;
    private long pendingCharge;
    private long pollWindowNs;
    private int cpu = -1;
    private long sliceStart;
    private long activityStart;
    private int generation;
    /** A hardware interrupt waits for this context's CPU ({@link #interruptArrived}). */
    private boolean interruptPending;
    /** This context gave its CPU to an interrupt handler and has not had it back. */
    private boolean interrupted;
    /** The generation a pending slice check belongs to, or -1: a stale check must not hide a needed one. */
    private int sliceCheckGeneration = -1;
    private int locksHeld;
    /**
     * Spinlocks held or being spun on. Outside a guest (the host's kernel code: interrupt handlers, the host
     * block layer on an IoThread, native jobs) these disable preemption, as {@code spin_lock} does in Linux;
     * a vCPU thread is preempted by the host whatever its guest holds (lock-holder preemption).
     */
    private int spinlocksHeld;
    private SimLock awaitedLock;
    private boolean lockGranted;
    /** Spin time on the awaited lock so far, across preemptions: the paravirt spin threshold counts it. */
    private long lockSpinNs;

    private long busyNs;
    private long spinNs;
    private long pollNs;
    private long items;
    private long wakeups;
    private long preemptions;
    private long halts;
    private long runnableSince;
    private long runnableWaitNs;

    SimContext(SimPlatform platform, ContextSpec spec) {
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
        newContinuation.addLast(RuntimeChecks.requireCost(costNs), Objects.requireNonNull(action, "action"));
    }

    @Override
    public void charge(long costNs) {
        requireRunning("charge");
        pendingCharge += RuntimeChecks.requireCost(costNs);
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
                .put(SPIN_NS, spinNs + (activity == Activity.SPINNING ? now() - activityStart : 0))
                .put(POLL_NS, pollNs + (activity == Activity.POLLING ? now() - activityStart : 0))
                .put(ITEMS, items)
                .put(WAKEUPS, wakeups)
                .put(CONTEXT_SWITCHES, preemptions)
                .put(LOCK_HALTS, halts)
                .put(RUNNABLE_WAIT_NS, runnableWaitNs)
                .build();
    }

    /** CPU time used so far: running items, spinning and polling. */
    public long cpuNs() {
        return busyNs + spinNs + pollNs + (activity == Activity.SPINNING || activity == Activity.POLLING
                ? now() - activityStart : 0);
    }

    @Override
    public String toString() {
        return "SimContext[" + spec.name() + " " + state + "/" + activity + "]";
    }

    // ---- used by HostCpus, SimLock, SimNotifier ----

    SimPlatform platform() {
        return platform;
    }

    int cpu() {
        return cpu;
    }

    /** The host CPU this context is pinned to, or {@link ContextSpec#ANY_CPU}. */
    int affinity() {
        return spec.affinity();
    }

    boolean allowedOn(int hostCpu) {
        return spec.affinity() == ContextSpec.ANY_CPU || spec.affinity() == hostCpu;
    }

    /** HostCpus gave this context {@code hostCpu}; it starts after {@code delayNs} (a context switch). */
    void assign(int hostCpu, long delayNs) {
        cpu = hostCpu;
        interrupted = false;
        interruptPending = false;
        runnableWaitNs += now() - runnableSince;
        generation++;
        platform.kernel().schedule(delayNs, resume);
    }

    /** Another context now waits for this one's CPU: a spinner or poller must not hold it past its slice. */
    boolean isInterruptHandler() {
        return spec.kind() == ContextKind.IRQ;
    }

    /** Whether this context gave its CPU to an interrupt handler and has not run since. */
    boolean wasInterrupted() {
        return interrupted;
    }

    /**
     * A hardware interrupt wants this context's CPU ({@link HostCpus}): spinning or polling, it yields at once;
     * otherwise at its next item boundary. Not while it holds or waits for a spinlock, whatever its kind: code that
     * shares a lock with an interrupt handler takes it with interrupts off ({@code spin_lock_irqsave}), so a handler
     * never spins on a lock its own CPU's interrupted thread holds.
     */
    void interruptArrived() {
        interruptPending = true;
        if (state == State.RUNNING && (activity == Activity.SPINNING || activity == Activity.POLLING)) {
            int gen = generation;
            platform.kernel().schedule(0, () -> {
                if (gen == generation && state == State.RUNNING && interruptPending && spinlocksHeld == 0
                        && (activity == Activity.SPINNING || activity == Activity.POLLING)) {
                    yieldToInterrupt();
                }
            });
        }
    }

    void onWaiterQueued() {
        if ((activity == Activity.SPINNING || activity == Activity.POLLING) && sliceCheckGeneration != generation) {
            scheduleSliceCheck();
        }
    }

    /** The lock this context is about to wait for; the current action returns first. */
    void awaitLock(SimLock lock) {
        if (awaitedLock != null) {
            throw RuntimeChecks.secondLockWait(this, awaitedLock, lock);
        }
        locksHeld++;
        if (lock.kind().spins()) {
            spinlocksHeld++;
        }
        awaitedLock = lock;
        lockGranted = false;
        lockSpinNs = 0;
    }

    /**
     * Whether this context waits for {@code lock}: from its queueing ({@link #awaitLock}) until the lock is granted,
     * so it is queued for the lock or, handed it, about to hold it (asked at every acquisition, without a look
     * through the lock's waiters).
     */
    boolean awaits(SimLock lock) {
        return awaitedLock == lock;
    }

    /** Whether this context halted while waiting for a lock and needs a kick to run again. */
    boolean halted() {
        return state == State.HALTED;
    }

    /** The lock was taken without waiting. */
    void lockTaken(SimLock lock) {
        locksHeld++;
        if (lock.kind().spins()) {
            spinlocksHeld++;
        }
    }

    void lockReleased(SimLock lock) {
        locksHeld--;
        if (lock.kind().spins()) {
            spinlocksHeld--;
        }
    }

    /** Whether the host scheduler may take this context's CPU now (see {@link #spinlocksHeld}). */
    private boolean preemptible() {
        return spec.kind() == ContextKind.VCPU || spinlocksHeld == 0;
    }

    /** {@code lock} is now this context's: continue with {@code critical}. */
    void grantLock(SimLock lock, Runnable critical) {
        if (awaitedLock != lock) {
            throw new IllegalStateException(name() + " was granted " + lock.name() + " it did not wait for");
        }
        awaitedLock = null;
        continuation.addFirst(0, critical);
        if (state == State.RUNNING && activity == Activity.SPINNING) {
            endActivity();
            runLoop();
        } else if (state == State.BLOCKED || state == State.HALTED) {
            wake();
        }
        // RUNNABLE (a preempted spinner): the critical section runs when it gets its CPU back.
    }

    // ---- the loop ----

    private void enqueue(ItemQueue queue, long costNs, Runnable action) {
        queue.addLast(RuntimeChecks.requireCost(costNs), Objects.requireNonNull(action, "action"));
        switch (state) {
            case SLEEPING -> wake();
            case RUNNING -> {
                if (activity == Activity.POLLING) {
                    endActivity();
                    generation++;
                    platform.kernel().schedule(0, resume);
                }
            }
            default -> { }
        }
    }

    private void wake() {
        state = State.WAKING;
        wakeups++;
        // A hardware interrupt handler is entered, not woken: its entry cost is part of the handler's own cost.
        long latency = spec.kind() == ContextKind.IRQ ? 0 : platform.costs().get(Cost.WAKEUP);
        platform.kernel().schedule(latency, woken);
    }

    private void woken() {
        state = State.RUNNABLE;
        runnableSince = now();
        platform.cpus().request(this);
    }

    /** Starts or continues running on the assigned CPU. */
    private void resume() {
        if (state != State.RUNNING) {
            state = State.RUNNING;
            sliceStart = now();
        }
        activity = Activity.NONE;
        runLoop();
    }

    private void runLoop() {
        while (true) {
            if (awaitedLock != null) {
                if (awaitedLock.kind().spins()) {
                    beginActivity(Activity.SPINNING);
                    long threshold = awaitedLock.paravirtSpinThreshold(this);
                    if (threshold > 0) {
                        platform.kernel().schedule(Math.max(0, threshold - lockSpinNs), spinThresholdReached);
                    }
                    if (platform.cpus().hasWaiterFor(cpu)) {
                        scheduleSliceCheck();
                    }
                } else {
                    state = State.BLOCKED;
                    platform.cpus().release(this);
                    cpu = -1;
                }
                return;
            }
            if (interruptPending && spinlocksHeld == 0 && yieldToInterrupt()) {
                return;
            }
            if (now() - sliceStart >= platform.cpus().sliceNs() && platform.cpus().hasWaiterFor(cpu) && preemptible()) {
                preempt();
                return;
            }
            ItemQueue queue = nextQueue();
            if (queue == null) {
                goIdle();
                return;
            }
            items++;
            long cost = queue.firstCost();
            Runnable action = queue.pollAction();
            if (cost > 0) {
                runningAction = action;
                activity = Activity.EXECUTING;
                busyNs += cost;
                platform.kernel().schedule(cost, finishItem);
                return;
            }
            if (!runAction(action)) {
                return;
            }
        }
    }

    private void finishItem() {
        Runnable action = runningAction;
        runningAction = null;
        activity = Activity.NONE;
        if (runAction(action)) {
            runLoop();
        }
    }

    /** Runs an item's action; returns true if the loop may go on at once, false if a charge is being paid. */
    private boolean runAction(Runnable action) {
        platform.setCurrent(this);
        try {
            action.run();
        } finally {
            platform.setCurrent(null);
            for (int i = newContinuation.size() - 1; i >= 0; i--) {
                continuation.addFirst(newContinuation.cost(i), newContinuation.action(i));
            }
            newContinuation.clear();
        }
        if (pendingCharge > 0) {
            long c = pendingCharge;
            pendingCharge = 0;
            busyNs += c;
            activity = Activity.EXECUTING;
            platform.kernel().schedule(c, resume);
            return false;
        }
        return true;
    }

    /** The queue the next item comes from, or null when there is none. */
    private ItemQueue nextQueue() {
        if (locksHeld == 0 && !interrupts.isEmpty()) {
            return interrupts;
        }
        if (!continuation.isEmpty()) {
            return continuation;
        }
        return posted.isEmpty() ? null : posted;
    }

    private void goIdle() {
        if (pollWindowNs > 0) {
            beginActivity(Activity.POLLING);
            int gen = ++generation;
            if (pollWindowNs != Long.MAX_VALUE) {
                platform.kernel().schedule(pollWindowNs, () -> pollExpired(gen));
            }
            if (platform.cpus().hasWaiterFor(cpu)) {
                scheduleSliceCheck();
            }
            return;
        }
        sleep();
    }

    /**
     * The paravirt spin threshold of the current spin episode is due (if that episode still runs): the vCPU
     * halts, gives up its host CPU and stops polling the lock's line until the unlocker kicks it.
     */
    private void spinThresholdReached() {
        if (state != State.RUNNING || activity != Activity.SPINNING) {
            return;
        }
        long threshold = awaitedLock.paravirtSpinThreshold(this);
        if (lockSpinNs + now() - activityStart < threshold) {
            return; // an earlier episode's check; this episode has its own
        }
        endActivity();
        halts++;
        state = State.HALTED;
        generation++;
        platform.cpus().release(this);
        cpu = -1;
    }

    private void pollExpired(int gen) {
        if (gen == generation && state == State.RUNNING && activity == Activity.POLLING) {
            endActivity();
            sleep();
        }
    }

    private void sleep() {
        interruptPending = false;
        state = State.SLEEPING;
        activity = Activity.NONE;
        platform.cpus().release(this);
        cpu = -1;
    }

    /**
     * Gives the CPU to the interrupt handler waiting for it and runs again once the handler is done; false (and goes
     * on) when no handler waits for this CPU any more (another CPU took it).
     */
    private boolean yieldToInterrupt() {
        interruptPending = false;
        if (!platform.cpus().interruptWaitsFor(cpu)) {
            return false;
        }
        endActivity();
        interrupted = true;
        state = State.RUNNABLE;
        runnableSince = now();
        generation++;
        platform.cpus().yieldToInterrupt(this);
        cpu = -1;
        return true;
    }

    private void preempt() {
        endActivity();
        preemptions++;
        if (spinlocksHeld > 0) {
            platform.locks().forEach(l -> l.preempted(this));
        }
        state = State.RUNNABLE;
        runnableSince = now();
        generation++;
        platform.cpus().preempt(this);
        cpu = -1;
    }

    private void scheduleSliceCheck() {
        int gen = generation;
        sliceCheckGeneration = gen;
        long due = sliceStart + platform.cpus().sliceNs();
        if (activity == Activity.SPINNING && spec.kind() == ContextKind.VCPU) {
            // Pause-loop exiting: a vCPU spinning longer than the PLE window exits and yields its CPU.
            due = Math.min(due, activityStart + platform.costs().get(Cost.PLE_WINDOW));
        }
        long at = Math.max(0, due - now());
        platform.kernel().schedule(at, () -> sliceCheck(gen));
    }

    private void sliceCheck(int gen) {
        if (gen != generation || state != State.RUNNING) {
            return;
        }
        sliceCheckGeneration = -1;
        if (activity == Activity.SPINNING || activity == Activity.POLLING) {
            if (platform.cpus().hasWaiterFor(cpu) && preemptible()) {
                preempt();
            }
        }
    }

    private void beginActivity(Activity a) {
        activity = a;
        activityStart = now();
    }

    private void endActivity() {
        long d = now() - activityStart;
        if (activity == Activity.SPINNING) {
            spinNs += d;
            lockSpinNs += d;
        } else if (activity == Activity.POLLING) {
            pollNs += d;
        }
        activity = Activity.NONE;
    }

    private void requireRunning(String what) {
        if (platform.current() != this) {
            throw RuntimeChecks.notTheRunningItem(what, this,
                    platform.current() == null ? "outside any context" : platform.current().name());
        }
    }

    private long now() {
        return platform.nanoTime();
    }
}
