package org.mqvio.virtio.blk.backend;

import java.util.List;
import org.mqvio.api.virtio.DescriptorChain;
import org.mqvio.api.virtio.Virtqueue;
import org.mqvio.virtio.ring.DeviceSideBounds;

/**
 * A virtqueue as the back-end sees it, with every {@code pop} measured ({@link DeviceCalls#pop}) and the chains
 * it gave counted per pass, so that a pass taking more than {@link VirtioBlkIoThread#MAX_CHAINS_PER_PASS} from
 * one queue is caught. Pops and passes run on the serving thread alone, which owns the count.
 */
final class MeteredVirtqueue<T> extends ForwardingVirtqueue<T> {
    private final String popName;
    private int chainsThisPass;

    MeteredVirtqueue(Virtqueue<T> vq) {
        super(vq);
        this.popName = "pop of queue " + vq.index();
    }

    /**
     * Runs one pass of a back-end serving {@code queues} ({@code doWork}), measured as a pass
     * ({@link DeviceCalls#pass}), and checks how many chains each queue gave it.
     */
    static void pass(String what, List<MeteredVirtqueue<?>> queues, Runnable doWork) {
        for (MeteredVirtqueue<?> q : queues) {
            q.passStarts();
        }
        DeviceCalls.pass(what, queues.size(), doWork);
        for (MeteredVirtqueue<?> q : queues) {
            q.passEnded(what);
        }
    }

    /** Starts counting the chains this queue gives to a pass. */
    private void passStarts() {
        chainsThisPass = 0;
    }

    /** Records a violation if the queue gave the pass more chains than a pass may take. */
    private void passEnded(String pass) {
        if (chainsThisPass > VirtioBlkIoThread.MAX_CHAINS_PER_PASS) {
            DeviceCalls.violation(pass + " took " + chainsThisPass + " chains from queue " + vq.index() + ", more than "
                    + VirtioBlkIoThread.MAX_CHAINS_PER_PASS);
        }
    }

    @Override
    public boolean pop(DescriptorChain into) {
        boolean popped = DeviceCalls.pop(popName, () -> vq.pop(into),
                () -> vq.brokenReason().map(r -> "(broke: " + r + ")").orElse("(popped)"));
        if (popped) {
            chainsThisPass++;
            DeviceCalls.REQUESTS.incrementAndGet();
            int descriptors = into.descriptors();
            if (descriptors > DeviceSideBounds.MAX_CHAIN) {
                DeviceCalls.violation(popName + " described " + descriptors + " buffers, more than a chain may have");
            }
        }
        return popped;
    }
}
