package org.mqvio.example.lossy;

import org.mqvio.api.block.BlockDriver;
import org.mqvio.api.dataplane.DataPlane;
import org.mqvio.api.dataplane.ForwardingDataPlane;

/**
 * A data plane that is {@code inner} in every respect but its guest driver: how this module's wrong-on-purpose
 * designs put a faulty driver in front of the real virtio-blk one.
 */
final class GuestDriverSwap extends ForwardingDataPlane {
    private final BlockDriver guestDriver;

    /**
     * @param inner       the data plane that does the work
     * @param guestDriver the driver the guest block layer dispatches to instead of {@code inner}'s
     */
    GuestDriverSwap(DataPlane inner, BlockDriver guestDriver) {
        super(inner);
        this.guestDriver = guestDriver;
    }

    @Override
    public BlockDriver guestDriver() {
        return guestDriver;
    }
}
