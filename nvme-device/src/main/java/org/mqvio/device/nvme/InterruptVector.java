package org.mqvio.device.nvme;

import org.mqvio.api.runtime.Notifier;
import org.mqvio.api.runtime.Platform;
import org.mqvio.api.runtime.Timer;

/**
 * One MSI-X vector of the controller, with interrupt coalescing (NVM Express Base 2.0, section 5.27.1.5,
 * feature 08h). Without coalescing, every completion entry posted to the vector's completion queue raises
 * the interrupt (signals that arrive while one is pending merge, as a real MSI does). With an aggregation
 * threshold {@code > 1} and an aggregation time {@code > 0}, the vector raises its interrupt when that
 * many entries have been posted since the last one, or when the aggregation time has passed since the
 * first of them, whichever comes first.
 *
 * <p>Runs in device time (timers) and in the doorbell writes that complete commands inline; the interrupt
 * is signalled with no sender, as device time.
 */
final class InterruptVector {
    private final Platform platform;
    private final Notifier notifier;
    private final int threshold;
    private final long timeNs;
    private int pending;
    /** The aggregation time's timer, made once and armed by the first entry of each aggregation. */
    private final Timer timer;
    private long interrupts;

    /**
     * @param threshold aggregation threshold in entries; {@code <= 1} with {@code timeNs == 0} is no coalescing
     * @param timeNs    aggregation time
     */
    InterruptVector(Platform platform, Notifier notifier, int threshold, long timeNs) {
        if ((threshold > 1) != (timeNs > 0)) {
            throw new IllegalArgumentException("interrupt coalescing needs both an aggregation threshold > 1 and an "
                    + "aggregation time > 0 (was threshold=" + threshold + ", time=" + timeNs + " ns)");
        }
        this.platform = platform;
        this.notifier = notifier;
        this.threshold = threshold;
        this.timeNs = timeNs;
        this.timer = platform.newTimer(this::aggregationTimeElapsed);
    }

    /** A completion entry was posted to this vector's queue. */
    void posted() {
        if (timeNs == 0) {
            raise();
            return;
        }
        if (++pending >= threshold) {
            raise();
        } else if (!timer.isArmed()) {
            timer.arm(timeNs);
        }
    }

    /** Interrupts raised. */
    long interrupts() {
        return interrupts;
    }

    private void aggregationTimeElapsed() {
        if (pending > 0) {
            raise();
        }
    }

    private void raise() {
        pending = 0;
        timer.cancel();
        interrupts++;
        notifier.signal(null);
    }
}
