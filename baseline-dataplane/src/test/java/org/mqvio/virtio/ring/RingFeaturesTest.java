package org.mqvio.virtio.ring;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.EnumSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Negotiated ring features: a set of feature bits, and indirect tables only when their bit is negotiated. */
class RingFeaturesTest {

    @Test
    void namedFeaturesGiveTheDefaultIndirectChain() {
        RingFeatures both = RingFeatures.of(RingFeature.EVENT_IDX, RingFeature.INDIRECT_DESC);
        assertThat(both.has(RingFeature.EVENT_IDX)).isTrue();
        assertThat(both.indirectMaxChain()).isEqualTo(RingFeatures.DEFAULT_INDIRECT_MAX_CHAIN);
        RingFeatures eventIdxOnly = RingFeatures.of(RingFeature.EVENT_IDX);
        assertThat(eventIdxOnly.has(RingFeature.INDIRECT_DESC)).isFalse();
        assertThat(eventIdxOnly.indirectMaxChain()).isZero();
        assertThat(RingFeatures.NONE.negotiated()).isEmpty();
        assertThat(RingFeatures.NONE).isEqualTo(new RingFeatures(Set.of(), 0));
    }

    @Test
    void theIndirectChainGoesWithItsFeatureBit() {
        assertThatThrownBy(() -> new RingFeatures(Set.of(RingFeature.EVENT_IDX), 4))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("0 without INDIRECT_DESC");
        assertThatThrownBy(() -> new RingFeatures(Set.of(RingFeature.INDIRECT_DESC), 0))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("from 2 to 1024");
        assertThatThrownBy(() -> RingFeatures.of(RingFeature.INDIRECT_DESC).withIndirectMaxChain(1025))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> RingFeatures.NONE.withIndirectMaxChain(4))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("not negotiated");
        assertThat(RingFeatures.of(RingFeature.INDIRECT_DESC).withIndirectMaxChain(2).indirectMaxChain()).isEqualTo(2);
    }

    @Test
    void theNegotiatedSetIsAnUnmodifiableCopy() {
        Set<RingFeature> bits = EnumSet.of(RingFeature.EVENT_IDX);
        RingFeatures features = new RingFeatures(bits, 0);
        bits.add(RingFeature.INDIRECT_DESC);
        assertThat(features.negotiated()).containsExactly(RingFeature.EVENT_IDX);
        assertThatThrownBy(() -> features.negotiated().add(RingFeature.INDIRECT_DESC))
                .isInstanceOf(UnsupportedOperationException.class);
    }
}
