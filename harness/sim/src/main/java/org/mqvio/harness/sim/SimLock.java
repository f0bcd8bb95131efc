package org.mqvio.harness.sim;

import java.util.ArrayDeque;
import java.util.Objects;
import org.mqvio.api.cost.Cost;
import org.mqvio.api.runtime.ContextKind;
import org.mqvio.api.runtime.ExecutionContext;
import org.mqvio.api.runtime.LockKind;
import org.mqvio.api.runtime.PlatformLock;
import org.mqvio.api.runtime.RuntimeChecks;
import org.mqvio.api.stats.Counter;
import org.mqvio.api.stats.CounterSet;
import org.mqvio.api.stats.Statistics;
import org.mqvio.api.stats.Unit;

/**
 * A simulated lock. FIFO for every kind; what differs is what waiting and handing over cost:
 * <ul>
 *   <li>{@link LockKind#TICKET}: waiters spin on their CPU; a handoff takes {@code lock_handoff} plus, for
 *   every other waiter still spinning, {@code ticket_per_waiter} when the next owner is a vCPU (inflated by
 *   halted and preempted vCPUs) or {@code ticket_per_waiter_host} on bare metal, because each release
 *   invalidates the line every waiter polls (Boyd-Wickizer et al. 2012). Throughput falls as contenders
 *   grow.
 *   <p>A vCPU waiter uses the guest's paravirt ticket spinlock (Linux 3.12 and later on KVM): after spinning
 *   for {@code pv_spin_threshold} it halts, giving its host CPU back, and no longer counts as spinning. The
 *   lock stays FIFO: when its turn comes, the unlocker pays a kick hypercall ({@code pv_kick}) and the
 *   halted vCPU runs after a wake-up ({@code wakeup}) and once it has a host CPU again. Host contexts
 *   (IoThreads, host IRQ handlers) never halt: the bare-metal ticket lock spins until its turn.</li>
 *   <li>{@link LockKind#MCS}: waiters spin on their own line; a handoff is one {@code lock_handoff}. A vCPU
 *   waiter halts after {@code pv_spin_threshold} and is kicked when its turn comes, as above: Linux's paravirt
 *   queued spinlock (4.2 and later) halts its queued waiters the same way.</li>
 *   <li>{@link LockKind#MUTEX}: waiters sleep; the next owner pays a wake-up before it runs.</li>
 * </ul>
 * An uncontended acquire costs the acquirer {@code lock_uncontended}.
 */
public final class SimLock implements PlatformLock {
    /** Paravirt kicks the releaser sent a halted waiter. */
    public static final Counter KICKS = Counter.declare("kicks", Unit.EVENTS, "paravirt kicks sent to halted waiters");
    /**
     * Times the host scheduler took the CPU of a vCPU holding this spinlock (lock-holder preemption): its waiters
     * spin, or halt, until the holder runs again. It happens only where more threads are runnable than there are
     * host CPUs, since the scheduler preempts only to run a waiting thread.
     */
    public static final Counter HOLDER_PREEMPTIONS = Counter.declare("holder_preemptions", Unit.EVENTS,
            "times the host preempted a vCPU while it held this spinlock");
    /** What {@link #statistics} reports: {@link PlatformLock#COUNTERS}, {@link #KICKS}, {@link #HOLDER_PREEMPTIONS}. */
    public static final CounterSet COUNTERS_WITH_KICKS = COUNTERS.and(KICKS).and(HOLDER_PREEMPTIONS);
    private record Waiter(SimContext context, Runnable critical, long since) {
    }

    private final SimPlatform platform;
    private final String name;
    private final LockKind kind;
    private final ArrayDeque<Waiter> waiters = new ArrayDeque<>();
    private SimContext holder;
    private long heldSince;
    private long acquisitions;
    private long contended;
    private long waitNs;
    private long holdNs;
    private long handoffNs;
    private int maxWaiters;
    private long kicks;
    private long holderPreemptions;

    SimLock(SimPlatform platform, String name, LockKind kind) {
        this.platform = platform;
        this.name = Objects.requireNonNull(name, "name");
        this.kind = Objects.requireNonNull(kind, "kind");
    }

    @Override
    public void acquire(ExecutionContext context, Runnable critical) {
        SimContext c = platform.context(context);
        RuntimeChecks.requireAcquirable(this, c, platform.current() == c,
                holder == c || c.awaits(this), critical);
        acquisitions++;
        if (holder == null) {
            holder = c;
            heldSince = platform.nanoTime();
            c.lockTaken(this);
            c.andThen(platform.costs().get(Cost.LOCK_UNCONTENDED), critical);
            return;
        }
        contended++;
        waiters.add(new Waiter(c, critical, platform.nanoTime()));
        maxWaiters = Math.max(maxWaiters, waiters.size());
        c.awaitLock(this);
    }

    @Override
    public void release(ExecutionContext context) {
        SimContext c = platform.context(context);
        RuntimeChecks.requireHolder(this, c, holder);
        long now = platform.nanoTime();
        holdNs += now - heldSince;
        c.lockReleased(this);
        Waiter next = waiters.poll();
        if (next == null) {
            holder = null;
            return;
        }
        holder = next.context();
        long handoff = handoffCost(spinningWaiters(), next.context().kind() == ContextKind.VCPU);
        handoffNs += handoff;
        if (next.context().halted()) {
            // The next waiter's vCPU halted: the unlocker kicks it (KVM_HC_KICK_CPU), a VM exit it pays.
            kicks++;
            if (platform.current() == c) {
                c.charge(platform.costs().get(Cost.PV_KICK));
            }
        }
        platform.kernel().schedule(handoff, () -> {
            long t = platform.nanoTime();
            waitNs += t - next.since();
            heldSince = t;
            next.context().grantLock(this, next.critical());
        });
    }

    /** The host scheduler preempted {@code context}: counts a lock-holder preemption if it holds this spinlock. */
    void preempted(SimContext context) {
        if (holder == context && kind.spins()) {
            holderPreemptions++;
        }
    }

    /** Waiters still polling the lock's line: every waiter but the halted ones. */
    private int spinningWaiters() {
        int n = 0;
        for (Waiter w : waiters) {
            if (!w.context().halted()) {
                n++;
            }
        }
        return n;
    }

    /**
     * How long {@code waiter} spins before it halts, or 0 if it spins until its turn: the paravirt threshold
     * for a vCPU waiting for a spinlock (ticket or queued) when {@code pv_spin_threshold} is not 0, else 0.
     */
    long paravirtSpinThreshold(SimContext waiter) {
        return kind.spins() && waiter.kind() == ContextKind.VCPU
                ? platform.costs().get(Cost.PV_SPIN_THRESHOLD) : 0;
    }

    /** Time for the lock to reach the next owner while {@code stillWaiting} others keep spinning. */
    private long handoffCost(int stillWaiting, boolean inGuest) {
        long base = platform.costs().get(Cost.LOCK_HANDOFF);
        return switch (kind) {
            case TICKET -> base + stillWaiting
                    * platform.costs().get(inGuest ? Cost.TICKET_PER_WAITER : Cost.TICKET_PER_WAITER_HOST);
            case MCS -> base;
            case MUTEX -> base;
        };
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public LockKind kind() {
        return kind;
    }

    /** The name of the context holding the lock, or null. */
    public String holderName() {
        return holder == null ? null : holder.name();
    }

    /** Number of contexts waiting now. */
    public int waiting() {
        return waiters.size();
    }

    @Override
    public Statistics statistics() {
        return Statistics.builder(COUNTERS_WITH_KICKS)
                .put(ACQUISITIONS, acquisitions)
                .put(CONTENDED, contended)
                .put(WAIT_NS, waitNs)
                .put(HOLD_NS, holdNs)
                .put(HANDOFF_NS, handoffNs)
                .put(MAX_WAITERS, maxWaiters)
                .put(KICKS, kicks)
                .put(HOLDER_PREEMPTIONS, holderPreemptions)
                .build();
    }
}
