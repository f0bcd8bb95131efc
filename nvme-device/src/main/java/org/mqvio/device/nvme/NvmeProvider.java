package org.mqvio.device.nvme;

import java.util.List;
import org.mqvio.api.device.StorageDevice;
import org.mqvio.api.spi.DeviceSetup;
import org.mqvio.api.spi.ParameterSpec;
import org.mqvio.api.spi.StorageDeviceProvider;

/** Provider {@code nvme}: a multi-queue NVMe controller, by default in null_blk's completion modes. */
public final class NvmeProvider implements StorageDeviceProvider {
    static final String QUEUES = "nvme.queues";
    static final String QUEUE_DEPTH = "nvme.queue_depth";
    static final String COMPLETION = "nvme.completion";
    static final String COMPLETION_NSEC = "nvme.completion_nsec";
    static final String CAPACITY = "nvme.capacity_sectors";
    /** The most I/O queue pairs an NVMe controller can have (16-bit queue ids, minus the admin queue). */
    static final int MAX_QUEUES = 65535;

    @Override
    public String name() {
        return "nvme";
    }

    @Override
    public String description() {
        return "multi-queue NVMe controller: I/O queue pairs with a depth each, one interrupt vector per queue";
    }

    @Override
    public List<ParameterSpec> parameters() {
        return List.of(
                ParameterSpec.ofInt(QUEUES, 0, 0, MAX_QUEUES, "I/O queue pairs; 0 gives one per host CPU"),
                ParameterSpec.ofInt(QUEUE_DEPTH, 1024, 2, 65536, "entries per I/O queue"),
                ParameterSpec.ofChoice(COMPLETION, "none", List.of("none", "timer"),
                        "none completes in the submitting context (null_blk irqmode 0); timer after completion_nsec through the queue's interrupt (irqmode 2)"),
                ParameterSpec.ofLong(COMPLETION_NSEC, -1, -1, 10_000_000_000L,
                        "timer mode service time in ns; -1 uses cost.device_timer"),
                ParameterSpec.ofLong(CAPACITY, 1L << 31, 1, Long.MAX_VALUE / 512, "capacity in 512-byte sectors"));
    }

    @Override
    public StorageDevice create(DeviceSetup setup) {
        var p = setup.parameters();
        int queues = p.getInt(QUEUES) == 0 ? setup.hostCpus() : p.getInt(QUEUES);
        CompletionMode mode = CompletionMode.valueOf(p.getString(COMPLETION).toUpperCase(java.util.Locale.ROOT));
        return new NvmeController(setup.platform(), setup.hostCpus(), queues, p.getInt(QUEUE_DEPTH), mode,
                p.getLong(COMPLETION_NSEC), p.getLong(CAPACITY));
    }
}
