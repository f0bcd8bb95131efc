package org.mqvio.device.nvme;

import java.util.List;
import org.mqvio.api.device.StorageDevice;
import org.mqvio.api.spi.DeviceSetup;
import org.mqvio.api.spi.ParameterSpec;
import org.mqvio.api.spi.StorageDeviceProvider;

/**
 * Provider {@code nvme}: a multi-queue NVMe controller model behind Linux's nvme driver. An admin queue and
 * I/O queue pairs of 64-byte submission and 16-byte completion entries with phase tags and doorbells; one
 * MSI-X vector per completion queue, pinned to a host CPU, with optional interrupt coalescing; round robin
 * or weighted round robin arbitration; completion modes none and timer (as null_blk's irqmode 0 and 2) and
 * flash (a NAND die and channel model); optional memory-backed storage with a volatile write cache and
 * simulated power loss; bad blocks, injected errors, lost and stalled commands, and a host timeout that
 * aborts. Every knob is a parameter (see {@code mqvio list --verbose}).
 */
public final class NvmeProvider implements StorageDeviceProvider {

    @Override
    public String name() {
        return "nvme";
    }

    @Override
    public String description() {
        return "multi-queue NVMe controller: admin and I/O queue pairs, MSI-X per queue, arbitration, "
                + "completion none|timer|flash, memory-backed, fault injection";
    }

    @Override
    public List<ParameterSpec> parameters() {
        return NvmeParameters.specs();
    }

    /**
     * Creates the device.
     *
     * @throws IllegalArgumentException if the parameters do not make a valid device, saying why
     */
    @Override
    public StorageDevice create(DeviceSetup setup) {
        NvmeConfig config = NvmeConfig.from(setup.parameters(), setup.hostCpus(), setup.platform().costs());
        return new NvmeDriver(setup.platform(), config);
    }
}
