package org.mqvio.example.lossy;

import org.mqvio.api.BlockRequest;
import org.mqvio.api.DispatchResult;
import org.mqvio.api.block.BlockDriver;
import org.mqvio.api.block.BlockLayer;
import org.mqvio.api.runtime.ExecutionContext;

/**
 * A guest driver that passes every call on to the real one: the base of this module's wrong-on-purpose drivers,
 * each of which overrides the one thing it gets wrong.
 */
abstract class ForwardingDriver implements BlockDriver {
    /** The real driver. */
    protected final BlockDriver driver;

    ForwardingDriver(BlockDriver driver) {
        this.driver = driver;
    }

    @Override
    public void bind(BlockLayer blockLayer) {
        driver.bind(blockLayer);
    }

    @Override
    public int hardwareQueues() {
        return driver.hardwareQueues();
    }

    @Override
    public boolean honoursFua() {
        return driver.honoursFua();
    }

    @Override
    public int queueDepth(int queue) {
        return driver.queueDepth(queue);
    }

    @Override
    public long capacitySectors() {
        return driver.capacitySectors();
    }

    @Override
    public DispatchResult queueRequest(ExecutionContext context, int queue, BlockRequest request, boolean last) {
        return driver.queueRequest(context, queue, request, last);
    }

    @Override
    public void commit(ExecutionContext context, int queue) {
        driver.commit(context, queue);
    }
}
