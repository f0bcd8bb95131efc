package org.mqvio.virtio.ring;

/** A ring feature bit that a driver and a device may negotiate for a {@link SplitVirtqueue} (virtio 1.x, 6). */
public enum RingFeature {
    /**
     * VIRTIO_RING_F_INDIRECT_DESC (bit 28): a descriptor may point at a table of descriptors, so a chain takes
     * one ring slot.
     */
    INDIRECT_DESC,
    /**
     * VIRTIO_RING_F_EVENT_IDX (bit 29): notifications are suppressed with {@code used_event} /
     * {@code avail_event} instead of the NO_INTERRUPT / NO_NOTIFY flags.
     */
    EVENT_IDX
}
