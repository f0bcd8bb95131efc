package org.mqvio.dataplane.mq;

import java.util.IdentityHashMap;
import java.util.Map;
import java.util.Optional;
import org.mqvio.api.cost.Cost;
import org.mqvio.api.runtime.NotifierKind;
import org.mqvio.api.runtime.NotifierSpec;
import org.mqvio.api.runtime.Platform;
import org.mqvio.api.virtio.Virtqueue;
import org.mqvio.virtio.blk.backend.VirtioBlkIoThread;
import org.mqvio.virtio.blk.dataplane.IdlePolicy;
import org.mqvio.virtio.blk.frontend.KicklessPublishListener;

/**
 * IoThreads that poll before they sleep ({@code mq.poll=adaptive} or {@code always}): each gets a
 * {@link PollingIdle}, and each queue a {@link PollDoorbell} (a {@code poll-vqN} notifier costing
 * {@code cost.poll_latency}) through which the guest's kickless publishes reach the polling thread.
 */
final class Polling implements IdlePolicy {
    private final Platform platform;
    private final PollOptions options;
    private final Map<VirtioBlkIoThread, PollingIdle> idles = new IdentityHashMap<>();

    Polling(Platform platform, PollOptions options) {
        this.platform = platform;
        this.options = options;
    }

    @Override
    public void threadCreated(VirtioBlkIoThread thread) {
        PollingIdle idle = new PollingIdle(thread, platform, options);
        idles.put(thread, idle);
        thread.setIdle(idle);
    }

    @Override
    public Optional<KicklessPublishListener> queueServed(int queue, Virtqueue<?> vq, VirtioBlkIoThread thread) {
        PollDoorbell doorbell = new PollDoorbell(platform.newNotifier(new NotifierSpec("poll-vq" + queue,
                NotifierKind.KICK, 0, platform.costs().get(Cost.POLL_LATENCY), 0), thread.context(), thread::doWork));
        idles.get(thread).serve(vq, doorbell);
        return Optional.of(doorbell);
    }
}
