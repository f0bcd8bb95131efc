package org.mqvio.harness.conformance;

/** The kit on the {@code nvme} device. */
class NvmeConformanceTest implements StorageDeviceContract {
    @Override
    public String device() {
        return "nvme";
    }
}
