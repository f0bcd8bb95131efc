/**
 * The reusable virtio parts and QEMU 2.1's data plane built from them: one virtqueue and one IoThread shared
 * by every vCPU.
 *
 * <p>Exported, one concern each, for the multi-queue design ({@code org.mqvio.dataplane.mq}) and any other
 * design built on virtio-blk:
 * <ul>
 *   <li>{@code org.mqvio.virtio.ring}: the virtio 1.x split ring and the sparse guest memory it lives in;</li>
 *   <li>{@code org.mqvio.virtio.blk}: virtio-blk's request format, shared by both sides;</li>
 *   <li>{@code org.mqvio.virtio.blk.frontend}: the guest's virtio-blk driver;</li>
 *   <li>{@code org.mqvio.virtio.blk.backend}: the device side, an IoThread serving virtqueues, and the hook
 *       through which a design decides how it waits for work;</li>
 *   <li>{@code org.mqvio.virtio.blk.dataplane}: the three wired together for any number of virtqueues on any
 *       number of IoThreads ({@code DataPlaneLayout}), and the {@code virtio.*} parameters.</li>
 * </ul>
 * The {@code baseline} provider lives in a package that is not exported.
 */
module org.mqvio.dataplane.baseline {
    requires transitive org.mqvio.api;
    requires org.slf4j;

    exports org.mqvio.virtio.ring;
    exports org.mqvio.virtio.blk;
    exports org.mqvio.virtio.blk.frontend;
    exports org.mqvio.virtio.blk.backend;
    exports org.mqvio.virtio.blk.dataplane;

    provides org.mqvio.api.spi.DataPlaneProvider with org.mqvio.dataplane.baseline.BaselineProvider;
}
