package org.mqvio.virtio.blk.frontend;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.BiConsumer;
import org.mqvio.api.BlockRequest;
import org.mqvio.api.Operation;
import org.mqvio.api.Status;
import org.mqvio.api.block.BlockLayer;
import org.mqvio.api.runtime.ContextKind;
import org.mqvio.api.runtime.ExecutionContext;
import org.mqvio.api.runtime.LockKind;
import org.mqvio.api.runtime.NotifierKind;
import org.mqvio.api.runtime.Platform;
import org.mqvio.api.runtime.PlatformLock;
import org.mqvio.api.stats.CounterSet;
import org.mqvio.api.stats.Statistics;
import org.mqvio.api.virtio.DescriptorChain;
import org.mqvio.virtio.blk.VirtioBlkProtocol;
import org.mqvio.virtio.blk.ZeroCostPlatform;
import org.mqvio.virtio.ring.RingFeature;
import org.mqvio.virtio.ring.RingFeatures;
import org.mqvio.virtio.ring.SparseGuestMemory;
import org.mqvio.virtio.ring.SplitVirtqueue;

/**
 * One {@link VirtioBlkFrontend} queue over a real split ring, driven by hand: every item runs at once on the
 * calling thread, the lock runs waiters in turn, and the test plays the device (pop, serve, push, interrupt) in
 * whatever order it likes. The device's answer for a read of sector {@code s} is {@link #pattern}{@code (s)} in
 * every byte, with status OK for an even sector and IOERR for an odd one, so a completion handed to the wrong
 * request shows.
 */
final class FrontendRig {
    private static final long SLOTS_BASE = 1L << 20;

    final SparseGuestMemory memory = new SparseGuestMemory(64L << 20);
    final SplitVirtqueue<VirtioBlkFrontend.Chain> vq;
    final RequestSlots slots;
    final VirtioBlkFrontend frontend;
    /** The guest's contexts: the interrupt targets the first. */
    final List<ExecutionContext> vcpus = List.of(vcpu("vcpu0"), vcpu("vcpu1"));
    /** Every completion, in order. */
    final List<BlockRequest> completed = new ArrayList<>();
    /** Called for each completion, inside the completion handler (a block layer that runs its queue then). */
    BiConsumer<ExecutionContext, BlockRequest> onComplete = (c, r) -> { };
    private final DescriptorChain chain = new DescriptorChain();
    private final List<int[]> popped = new ArrayList<>();
    private long nextId;

    /** A queue of {@code size} entries with indirect descriptors (one ring descriptor per request). */
    FrontendRig(int size) {
        Platform platform = new ZeroCostPlatform(false);
        RingFeatures features = RingFeatures.of(RingFeature.INDIRECT_DESC);
        vq = new SplitVirtqueue<>(0, memory, 0x1000, size, features);
        slots = new RequestSlots(SLOTS_BASE, size);
        frontend = new VirtioBlkFrontend(platform, memory, () -> 1L << 30);
        frontend.addQueue(vq, new TurnLock(), slots, features, false);
        frontend.setKick(0, new ZeroCostPlatform.Signal("kick", NotifierKind.KICK));
        frontend.bind(new Layer());
    }

    /** The byte every byte of a read of {@code sector} holds. */
    static byte pattern(long sector) {
        return (byte) (sector * 37 + 11);
    }

    /** The status the device gives a request of {@code sector}. */
    static Status statusFor(long sector) {
        return sector % 2 == 0 ? Status.OK : Status.IO_ERROR;
    }

    /** A 4 KiB read of {@code sector} that carries its data, dispatched on {@code vcpu}; returns the answer. */
    BlockRequest read(ExecutionContext vcpu, long sector, boolean last, List<String> answers) {
        BlockRequest r = BlockRequest.builder(Operation.READ).id(nextId++).sector(sector).length(4096)
                .data(new byte[4096]).completion((c, done) -> { }).build();
        answers.add(frontend.queueRequest(vcpu, 0, r, last).name());
        return r;
    }

    /** The device pops every chain available, remembering each (head, sector) to serve later. */
    void popAll() {
        while (vq.pop(chain)) {
            long sector = memory.readU64(chain.address(0) + VirtioBlkProtocol.HEADER_SECTOR_OFFSET);
            popped.add(new int[] {chain.head(), (int) sector});
            byte[] data = new byte[chain.length(1)];
            Arrays.fill(data, pattern(sector));
            memory.write(chain.address(1), data, 0, data.length);
            memory.writeU8(chain.address(2), VirtioBlkProtocol.statusByte(statusFor(sector)));
        }
    }

    /** The device pushes the popped chain of {@code sector} (served when popped), without interrupting. */
    void push(long sector) {
        for (int i = 0; i < popped.size(); i++) {
            if (popped.get(i)[1] == sector) {
                vq.push(popped.remove(i)[0], 4096 + 1);
                return;
            }
        }
        throw new IllegalStateException("sector " + sector + " is not popped and unpushed");
    }

    /** The queue's interrupt on the first vCPU. */
    void interrupt() {
        frontend.interrupt(vcpus.get(0), 0);
    }

    private final class Layer implements BlockLayer {
        @Override
        public void submit(ExecutionContext context, BlockRequest request) {
            throw new UnsupportedOperationException();
        }

        @Override
        public void complete(ExecutionContext context, BlockRequest request, Status status) {
            request.complete(context, status, 0);
            completed.add(request);
            onComplete.accept(context, request);
        }

        @Override
        public void restart(ExecutionContext context, int queue) {
        }

        @Override
        public long capacitySectors() {
            return 1L << 30;
        }

        @Override
        public Statistics statistics() {
            return Statistics.zeros(CounterSet.of(BlockLayer.SUBMITTED));
        }
    }

    /** A vCPU that runs every item at once. */
    private static ExecutionContext vcpu(String name) {
        return new ZeroCostPlatform.Context(name, ContextKind.VCPU, Runnable::run);
    }

    /** A lock whose waiters run in turn as it is released. */
    private static final class TurnLock implements PlatformLock {
        private final ArrayDeque<Runnable> waiters = new ArrayDeque<>();
        private boolean held;

        @Override
        public void acquire(ExecutionContext context, Runnable critical) {
            if (held) {
                waiters.add(critical);
                return;
            }
            held = true;
            critical.run();
        }

        @Override
        public void release(ExecutionContext context) {
            Runnable next = waiters.poll();
            if (next == null) {
                held = false;
            } else {
                next.run();
            }
        }

        @Override
        public String name() {
            return "vq0";
        }

        @Override
        public LockKind kind() {
            return LockKind.TICKET;
        }

        @Override
        public Statistics statistics() {
            return Statistics.zeros(PlatformLock.COUNTERS);
        }
    }
}
