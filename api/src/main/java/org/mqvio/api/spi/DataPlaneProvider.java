package org.mqvio.api.spi;

import org.mqvio.api.dataplane.DataPlane;

/** Creates a virtio-blk {@link DataPlane} (for example {@code baseline} or {@code mq}). */
public interface DataPlaneProvider extends Provider {
    /**
     * Creates the data plane for the given vCPUs.
     *
     * @throws IllegalArgumentException if the parameters do not make a valid data plane, saying why
     */
    DataPlane create(DataPlaneSetup setup);
}
