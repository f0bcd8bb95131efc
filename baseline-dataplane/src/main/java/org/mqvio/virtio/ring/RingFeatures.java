package org.mqvio.virtio.ring;

import java.util.Collections;
import java.util.EnumSet;
import java.util.Set;

/**
 * The ring features a driver and device negotiated for a {@link SplitVirtqueue}, and how the driver uses
 * indirect descriptors.
 *
 * @param negotiated       the feature bits negotiated (an unmodifiable copy)
 * @param indirectMaxChain 0 when {@link RingFeature#INDIRECT_DESC} is not negotiated; otherwise the longest
 *                         chain the driver puts in an indirect table (2 to {@value #MAX_INDIRECT_CHAIN}). Longer
 *                         chains fall back to direct descriptors. The device accepts indirect tables of up to
 *                         {@value #MAX_INDIRECT_CHAIN} descriptors whatever this value is.
 */
public record RingFeatures(Set<RingFeature> negotiated, int indirectMaxChain) {

    /** Most descriptors in one indirect table (QEMU's VIRTQUEUE_MAX_SIZE). */
    public static final int MAX_INDIRECT_CHAIN = 1024;

    /** The longest chain put in an indirect table by {@link #of}. */
    public static final int DEFAULT_INDIRECT_MAX_CHAIN = 16;

    /** Neither event index nor indirect descriptors. */
    public static final RingFeatures NONE = of();

    /**
     * Checks the values.
     *
     * @throws IllegalArgumentException if {@code indirectMaxChain} is not 0 without
     *                                  {@link RingFeature#INDIRECT_DESC}, or from 2 to {@value #MAX_INDIRECT_CHAIN}
     *                                  with it
     */
    public RingFeatures {
        EnumSet<RingFeature> copy = EnumSet.noneOf(RingFeature.class);
        copy.addAll(negotiated);
        negotiated = Collections.unmodifiableSet(copy);
        if (!negotiated.contains(RingFeature.INDIRECT_DESC) && indirectMaxChain != 0) {
            throw new IllegalArgumentException("indirectMaxChain must be 0 without INDIRECT_DESC, was " + indirectMaxChain);
        }
        if (negotiated.contains(RingFeature.INDIRECT_DESC) && (indirectMaxChain < 2 || indirectMaxChain > MAX_INDIRECT_CHAIN)) {
            throw new IllegalArgumentException("with INDIRECT_DESC, indirectMaxChain must be from 2 to "
                    + MAX_INDIRECT_CHAIN + ", was " + indirectMaxChain);
        }
    }

    /**
     * The features for the feature bits negotiated; with indirect descriptors, chains of up to
     * {@value #DEFAULT_INDIRECT_MAX_CHAIN} buffers go into an indirect table.
     */
    public static RingFeatures of(RingFeature... negotiated) {
        Set<RingFeature> set = EnumSet.noneOf(RingFeature.class);
        Collections.addAll(set, negotiated);
        return new RingFeatures(set, set.contains(RingFeature.INDIRECT_DESC) ? DEFAULT_INDIRECT_MAX_CHAIN : 0);
    }

    /** Whether {@code feature} is negotiated. */
    public boolean has(RingFeature feature) {
        return negotiated.contains(feature);
    }

    /**
     * These features with chains of up to {@code maxChain} buffers put in an indirect table.
     *
     * @throws IllegalArgumentException if {@link RingFeature#INDIRECT_DESC} is not negotiated or
     *                                  {@code maxChain} is not from 2 to {@value #MAX_INDIRECT_CHAIN}
     */
    public RingFeatures withIndirectMaxChain(int maxChain) {
        if (!has(RingFeature.INDIRECT_DESC)) {
            throw new IllegalArgumentException("indirect descriptors are not negotiated: " + this);
        }
        return new RingFeatures(negotiated, maxChain);
    }
}
