package org.mqvio.api.spi;

import org.mqvio.api.dataplane.DataPlane;

/** Creates a virtio-blk {@link DataPlane} (for example {@code baseline} or {@code mq}). */
public interface DataPlaneProvider extends Provider {
    /**
     * Whether the jobs run in a guest (vCPUs, a guest block layer over {@link DataPlane#guestDriver()}) or
     * natively on host CPUs that submit straight to the host block layer (a reference without
     * virtualization). Default: virtualized.
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
