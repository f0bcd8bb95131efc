package org.mqvio.harness.conformance;

import java.util.concurrent.atomic.AtomicInteger;
import org.mqvio.api.runtime.ExecutionContext;
import org.mqvio.api.runtime.PlatformLock;

/**
 * One context of {@link PlatformContract}'s lock exclusion property: it takes the lock {@code rounds} times,
 * each time holding it across {@code holdItems} items (as components do: take, work, release later), and
 * counts how many contexts are inside at once.
 */
final class LockRounds implements Runnable {
    private final ExecutionContext context;
    private final PlatformLock lock;
    private final int holdItems;
    private final long holdCostNs;
    private final AtomicInteger inside;
    private final AtomicInteger overlaps;
    private final AtomicInteger finished;
    private int roundsLeft;

    LockRounds(ExecutionContext context, PlatformLock lock, int rounds, int holdItems, long holdCostNs,
            AtomicInteger inside, AtomicInteger overlaps, AtomicInteger finished) {
        this.context = context;
        this.lock = lock;
        this.roundsLeft = rounds;
        this.holdItems = holdItems;
        this.holdCostNs = holdCostNs;
        this.inside = inside;
        this.overlaps = overlaps;
        this.finished = finished;
    }

    /** One round: asks for the lock; the rest runs as the critical section's continuation. */
    @Override
    public void run() {
        lock.acquire(context, () -> {
            if (inside.incrementAndGet() != 1) {
                overlaps.incrementAndGet();
            }
            hold(holdItems);
        });
    }

    private void hold(int itemsLeft) {
        if (itemsLeft > 0) {
            context.andThen(holdCostNs, () -> hold(itemsLeft - 1));
            return;
        }
        inside.decrementAndGet();
        lock.release(context);
        if (--roundsLeft > 0) {
            context.post(0, this);
        } else {
            finished.incrementAndGet();
        }
    }
}
