package org.mqvio.virtio.blk.dataplane;

import java.util.Arrays;
import java.util.List;

/**
 * The shape of a virtio-blk data plane: how many virtqueues and IoThreads, which IoThread serves each
 * queue, and which vCPU each queue interrupts. The baseline is one queue, one thread, one vector
 * ({@link #single}); the papers' design a queue, a thread and a vector per vCPU; QEMU 9's
 * {@code iothread-vq-mapping} anything in between.
 *
 * @param queues        virtqueues, 1 or more
 * @param ioThreads     IoThreads, 1 or more, each serving at least one queue
 * @param queueToThread the IoThread serving each queue
 * @param queueToVcpu   the vCPU each queue's interrupt is delivered to
 * @param threadNames   the IoThreads' names, distinct
 */
public record DataPlaneLayout(int queues, int ioThreads, int[] queueToThread, int[] queueToVcpu, List<String> threadNames) {
    public DataPlaneLayout {
        if (queues < 1 || ioThreads < 1) {
            throw new IllegalArgumentException("a data plane needs >= 1 virtqueue and >= 1 IoThread, got "
                    + queues + " and " + ioThreads);
        }
        if (queueToThread.length != queues || queueToVcpu.length != queues) {
            throw new IllegalArgumentException("mapping arrays must have one entry per virtqueue (" + queues + ")");
        }
        if (threadNames.size() != ioThreads) {
            throw new IllegalArgumentException("need one name per IoThread (" + ioThreads + "), got " + threadNames);
        }
        threadNames = List.copyOf(threadNames);
        if (new java.util.HashSet<>(threadNames).size() != threadNames.size()) {
            throw new IllegalArgumentException("duplicate IoThread name in " + threadNames);
        }
        queueToThread = queueToThread.clone();
        queueToVcpu = queueToVcpu.clone();
        boolean[] used = new boolean[ioThreads];
        for (int t : queueToThread) {
            if (t < 0 || t >= ioThreads) {
                throw new IllegalArgumentException("IoThread " + t + " does not exist; allowed: 0.." + (ioThreads - 1));
            }
            used[t] = true;
        }
        for (int t = 0; t < ioThreads; t++) {
            if (!used[t]) {
                throw new IllegalArgumentException("IoThread " + t + " serves no virtqueue");
            }
        }
    }

    /** One queue, one IoThread, every interrupt to {@code irqVcpu}: QEMU 2.1's data plane. */
    public static DataPlaneLayout single(int irqVcpu) {
        return new DataPlaneLayout(1, 1, new int[] {0}, new int[] {irqVcpu}, List.of("iothread0"));
    }

    /** The IoThread serving each queue (a copy). */
    @Override
    public int[] queueToThread() {
        return queueToThread.clone();
    }

    /** The vCPU each queue interrupts (a copy). */
    @Override
    public int[] queueToVcpu() {
        return queueToVcpu.clone();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof DataPlaneLayout l && l.queues == queues && l.ioThreads == ioThreads
                && Arrays.equals(l.queueToThread, queueToThread) && Arrays.equals(l.queueToVcpu, queueToVcpu)
                && l.threadNames.equals(threadNames);
    }

    @Override
    public int hashCode() {
        return 31 * (31 * queues + ioThreads) + Arrays.hashCode(queueToThread) * 7 + Arrays.hashCode(queueToVcpu);
    }

    @Override
    public String toString() {
        return "DataPlaneLayout[queues=" + queues + ", ioThreads=" + ioThreads + ", queueToThread="
                + Arrays.toString(queueToThread) + ", queueToVcpu=" + Arrays.toString(queueToVcpu) + ", threadNames=" + threadNames + "]";
    }
}
