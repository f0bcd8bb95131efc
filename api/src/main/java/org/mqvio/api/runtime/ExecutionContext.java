package org.mqvio.api.runtime;

import org.mqvio.api.stats.Counter;
import org.mqvio.api.stats.CounterSet;
import org.mqvio.api.stats.Statistics;
import org.mqvio.api.stats.Unit;

/**
 * A sequential context of execution: a vCPU thread, an IoThread or an interrupt handler. It runs work
 * items one at a time, in order; each item occupies the context's host CPU for its cost and then runs its
 * action. In simulation the cost is charged in virtual time and contexts compete for host CPUs; live, the
 * action runs on the context's own platform thread and costs are not charged.
 *
 * <p>Order: items {@link #post posted} from anywhere run in FIFO order. Items added with
 * {@link #andThen} by the running item are its continuation: they run next, before any posted item, in
 * the order they were added. Interrupt-priority items (from interrupt notifiers) run before both, but
 * never while the context holds or waits for a lock (locks are taken with interrupts disabled, as
 * {@code spin_lock_irqsave} does).
 *
 * <p>Idle policy: a context with nothing to run sleeps (a later item pays the wake-up cost) unless its
 * {@link #setPollWindow poll window} is positive, in which case it first polls for that long, busy on its
 * CPU, seeing new items without a wake-up.
 */
public interface ExecutionContext {
    /** CPU used running items. */
    Counter BUSY_NS = Counter.declare("busy_ns", Unit.NANOSECONDS, "CPU used running items");
    /** CPU used spinning on locks. */
    Counter SPIN_NS = Counter.declare("spin_ns", Unit.NANOSECONDS, "CPU used spinning on locks");
    /** CPU used polling for work. */
    Counter POLL_NS = Counter.declare("poll_ns", Unit.NANOSECONDS, "CPU used polling for work");
    /** Items run. */
    Counter ITEMS = Counter.declare("items", Unit.EVENTS, "items run");
    /** Wake-ups from sleep. */
    Counter WAKEUPS = Counter.declare("wakeups", Unit.EVENTS, "wake-ups from sleep");
    /** Times the context lost its host CPU to another (0 live, where the OS schedules). */
    Counter CONTEXT_SWITCHES = Counter.declare("context_switches", Unit.EVENTS,
            "times the context lost its host CPU to another (0 live)");
    /** Times a vCPU waiting for a paravirt lock halted instead of spinning on. */
    Counter LOCK_HALTS = Counter.declare("lock_halts", Unit.EVENTS,
            "times a vCPU waiting for a paravirt lock halted instead of spinning on");
    /** Time runnable but waiting for a host CPU (0 live). */
    Counter RUNNABLE_WAIT_NS = Counter.declare("runnable_wait_ns", Unit.NANOSECONDS,
            "time runnable but waiting for a host CPU (0 live)");
    /** The counters every context reports, in this order. */
    CounterSet COUNTERS = CounterSet.of(BUSY_NS, SPIN_NS, POLL_NS, ITEMS, WAKEUPS, CONTEXT_SWITCHES, LOCK_HALTS,
            RUNNABLE_WAIT_NS);


    /** The name given in its {@link ContextSpec}. */
    String name();

    /** What the context models. */
    ContextKind kind();

    /**
     * Queues {@code action} to run after {@code costNs} of this context's CPU, behind items already
     * posted. Safe to call from any context or timer.
     */
    void post(long costNs, Runnable action);

    /**
     * Continues the running item: {@code action} runs after {@code costNs}, before any other posted item.
     * Only the item running on this context may call it.
     *
     * @throws IllegalStateException if called from outside this context's running item
     */
    void andThen(long costNs, Runnable action);

    /**
     * Charges {@code costNs} more CPU to the running item: the context stays busy that much longer after
     * the item's action returns. Only the item running on this context may call it.
     *
     * @throws IllegalStateException if called from outside this context's running item
     */
    void charge(long costNs);

    /**
     * How long the context polls before it sleeps when it runs out of work: 0 sleeps at once,
     * {@link Long#MAX_VALUE} polls forever (it never pays a wake-up but always burns its CPU).
     */
    void setPollWindow(long pollNs);

    /** The current poll window in nanoseconds. */
    long pollWindow();

    /** Statistics since creation: {@link #COUNTERS}. */
    Statistics statistics();
}
