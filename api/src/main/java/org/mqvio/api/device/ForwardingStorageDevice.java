package org.mqvio.api.device;

import org.mqvio.api.block.ForwardingBlockDriver;
import org.mqvio.api.stats.Statistics;

/**
 * A storage device that passes every call on to another (see {@link ForwardingBlockDriver}): the base of a
 * device wrapper that watches or changes one thing, such as the conformance kit's probe or a fault injector.
 */
public abstract class ForwardingStorageDevice extends ForwardingBlockDriver implements StorageDevice {

    /**
     * A device that passes every call on to {@code delegate}.
     *
     * @throws NullPointerException if {@code delegate} is null
     */
    protected ForwardingStorageDevice(StorageDevice delegate) {
        super(delegate);
    }

    @Override
    protected StorageDevice delegate() {
        return (StorageDevice) super.delegate();
    }

    @Override
    public String serial() {
        return delegate().serial();
    }

    @Override
    public Statistics statistics() {
        return delegate().statistics();
    }
}
