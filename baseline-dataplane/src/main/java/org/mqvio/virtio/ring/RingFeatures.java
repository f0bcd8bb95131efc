package org.mqvio.virtio.ring;

/**
 * The ring features a driver and device negotiated for a {@link SplitVirtqueue}.
 *
 * @param eventIdx         VIRTIO_RING_F_EVENT_IDX: notifications are suppressed with {@code used_event} /
 *                         {@code avail_event} instead of the NO_INTERRUPT / NO_NOTIFY flags
 * @param indirectMaxChain 0 when VIRTIO_RING_F_INDIRECT_DESC is not negotiated; otherwise the longest chain
 *                         the driver puts in an indirect table (2 to {@value #MAX_INDIRECT_CHAIN}). Longer
 *                         chains fall back to direct descriptors. The device accepts indirect tables of up to
 *                         {@value #MAX_INDIRECT_CHAIN} descriptors whatever this value is.
 */
public record RingFeatures(boolean eventIdx, int indirectMaxChain) {

    /** Most descriptors in one indirect table (QEMU's VIRTQUEUE_MAX_SIZE). */
    public static final int MAX_INDIRECT_CHAIN = 1024;

    /** The longest chain put in an indirect table by {@link #of(boolean, boolean)}. */
    public static final int DEFAULT_INDIRECT_MAX_CHAIN = 16;

    /** Neither event index nor indirect descriptors. */
    public static final RingFeatures NONE = new RingFeatures(false, 0);

    /**
     * Checks the values.
     *
     * @throws IllegalArgumentException if {@code indirectMaxChain} is neither 0 nor from 2 to
     *                                  {@value #MAX_INDIRECT_CHAIN}
     */
    public RingFeatures {
        if (indirectMaxChain != 0 && (indirectMaxChain < 2 || indirectMaxChain > MAX_INDIRECT_CHAIN)) {
            throw new IllegalArgumentException("indirectMaxChain must be 0 (no indirect descriptors) or from 2 to "
                    + MAX_INDIRECT_CHAIN + ", was " + indirectMaxChain);
        }
    }

    /**
     * The features for two negotiated feature bits; with indirect descriptors, chains of up to
     * {@value #DEFAULT_INDIRECT_MAX_CHAIN} buffers go into an indirect table.
     */
    public static RingFeatures of(boolean eventIdx, boolean indirect) {
        return new RingFeatures(eventIdx, indirect ? DEFAULT_INDIRECT_MAX_CHAIN : 0);
    }

    /** Whether VIRTIO_RING_F_INDIRECT_DESC is negotiated. */
    public boolean indirect() {
        return indirectMaxChain > 0;
    }

    /** These features with VIRTIO_RING_F_EVENT_IDX set as given. */
    public RingFeatures withEventIdx(boolean enabled) {
        return new RingFeatures(enabled, indirectMaxChain);
    }

    /** These features with indirect descriptors for chains of up to {@code maxChain} buffers (0: none). */
    public RingFeatures withIndirect(int maxChain) {
        return new RingFeatures(eventIdx, maxChain);
    }
}
