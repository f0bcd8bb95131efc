package org.mqvio.example.lossy;

import java.util.Optional;
import java.util.function.UnaryOperator;
import org.mqvio.api.block.BlockDriver;
import org.mqvio.api.dataplane.DataPlane;
import org.mqvio.api.dataplane.ForwardingDataPlane;

/**
 * A data plane that is {@code inner} in every respect but its guest driver: how this module's wrong-on-purpose
 * designs put a faulty driver in front of the real virtio-blk one.
 */
final class GuestDriverSwap extends ForwardingDataPlane {
    private final Optional<BlockDriver> guestDriver;

    /**
     * @param inner the data plane that does the work
     * @param swap  given {@code inner}'s guest driver, the driver the guest block layer dispatches to instead
     */
    GuestDriverSwap(DataPlane inner, UnaryOperator<BlockDriver> swap) {
        super(inner);
        this.guestDriver = inner.guestDriver().map(swap);
    }

    @Override
    public Optional<BlockDriver> guestDriver() {
        return guestDriver;
    }
}
