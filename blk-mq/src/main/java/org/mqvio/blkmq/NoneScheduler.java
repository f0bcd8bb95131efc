package org.mqvio.blkmq;

import java.util.List;
import org.mqvio.api.BlockRequest;

/**
 * blk-mq without an I/O scheduler ({@code none}): requests wait in the software staging queues of the CPUs
 * mapped to this hardware queue, one FIFO per CPU, and a bio merges only into its own CPU's queue. Dispatch
 * takes the oldest head across those queues (by insertion sequence), so requests reach the hardware queue in
 * the order they entered it, whichever CPU they came from.
 */
final class NoneScheduler implements Scheduler {
    private final FifoQueue[] softwareQueues;
    private final int[] cpus;
    private int size;

    /**
     * @param softwareQueues every CPU's software queue, indexed by CPU
     * @param cpus           the CPUs mapped to this hardware queue
     */
    NoneScheduler(FifoQueue[] softwareQueues, List<Integer> cpus) {
        this.softwareQueues = softwareQueues;
        this.cpus = cpus.stream().mapToInt(Integer::intValue).toArray();
    }

    @Override
    public boolean merge(BlockRequest bio, int cpu) {
        return softwareQueues[cpu].merge(bio);
    }

    @Override
    public void insert(LayerRequest request, long nowNs) {
        request.insertedNs = nowNs;
        softwareQueues[request.cpu()].add(request);
        size++;
    }

    @Override
    public LayerRequest next(long nowNs) {
        FifoQueue oldest = oldest();
        if (oldest == null) {
            return null;
        }
        size--;
        return oldest.poll();
    }

    /** The software queue whose head entered first, or null when all are empty. */
    private FifoQueue oldest() {
        FifoQueue oldest = null;
        long oldestSeq = Long.MAX_VALUE;
        for (int cpu : cpus) {
            LayerRequest head = softwareQueues[cpu].peek();
            if (head != null && head.seq < oldestSeq) {
                oldest = softwareQueues[cpu];
                oldestSeq = head.seq;
            }
        }
        return oldest;
    }

    @Override
    public int size() {
        return size;
    }

    /** The CPU of the oldest waiting request. */
    @Override
    public int someCpu() {
        FifoQueue oldest = oldest();
        return oldest == null ? -1 : oldest.peek().cpu();
    }
}
