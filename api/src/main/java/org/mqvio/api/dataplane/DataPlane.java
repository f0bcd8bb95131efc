package org.mqvio.api.dataplane;

import java.util.List;
import java.util.Optional;
import org.mqvio.api.block.BlockDriver;
import org.mqvio.api.block.BlockLayer;
import org.mqvio.api.runtime.ExecutionContext;
import org.mqvio.api.stats.Statistics;
import org.mqvio.api.virtio.IoThread;
import org.mqvio.api.virtio.Virtqueue;

/**
 * A virtio-blk data plane: the guest front-end that the guest block layer dispatches to, the virtqueues,
 * and the IoThreads that submit to the host block layer.
 *
 * <p>Life cycle: created by its provider; the stack then creates the host block layer with
 * {@link #hostSubmitters()} and calls {@link #connect} once; then, for a virtualized data plane, the guest block
 * layer is created over {@link #guestDriver()}. Every request the guest driver takes is completed exactly once.
 */
public interface DataPlane {

    /**
     * The guest-side driver, whose hardware queues are the virtqueues: present exactly when the provider is
     * {@link org.mqvio.api.spi.DataPlaneProvider#virtualized() virtualized}, empty for a data plane with no guest
     * (the jobs then submit straight to the host block layer).
     */
    Optional<BlockDriver> guestDriver();

    /** The host contexts that submit to the host block layer, indexed as the host block layer's CPUs. */
    List<ExecutionContext> hostSubmitters();

    /** Connects the data plane's back-end to the host block layer. Called once, before any I/O. */
    void connect(BlockLayer hostBlockLayer);

    /** The virtqueues, in index order. */
    List<? extends Virtqueue<?>> virtqueues();

    /** The IoThreads. */
    List<? extends IoThread> ioThreads();

    /** Statistics of the data plane as a whole (kicks, interrupts, ...). */
    Statistics statistics();
}
