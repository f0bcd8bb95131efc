package org.mqvio.blkmq;

import org.mqvio.api.BlockRequest;

/** The noop elevator of the single-queue layer: one FIFO, tail merges, dispatch in insertion order. */
final class NoopScheduler implements Scheduler {
    private final FifoQueue fifo;

    NoopScheduler(Merging merging) {
        this.fifo = new FifoQueue(merging);
    }

    @Override
    public boolean merge(BlockRequest bio, int cpu) {
        return fifo.merge(bio);
    }

    @Override
    public void insert(LayerRequest request, long nowNs) {
        request.insertedNs = nowNs;
        fifo.add(request);
    }

    @Override
    public LayerRequest next(long nowNs) {
        return fifo.poll();
    }

    @Override
    public int size() {
        return fifo.size();
    }

    @Override
    public int someCpu() {
        LayerRequest head = fifo.peek();
        return head == null ? -1 : head.cpu();
    }
}
