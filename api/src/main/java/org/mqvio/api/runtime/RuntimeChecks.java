package org.mqvio.api.runtime;

import java.util.Collection;
import java.util.Objects;

/**
 * The argument checks of the runtime contract, for implementations of {@link Platform} (mqvio's simulation and
 * live runtimes, or another): every runtime refuses the same calls, with the exception the contract's Javadoc
 * names and the same message. Component code has no use for it: it is public only because the runtimes live in
 * other modules.
 */
public final class RuntimeChecks {
    private RuntimeChecks() {
    }

    /**
     * A work item's cost ({@link ExecutionContext#post}, {@link ExecutionContext#andThen},
     * {@link ExecutionContext#charge}).
     *
     * @return {@code costNs}
     * @throws IllegalArgumentException if it is negative
     */
    public static long requireCost(long costNs) {
        if (costNs < 0) {
            throw new IllegalArgumentException("cost must be >= 0 ns, was " + costNs);
        }
        return costNs;
    }

    /**
     * A poll window ({@link ExecutionContext#setPollWindow}, {@link ContextSpec}).
     *
     * @return {@code pollNs}
     * @throws IllegalArgumentException if it is negative
     */
    public static long requirePollWindow(long pollNs) {
        if (pollNs < 0) {
            throw new IllegalArgumentException("poll window must be >= 0 ns, was " + pollNs);
        }
        return pollNs;
    }

    /**
     * A timer's delay ({@link Platform#schedule}).
     *
     * @return {@code delayNs}
     * @throws IllegalArgumentException if it is negative
     */
    public static long requireDelay(long delayNs) {
        if (delayNs < 0) {
            throw new IllegalArgumentException("delay must be >= 0 ns, was " + delayNs);
        }
        return delayNs;
    }

    /**
     * A new context's name ({@link Platform#newContext}).
     *
     * @throws IllegalArgumentException if one of {@code existing} already has it
     */
    public static void requireNewName(Collection<? extends ExecutionContext> existing, String name) {
        for (ExecutionContext c : existing) {
            if (c.name().equals(name)) {
                throw new IllegalArgumentException("a context named " + name + " already exists");
            }
        }
    }

    /**
     * What to throw when {@code call} on {@code context} does not come from the item running on it
     * ({@link ExecutionContext#andThen}, {@link ExecutionContext#charge}); {@code caller} says who called.
     */
    public static IllegalStateException notTheRunningItem(String call, ExecutionContext context, String caller) {
        return new IllegalStateException(call + " on " + context.name()
                + " may only be called by the item running on it (caller: " + caller + ")");
    }

    /** What to throw when {@code context} is not one of {@code platform}'s (named for the message). */
    public static IllegalArgumentException notThisPlatforms(ExecutionContext context, String platform) {
        return new IllegalArgumentException("context " + context + " does not belong to " + platform);
    }

    /**
     * The checks of {@link PlatformLock#acquire}: only the item running on {@code context} may call it
     * ({@code runningItem}), {@code critical} is not null, and the lock is not reentrant
     * ({@code holdsOrAwaits}: {@code context} already holds or waits for it).
     *
     * @throws IllegalStateException if not called by the running item, or if reentrant
     * @throws NullPointerException if {@code critical} is null
     */
    public static void requireAcquirable(PlatformLock lock, ExecutionContext context, boolean runningItem,
            boolean holdsOrAwaits, Runnable critical) {
        if (!runningItem) {
            throw new IllegalStateException("lock " + lock.name() + ": acquire for " + context.name()
                    + " must be called by the item running on it");
        }
        Objects.requireNonNull(critical, "critical");
        if (holdsOrAwaits) {
            throw new IllegalStateException("lock " + lock.name() + " is not reentrant: " + context.name()
                    + " already holds or awaits it");
        }
    }

    /**
     * The check of {@link PlatformLock#release}: {@code context} holds the lock ({@code holder} is the
     * holder, or null).
     *
     * @throws IllegalStateException if it does not
     */
    public static void requireHolder(PlatformLock lock, ExecutionContext context, ExecutionContext holder) {
        if (holder != context) {
            throw new IllegalStateException("lock " + lock.name() + " released by " + context.name() + " but held by "
                    + (holder == null ? "nobody" : holder.name()));
        }
    }

    /**
     * What to throw when an item of {@code context}, which already waits for {@code awaited}, asks for
     * {@code wanted} too: one item may wait for one lock at a time ({@link PlatformLock#acquire}).
     */
    public static IllegalStateException secondLockWait(ExecutionContext context, PlatformLock awaited,
            PlatformLock wanted) {
        return new IllegalStateException(context.name() + " already waits for lock " + awaited.name()
                + " and cannot wait for " + wanted.name() + " too: one item may wait for one lock at a time");
    }
}
