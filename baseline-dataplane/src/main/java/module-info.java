/**
 * The virtio split ring, virtio-blk front-end and back-end, and QEMU 2.1's data plane: one virtqueue and
 * one IoThread shared by every vCPU. Exports the reusable virtio package (the multi-queue data plane builds
 * on it); the provider lives in a package that is not exported.
 */
module org.mqvio.dataplane.baseline {
    requires transitive org.mqvio.api;
    requires org.slf4j;

    exports org.mqvio.dataplane.baseline.virtio;

    provides org.mqvio.api.spi.DataPlaneProvider with org.mqvio.dataplane.baseline.BaselineProvider;
}
