package org.mqvio.blkmq;

import java.util.ArrayList;
import java.util.List;
import org.mqvio.api.BlockRequest;
import org.mqvio.api.DispatchResult;
import org.mqvio.api.Status;
import org.mqvio.api.block.BlockDriver;
import org.mqvio.api.block.BlockLayer;
import org.mqvio.api.runtime.ContextKind;
import org.mqvio.api.runtime.ContextSpec;
import org.mqvio.api.runtime.ExecutionContext;

/**
 * A driver for the block layers' unit tests: one hardware queue that takes every request and holds it until
 * the test completes it, from an interrupt context; it says whether it honours FUA as told, and keeps a
 * {@link BlockRequest#snapshot} of every request it was given, in order, completed with the status it gave (the
 * layer may reuse a request once the driver completed it). Being given a request it still holds fails.
 */
final class HeldDriver implements BlockDriver {
    private final ManualPlatform platform;
    private final boolean honoursFua;
    private final ExecutionContext irq;
    private final int depth;
    /** Snapshots of the requests given, in order. */
    final List<BlockRequest> given = new ArrayList<>();
    /** The requests held, oldest first, and their snapshots. */
    final List<BlockRequest> held = new ArrayList<>();
    private final List<BlockRequest> heldAsGiven = new ArrayList<>();
    /** When each request was given and when it was completed (by snapshot), on one counter shared with the test. */
    final java.util.Map<BlockRequest, Long> givenAt = new java.util.IdentityHashMap<>();
    final java.util.Map<BlockRequest, Long> doneAt = new java.util.IdentityHashMap<>();
    long clock;
    private BlockLayer layer;

    HeldDriver(ManualPlatform platform, boolean honoursFua, int depth) {
        this.platform = platform;
        this.honoursFua = honoursFua;
        this.depth = depth;
        this.irq = platform.newContext(ContextSpec.of("irq", ContextKind.IRQ));
    }

    @Override
    public void bind(BlockLayer blockLayer) {
        layer = blockLayer;
    }

    @Override
    public int hardwareQueues() {
        return 1;
    }

    @Override
    public int queueDepth(int queue) {
        return depth;
    }

    @Override
    public long capacitySectors() {
        return 1L << 20;
    }

    @Override
    public DispatchResult queueRequest(ExecutionContext context, int queue, BlockRequest request, boolean last) {
        for (BlockRequest h : held) {
            if (h == request) {
                throw new AssertionError("given " + request + " while it still holds it");
            }
        }
        BlockRequest copy = request.snapshot();
        given.add(copy);
        held.add(request);
        heldAsGiven.add(copy);
        givenAt.put(copy, ++clock);
        return DispatchResult.OK;
    }

    @Override
    public void commit(ExecutionContext context, int queue) {
    }

    @Override
    public boolean honoursFua() {
        return honoursFua;
    }

    /**
     * Completes the {@code index}-th held request with {@code status} on the interrupt context, and runs; returns
     * its snapshot, completed with that status.
     */
    BlockRequest complete(int index, Status status) {
        BlockRequest r = held.remove(index);
        BlockRequest copy = heldAsGiven.remove(index);
        irq.post(0, () -> {
            doneAt.put(copy, ++clock);
            copy.complete(irq, status, platform.nanoTime());
            layer.complete(irq, r, status);
        });
        platform.runUntilIdle();
        return copy;
    }
}
