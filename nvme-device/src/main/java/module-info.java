/** A multi-queue NVMe controller model. Exports nothing; provides through ServiceLoader. */
module org.mqvio.device.nvme {
    requires org.mqvio.api;
    requires org.slf4j;

    provides org.mqvio.api.spi.StorageDeviceProvider with org.mqvio.device.nvme.NvmeProvider;
}
