package org.mqvio.api.spi;

import org.mqvio.api.dataplane.DataPlane;

/** Creates a virtio-blk {@link DataPlane} (for example {@code baseline} or {@code mq}). */
public interface DataPlaneProvider extends Provider {
    /**
     * Whether the jobs run in a guest (vCPUs, a guest block layer over the driver
     * {@link DataPlane#guestDriver()} gives) or natively on host CPUs that submit straight to the host block
     * layer (a reference without virtualization, whose data plane has no guest driver). Default: virtualized.
     */
    default boolean virtualized() {
        return true;
    }

    /**
     * Creates the data plane for the given vCPUs.
     *
     * @throws IllegalArgumentException if the parameters do not make a valid data plane, saying why
     */
    DataPlane create(DataPlaneSetup setup);
}
