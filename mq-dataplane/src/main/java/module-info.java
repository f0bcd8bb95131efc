/**
 * The papers' data plane: a virtqueue, a lock, an interrupt vector and an IoThread per vCPU, generalised to
 * M virtqueues on N IoThreads (QEMU 9's {@code iothread-vq-mapping}, with its parser), and IoThreads that
 * poll before they sleep (adaptive as QEMU's {@code poll-max-ns}, or always). Built on the virtio-blk data
 * plane that {@code org.mqvio.dataplane.baseline} exports; exports nothing itself.
 */
module org.mqvio.dataplane.mq {
    requires org.mqvio.api;
    requires org.mqvio.dataplane.baseline;

    provides org.mqvio.api.spi.DataPlaneProvider with org.mqvio.dataplane.mq.MqProvider;
}
