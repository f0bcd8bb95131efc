package org.mqvio.harness.live;

import java.util.Objects;
import java.util.concurrent.atomic.AtomicInteger;
import org.mqvio.api.runtime.ExecutionContext;
import org.mqvio.api.runtime.LockKind;
import org.mqvio.api.runtime.PlatformLock;
import org.mqvio.api.runtime.RuntimeChecks;
import org.mqvio.api.stats.Statistics;

/**
 * What every live lock shares: the continuation-style {@link #acquire} (queue at once, wait after the item's
 * action returns, then run the critical section first), owner checks, and the statistics of
 * {@code SimLock} under the same names: {@code acquisitions}, {@code contended}, {@code wait_ns},
 * {@code hold_ns}, {@code handoff_ns} (release to the next owner's grant, measured), {@code max_waiters}.
 *
 * <p>Every statistic except {@code max_waiters} is updated only by the holder while it holds the lock, so
 * plain fields suffice: the lock's own release/acquire edge orders one holder's updates before the next's.
 * The subclass supplies the queue: {@link #enqueue} (null when taken at once), {@link #waitFor} and
 * {@link #handOff}.
 */
abstract class LiveLock implements PlatformLock {
    final LivePlatform platform;
    private final String name;
    private final LockKind kind;
    private final AtomicInteger waiting = new AtomicInteger();
    private volatile LiveContext holder;
    private Object holderToken;
    private long heldSince;
    private long releasedAt;
    private long acquisitions;
    private long contended;
    private long waitNs;
    private long holdNs;
    private long handoffNs;
    private volatile int maxWaiters;

    LiveLock(LivePlatform platform, String name, LockKind kind) {
        this.platform = platform;
        this.name = Objects.requireNonNull(name, "name");
        this.kind = kind;
    }

    /** Joins the lock's queue for {@code c}; returns null if the lock was free and is now held by {@code c}. */
    abstract Object enqueue(LiveContext c);

    /** Waits (spinning or sleeping) until the lock is handed to {@code token}; throws Stopped on shutdown. */
    abstract void waitFor(LiveContext c, Object token);

    /** Releases the lock held through {@code token}, handing it to the next waiter if there is one. */
    abstract void handOff(Object token);

    @Override
    public final void acquire(ExecutionContext context, Runnable critical) {
        LiveContext c = platform.context(context);
        RuntimeChecks.requireAcquirable(this, c, c.isRunningItem(), holder == c || c.awaits(this), critical);
        long since = System.nanoTime();
        Object token = enqueue(c);
        if (token == null) {
            granted(c, null, since, false);
            c.lockTaken();
            c.andThen(0, critical);
            return;
        }
        int w = waiting.incrementAndGet();
        if (w > maxWaiters) {
            maxWaiters = w;
        }
        c.awaitLock(this, token, critical, since);
    }

    /** Called by {@code c} once it holds the lock. */
    final void granted(LiveContext c, Object token, long since, boolean waited) {
        long now = System.nanoTime();
        holder = c;
        holderToken = token;
        heldSince = now;
        acquisitions++;
        if (waited) {
            waiting.decrementAndGet();
            contended++;
            waitNs += now - since;
            if (releasedAt != 0) {
                handoffNs += Math.max(0, now - releasedAt);
            }
        }
    }

    @Override
    public final void release(ExecutionContext context) {
        LiveContext c = platform.context(context);
        RuntimeChecks.requireHolder(this, c, holder);
        long now = System.nanoTime();
        holdNs += now - heldSince;
        releasedAt = now;
        Object token = holderToken;
        holderToken = null;
        holder = null;
        c.lockReleased();
        handOff(token);
    }

    @Override
    public final String name() {
        return name;
    }

    @Override
    public final LockKind kind() {
        return kind;
    }

    /** The context holding the lock now, or null. */
    final LiveContext holder() {
        return holder;
    }

    @Override
    public Statistics statistics() {
        return Statistics.builder(COUNTERS)
                .put(ACQUISITIONS, acquisitions)
                .put(CONTENDED, contended)
                .put(WAIT_NS, waitNs)
                .put(HOLD_NS, holdNs)
                .put(HANDOFF_NS, handoffNs)
                .put(MAX_WAITERS, maxWaiters)
                .build();
    }

    /**
     * Spin-wait bookkeeping, every 1024 spins: leave if the platform stops, and yield the core, as a vCPU's
     * pause-loop exiting does, so that a holder preempted on an oversubscribed machine gets to run.
     */
    static void checkStop(LiveContext c, int spins) {
        if ((spins & 0x3FF) == 0) {
            if (c.stopRequested()) {
                throw new LiveContext.Stopped();
            }
            Thread.yield();
        }
    }
}
