package org.mqvio.dataplane.mq;

import java.util.concurrent.atomic.LongAdder;
import org.mqvio.api.runtime.ExecutionContext;
import org.mqvio.api.runtime.Notifier;
import org.mqvio.virtio.blk.frontend.KicklessPublishListener;

/**
 * What a polling IoThread sees instead of a kick: while it polls, the device has disabled kicks, and the
 * guest's store of a new available index reaches the poller after one cache-line transfer. The model turns
 * that store into a cost-free signal ({@code cost.poll_latency}) that is sent only while the IoThread is
 * armed (polling); a sleeping thread observes nothing and relies on kicks, which the device re-enables
 * before it sleeps.
 */
final class PollDoorbell implements KicklessPublishListener {
    private final Notifier notifier;
    /** Written by the IoThread, read by every guest vCPU. */
    private volatile boolean armed;
    private final LongAdder rings = new LongAdder();

    PollDoorbell(Notifier notifier) {
        this.notifier = notifier;
    }

    void arm(boolean armed) {
        this.armed = armed;
    }

    /** Called by the guest after it published new chains without kicking. */
    @Override
    public void publishedWithoutKick(ExecutionContext guest) {
        if (armed) {
            rings.increment();
            notifier.signal(guest);
        }
    }

    long rings() {
        return rings.sum();
    }
}
