package org.mqvio.virtio.ring;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.mqvio.virtio.ring.SplitRingLayout.needEvent;

import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;

class SplitRingLayoutTest {

    @Example
    void needEventAtTheWrap() {
        // The event index is the first index the other side wants to hear about: it fires when crossed.
        assertThat(needEvent(0xFFFF, 0x0000, 0xFFFF)).isTrue();
        assertThat(needEvent(0x0000, 0x0001, 0xFFFF)).isTrue();
        assertThat(needEvent(0xFFFE, 0x0002, 0xFFFD)).isTrue();
        assertThat(needEvent(0x0001, 0x0001, 0xFFFF)).isFalse();
        assertThat(needEvent(0xFFFE, 0x0000, 0xFFFF)).isFalse();
        assertThat(needEvent(0x1234, 0x1234, 0x1234)).isFalse();
        assertThat(needEvent(0x8000, 0x0000, 0xFFF0)).isFalse();
    }

    @Property
    void needEventFiresExactlyWhenTheEventIndexWasCrossed(@ForAll @IntRange(max = 0xFFFF) int event,
                                                          @ForAll @IntRange(max = 0xFFFF) int old,
                                                          @ForAll @IntRange(max = 0x8000) int moved) {
        int newIdx = (old + moved) & 0xFFFF;
        boolean crossed = false;
        for (int i = 0; i < moved; i++) {
            crossed |= ((old + i) & 0xFFFF) == event;
        }
        assertThat(needEvent(event, newIdx, old)).isEqualTo(crossed);
    }

    @Example
    void offsetsFollowTheSpec() {
        SplitRingLayout layout = new SplitRingLayout(256);
        assertThat(layout.descTableSize()).isEqualTo(4096);
        assertThat(layout.descOffset(3)).isEqualTo(48);
        assertThat(layout.availOffset()).isEqualTo(4096);
        assertThat(layout.availIdxOffset()).isEqualTo(4096 + 2);
        assertThat(layout.availEntryOffset(255)).isEqualTo(4096 + 4 + 510);
        assertThat(layout.usedEventOffset()).isEqualTo(4096 + 4 + 512);
        assertThat(layout.availSize()).isEqualTo(6 + 512);
        assertThat(layout.usedOffset()).isEqualTo(4096 + 520);
        assertThat(layout.usedIdxOffset()).isEqualTo(4096 + 522);
        assertThat(layout.usedElemOffset(1)).isEqualTo(4096 + 520 + 4 + 8);
        assertThat(layout.availEventOffset()).isEqualTo(4096 + 520 + 4 + 2048);
        assertThat(layout.usedSize()).isEqualTo(6 + 2048);
        assertThat(layout.totalSize()).isEqualTo(4096 + 520 + 2054);
    }

    @Example
    void theUsedRingIsFourByteAligned() {
        // size 1: 16 bytes of descriptors, 8 of avail ring (ends at 24); size 2: 32 + 10 = 42, padded to 44.
        assertThat(new SplitRingLayout(1).usedOffset()).isEqualTo(24);
        assertThat(new SplitRingLayout(2).usedOffset()).isEqualTo(44);
        assertThat(new SplitRingLayout(2).totalSize()).isEqualTo(44 + 6 + 16);
        for (int size = 1; size <= SplitRingLayout.MAX_QUEUE_SIZE; size *= 2) {
            assertThat(new SplitRingLayout(size).usedOffset() % SplitRingLayout.USED_ALIGN).isZero();
        }
    }

    @Example
    void queueSizesArePowersOfTwoUpTo32768() {
        assertThat(SplitRingLayout.isValidQueueSize(1)).isTrue();
        assertThat(SplitRingLayout.isValidQueueSize(32768)).isTrue();
        assertThat(SplitRingLayout.isValidQueueSize(0)).isFalse();
        assertThat(SplitRingLayout.isValidQueueSize(96)).isFalse();
        assertThat(SplitRingLayout.isValidQueueSize(65536)).isFalse();
        assertThatThrownBy(() -> new SplitRingLayout(-4)).isInstanceOf(IllegalArgumentException.class);
    }
}
