package org.mqvio.virtio.blk.dataplane;

import java.util.Optional;
import org.mqvio.api.virtio.Virtqueue;
import org.mqvio.virtio.blk.backend.VirtioBlkIoThread;
import org.mqvio.virtio.blk.frontend.KicklessPublishListener;

/**
 * A design's say in how the IoThreads of a {@link VirtioBlkDataPlane} wait for work. The data plane calls
 * {@link #threadCreated} once for each IoThread, then {@link #queueServed} once for each virtqueue, in queue
 * order, after the queue's kick and before its interrupt is created. QEMU 2.1's IoThreads sleep until a kick
 * or a host completion wakes them: {@link #SLEEP}.
 */
public interface IdlePolicy {

    /** Every IoThread sleeps with kicks enabled when out of work; nothing hears publishes without a kick. */
    IdlePolicy SLEEP = new IdlePolicy() {
    };

    /** A new IoThread, serving no queue yet: the policy may give it its own {@code IoThreadIdle}. */
    default void threadCreated(VirtioBlkIoThread thread) {
    }

    /**
     * Virtqueue {@code queue} ({@code vq}) will be served by {@code thread}; returns what the guest front-end
     * tells when it publishes chains on that queue without kicking, if anything is to hear it.
     */
    default Optional<KicklessPublishListener> queueServed(int queue, Virtqueue<?> vq, VirtioBlkIoThread thread) {
        return Optional.empty();
    }
}
