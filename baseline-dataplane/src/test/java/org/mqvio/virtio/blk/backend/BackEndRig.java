package org.mqvio.virtio.blk.backend;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import org.mqvio.api.BlockRequest;
import org.mqvio.api.Status;
import org.mqvio.api.block.BlockLayer;
import org.mqvio.api.runtime.ContextKind;
import org.mqvio.api.runtime.ExecutionContext;
import org.mqvio.api.runtime.Notifier;
import org.mqvio.api.runtime.NotifierKind;
import org.mqvio.api.stats.CounterSet;
import org.mqvio.api.stats.Statistics;
import org.mqvio.api.virtio.GuestBuffer;
import org.mqvio.api.virtio.GuestMemory;
import org.mqvio.virtio.blk.VirtioBlkProtocol;
import org.mqvio.virtio.blk.ZeroCostPlatform;
import org.mqvio.virtio.ring.RingFeatures;
import org.mqvio.virtio.ring.SparseGuestMemory;
import org.mqvio.virtio.ring.SplitVirtqueue;

/**
 * One {@link VirtioBlkIoThread} serving queues in one guest memory, with a host block layer that records what
 * reaches it, and the thread's own posts run only when a test asks: the back-end alone, without a runtime.
 */
final class BackEndRig {
    /** 2 TiB: room for any request, so only the request size check can refuse one. */
    static final long CAPACITY_SECTORS = 1L << 32;

    final GuestMemory memory;
    final VirtioBlkIoThread thread;
    final List<BlockRequest> hostRequests = new ArrayList<>();
    final List<Runnable> posted = new ArrayList<>();
    final List<SplitVirtqueue<Object>> queues = new ArrayList<>();
    /** The queues as the thread sees them, each pop measured; empty unless the rig is metered. */
    private final List<MeteredVirtqueue<?>> metered = new ArrayList<>();
    private final boolean measured;

    BackEndRig(long memoryBytes) {
        this(memoryBytes, false);
    }

    /** As {@link #BackEndRig(long)}; if {@code measured}, every pop and {@link #pass} is measured ({@link DeviceCalls}). */
    BackEndRig(long memoryBytes, boolean measured) {
        this(memoryBytes, measured, false);
    }

    /** As {@link #BackEndRig(long, boolean)}; if {@code merge}, a pass merges adjacent requests (QEMU 2.3+). */
    BackEndRig(long memoryBytes, boolean measured, boolean merge) {
        this.measured = measured;
        memory = new SparseGuestMemory(memoryBytes);
        ExecutionContext context = new ZeroCostPlatform.Context("iothread0", ContextKind.IOTHREAD, posted::add);
        thread = new VirtioBlkIoThread("iothread0", context, new ZeroCostPlatform(true), memory, "serial", merge);
        thread.setCompletionEventfd(signal());
        thread.connect(new Host(hostRequests::add), 0);
    }

    /** A queue of {@code size} descriptors at {@code base}, served by the thread. */
    SplitVirtqueue<Object> serve(long base, int size, RingFeatures features) {
        return serve(base, size, features, 0);
    }

    /** As {@link #serve(long, int, RingFeatures)}, with every ring index starting at {@code initialIndex}. */
    SplitVirtqueue<Object> serve(long base, int size, RingFeatures features, int initialIndex) {
        SplitVirtqueue<Object> vq = new SplitVirtqueue<>(queues.size(), memory, base, size, features, initialIndex);
        if (measured) {
            MeteredVirtqueue<Object> m = new MeteredVirtqueue<>(vq);
            metered.add(m);
            thread.serve(m, signal());
        } else {
            thread.serve(vq, signal());
        }
        queues.add(vq);
        return vq;
    }

    /** One pass of the thread: measured, with the chains each queue gave it counted, if the rig is measured. */
    void pass() {
        if (measured) {
            MeteredVirtqueue.pass("pass", metered, thread::doWork);
        } else {
            thread.doWork();
        }
    }

    /** Writes a virtio-blk header at {@code at}. */
    void header(long at, long type, long sector) {
        memory.writeU32(at, type);
        memory.writeU32(at + 4, 0);
        memory.writeU64(at + VirtioBlkProtocol.HEADER_SECTOR_OFFSET, sector);
    }

    /** Adds and publishes a request: header at {@code header}, then {@code data}, status byte at {@code status}. */
    void add(SplitVirtqueue<Object> vq, long header, List<GuestBuffer> readableData, List<GuestBuffer> writableData,
             long status) {
        List<GuestBuffer> in = new ArrayList<>(List.of(new GuestBuffer(header, VirtioBlkProtocol.HEADER_BYTES)));
        in.addAll(readableData);
        List<GuestBuffer> out = new ArrayList<>(writableData);
        out.add(new GuestBuffer(status, 1));
        if (!vq.add(in, out, "request")) {
            throw new IllegalStateException("no room in " + vq);
        }
        vq.kickPrepare();
    }

    /** Completes every host request with OK, as the host would (read data: zeros). */
    void completeHostRequests() {
        List<BlockRequest> pending = new ArrayList<>(hostRequests);
        hostRequests.clear();
        for (BlockRequest r : pending) {
            r.complete(null, Status.OK, 0);
        }
    }

    /**
     * A host block layer of {@link #CAPACITY_SECTORS} sectors that hands every request it is given to
     * {@code submitted}, which completes it when it likes.
     */
    static final class Host implements BlockLayer {
        private final Consumer<BlockRequest> submitted;

        Host(Consumer<BlockRequest> submitted) {
            this.submitted = submitted;
        }

        @Override
        public void submit(ExecutionContext context, BlockRequest request) {
            submitted.accept(request);
        }

        @Override
        public void complete(ExecutionContext context, BlockRequest request, Status status) {
            request.complete(context, status, 0);
        }

        @Override
        public void restart(ExecutionContext context, int queue) {
        }

        @Override
        public long capacitySectors() {
            return CAPACITY_SECTORS;
        }

        @Override
        public Statistics statistics() {
            return Statistics.zeros(CounterSet.of(BlockLayer.SUBMITTED));
        }
    }

    /** A signal nobody waits for: the rig plays the guest itself. */
    static Notifier signal() {
        return new ZeroCostPlatform.Signal("signal", NotifierKind.EVENTFD);
    }
}
