package org.mqvio.example.lossy;

import java.util.List;
import java.util.Map;
import org.mqvio.api.block.BlockDriver;
import org.mqvio.api.block.BlockLayer;
import org.mqvio.api.dataplane.DataPlane;
import org.mqvio.api.runtime.ExecutionContext;
import org.mqvio.api.virtio.IoThread;
import org.mqvio.api.virtio.Virtqueue;

/**
 * A data plane that is {@code inner} in every respect but its guest driver: how this module's wrong-on-purpose
 * designs put a faulty driver in front of the real virtio-blk one.
 *
 * @param inner       the data plane that does the work
 * @param guestDriver the driver the guest block layer dispatches to instead of {@code inner}'s
 */
record GuestDriverSwap(DataPlane inner, BlockDriver guestDriver) implements DataPlane {
    @Override
    public List<ExecutionContext> hostSubmitters() {
        return inner.hostSubmitters();
    }

    @Override
    public void connect(BlockLayer hostBlockLayer) {
        inner.connect(hostBlockLayer);
    }

    @Override
    public List<? extends Virtqueue<?>> virtqueues() {
        return inner.virtqueues();
    }

    @Override
    public List<? extends IoThread> ioThreads() {
        return inner.ioThreads();
    }

    @Override
    public Map<String, Long> statistics() {
        return inner.statistics();
    }
}
