/**
 * The papers' data plane: a virtqueue, a lock, an interrupt vector and an IoThread per vCPU, generalised to
 * M virtqueues on N IoThreads (QEMU 9's iothread-vq-mapping). Exports nothing.
 */
module org.mqvio.dataplane.mq {
    requires org.mqvio.api;
    requires org.mqvio.dataplane.baseline;

    provides org.mqvio.api.spi.DataPlaneProvider with org.mqvio.dataplane.mq.MqProvider;
}
