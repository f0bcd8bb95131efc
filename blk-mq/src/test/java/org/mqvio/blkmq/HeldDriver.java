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
 * the test completes it, from an interrupt context; it says whether it honours FUA as told, and keeps every
 * request it was given, in order.
 */
final class HeldDriver implements BlockDriver {
    private final ManualPlatform platform;
    private final boolean honoursFua;
    private final ExecutionContext irq;
    private final int depth;
    final List<BlockRequest> given = new ArrayList<>();
    final List<BlockRequest> held = new ArrayList<>();
    /** When each request was given and when it was completed, on one counter shared with the test. */
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
        given.add(request);
        held.add(request);
        givenAt.put(request, ++clock);
        return DispatchResult.OK;
    }

    @Override
    public void commit(ExecutionContext context, int queue) {
    }

    @Override
    public boolean honoursFua() {
        return honoursFua;
    }

    /** Completes the {@code index}-th held request with {@code status} on the interrupt context, and runs. */
    BlockRequest complete(int index, Status status) {
        BlockRequest r = held.remove(index);
        irq.post(0, () -> {
            doneAt.put(r, ++clock);
            layer.complete(irq, r, status);
        });
        platform.runUntilIdle();
        return r;
    }
}
