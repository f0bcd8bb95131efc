package org.mqvio.dataplane.baseline.virtio;

import java.util.Arrays;
import java.util.List;

/**
 * The shape of a virtio-blk data plane: how many virtqueues and IoThreads, which IoThread serves each
 * queue, and which vCPU each queue interrupts. The baseline is one queue, one thread, one vector; the
 * papers' design a queue, a thread and a vector per vCPU; QEMU 9's {@code iothread-vq-mapping} anything
 * in between.
 */
public record DataPlaneLayout(int queues, int ioThreads, int[] queueToThread, int[] queueToVcpu, List<String> threadNames,
                              PollOptions poll) {
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
        java.util.Objects.requireNonNull(poll, "poll");
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
        return new DataPlaneLayout(1, 1, new int[] {0}, new int[] {irqVcpu}, List.of("iothread0"), PollOptions.NONE);
    }

    /** {@code queues} queues spread round-robin over {@code threads} IoThreads; queue i interrupts vCPU i mod vcpus. */
    public static DataPlaneLayout roundRobin(int queues, int threads, int vcpus, PollOptions poll) {
        int[] toThread = new int[queues];
        int[] toVcpu = new int[queues];
        for (int q = 0; q < queues; q++) {
            toThread[q] = q % threads;
            toVcpu[q] = q % vcpus;
        }
        List<String> names = new java.util.ArrayList<>();
        for (int t = 0; t < threads; t++) {
            names.add("iothread" + t);
        }
        return new DataPlaneLayout(queues, threads, toThread, toVcpu, names, poll);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof DataPlaneLayout l && l.queues == queues && l.ioThreads == ioThreads
                && Arrays.equals(l.queueToThread, queueToThread) && Arrays.equals(l.queueToVcpu, queueToVcpu)
                && l.threadNames.equals(threadNames) && l.poll.equals(poll);
    }

    @Override
    public int hashCode() {
        return 31 * (31 * queues + ioThreads) + Arrays.hashCode(queueToThread) * 7 + Arrays.hashCode(queueToVcpu);
    }

    @Override
    public String toString() {
        return "DataPlaneLayout[queues=" + queues + ", ioThreads=" + ioThreads + ", queueToThread="
                + Arrays.toString(queueToThread) + ", queueToVcpu=" + Arrays.toString(queueToVcpu) + ", threadNames=" + threadNames + ", poll=" + poll + "]";
    }
}
