package org.mqvio.api.runtime;

import java.util.Objects;

/**
 * {@link Platform#newTimer}'s default: a {@link Timer} over {@link Platform#schedule}, one scheduled action per
 * arming that runs the timer's action only if it is still the timer's current arming. Correct on any platform;
 * allocates per arming (a runtime that cares overrides {@code newTimer}).
 */
final class ScheduledTimer implements Timer {
    private final Platform platform;
    private final Runnable action;
    /** Counts armings: a scheduled action runs the timer's only if none came after it. */
    private long arming;
    private boolean armed;

    ScheduledTimer(Platform platform, Runnable action) {
        this.platform = platform;
        this.action = Objects.requireNonNull(action, "action");
    }

    @Override
    public void arm(long delayNs) {
        RuntimeChecks.requireDelay(delayNs);
        long mine;
        synchronized (this) {
            mine = ++arming;
            armed = true;
        }
        platform.schedule(delayNs, () -> fire(mine));
    }

    private void fire(long mine) {
        synchronized (this) {
            if (!armed || mine != arming) {
                return;
            }
            armed = false;
        }
        action.run();
    }

    @Override
    public synchronized boolean cancel() {
        boolean was = armed;
        armed = false;
        return was;
    }

    @Override
    public synchronized boolean isArmed() {
        return armed;
    }
}
