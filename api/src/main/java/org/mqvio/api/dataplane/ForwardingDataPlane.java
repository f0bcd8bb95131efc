package org.mqvio.api.dataplane;

import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.mqvio.api.block.BlockDriver;
import org.mqvio.api.block.BlockLayer;
import org.mqvio.api.runtime.ExecutionContext;
import org.mqvio.api.stats.Statistics;
import org.mqvio.api.virtio.IoThread;
import org.mqvio.api.virtio.Virtqueue;

/**
 * A data plane that passes every call on to another: the base of a design that changes one thing about an
 * existing data plane (its guest driver, what its IoThreads submit to) and overrides only that.
 */
public abstract class ForwardingDataPlane implements DataPlane {
    private final DataPlane delegate;

    /**
     * A data plane that passes every call on to {@code delegate}.
     *
     * @throws NullPointerException if {@code delegate} is null
     */
    protected ForwardingDataPlane(DataPlane delegate) {
        this.delegate = Objects.requireNonNull(delegate, "delegate");
    }

    /** The data plane every call goes on to. */
    protected DataPlane delegate() {
        return delegate;
    }

    @Override
    public Optional<BlockDriver> guestDriver() {
        return delegate.guestDriver();
    }

    @Override
    public List<ExecutionContext> hostSubmitters() {
        return delegate.hostSubmitters();
    }

    @Override
    public void connect(BlockLayer hostBlockLayer) {
        delegate.connect(hostBlockLayer);
    }

    @Override
    public List<? extends Virtqueue<?>> virtqueues() {
        return delegate.virtqueues();
    }

    @Override
    public List<? extends IoThread> ioThreads() {
        return delegate.ioThreads();
    }

    @Override
    public Statistics statistics() {
        return delegate.statistics();
    }
}
