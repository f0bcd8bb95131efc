package org.mqvio.virtio.blk.backend;

import org.mqvio.api.runtime.Notifier;
import org.mqvio.api.virtio.Virtqueue;
import org.mqvio.virtio.ring.SharedLines;

/**
 * A virtqueue an IoThread serves, with the guest interrupt it raises, its cache lines shared with the guest, and
 * the device's state of each chain in flight, indexed by the chain's head ({@link ParsedRequest}). Touched only
 * on the serving thread.
 */
final class ServedQueue {
    private final Virtqueue<?> vq;
    private final Notifier irq;
    private final SharedLines lines;
    /** Per head descriptor, its request state; made on the head's first pop. */
    private final ParsedRequest[] byHead;
    /** Whether the pass being reaped pushed to this queue already (it is then on the pass's list to notify). */
    boolean touched;

    ServedQueue(Virtqueue<?> vq, Notifier irq, SharedLines lines) {
        this.vq = vq;
        this.irq = irq;
        this.lines = lines;
        this.byHead = new ParsedRequest[vq.size()];
    }

    Virtqueue<?> vq() {
        return vq;
    }

    Notifier irq() {
        return irq;
    }

    SharedLines lines() {
        return lines;
    }

    /**
     * The request state of the chain {@code head} that {@code thread} just popped from this queue.
     *
     * @throws IllegalArgumentException if the queue has no such head (the ring checks heads: never, for a split ring)
     */
    ParsedRequest requestFor(VirtioBlkIoThread thread, int head) {
        if (head < 0 || head >= byHead.length) {
            throw new IllegalArgumentException("head " + head + " is outside the queue's " + byHead.length + " descriptors");
        }
        ParsedRequest p = byHead[head];
        if (p == null) {
            p = new ParsedRequest(thread, this, head);
            byHead[head] = p;
        }
        return p;
    }

    /** Marks the queue broken by a malformed virtio-blk request: it serves nothing more. */
    void breakWith(String reason) {
        vq.breakWith(reason);
    }

    boolean broken() {
        return vq.brokenReason().isPresent();
    }
}
