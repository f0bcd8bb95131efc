package org.mqvio.virtio.ring;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import net.jqwik.api.Example;

class RingPartTest {
    private static final int PAGE = SparseGuestMemory.PAGE_SIZE;

    @Example
    void aQueueOfUpTo256DescriptorsOnAPageAlignedBaseHasEveryPartResolved() {
        SparseGuestMemory memory = new SparseGuestMemory(4 * PAGE);
        SplitRingLayout layout = new SplitRingLayout(256);
        long base = PAGE;
        assertThat(RingPart.of(memory, base, layout.descOffset(0), layout.descTableSize()).resolved()).isTrue();
        assertThat(RingPart.of(memory, base, layout.availOffset(), layout.availSize()).resolved()).isTrue();
        assertThat(RingPart.of(memory, base, layout.usedOffset(), layout.usedSize()).resolved()).isTrue();
    }

    @Example
    void aResolvedPartReadsAndWritesTheMemorysOwnBytes() {
        SparseGuestMemory memory = new SparseGuestMemory(3 * PAGE);
        long base = PAGE + 96;
        RingPart part = RingPart.of(memory, base, 200, 300);
        assertThat(part.resolved()).isTrue();
        agreesWithTheMemory(part, memory, base, 200);
    }

    @Example
    void aPartAcrossAPageBoundaryGoesThroughTheCheckedAccessors() {
        SparseGuestMemory memory = new SparseGuestMemory(3 * PAGE);
        long base = PAGE - 64;
        RingPart part = RingPart.of(memory, base, 16, 300);
        assertThat(part.resolved()).isFalse();
        agreesWithTheMemory(part, memory, base, 40);
        assertThatThrownBy(() -> RingPart.unresolved(memory).readU64(3 * PAGE - 4))
                .isInstanceOf(IndexOutOfBoundsException.class);
    }

    @Example
    void anEmptyPartResolvesNothingAndAllocatesNothing() {
        SparseGuestMemory memory = new SparseGuestMemory(PAGE);
        assertThat(RingPart.of(memory, PAGE, 0, 0).resolved()).isFalse();
        assertThat(memory.allocatedPages()).isZero();
    }

    /** Every accessor of {@code part} at {@code offset} sees what the memory holds at {@code base + offset}. */
    private static void agreesWithTheMemory(RingPart part, SparseGuestMemory memory, long base, long offset) {
        part.writeU64(offset, 0x0123_4567_89AB_CDEFL);
        assertThat(memory.readU64(base + offset)).isEqualTo(0x0123_4567_89AB_CDEFL);
        assertThat(memory.readU8(base + offset)).isEqualTo(0xEF);
        part.writeU32(offset + 8, 0xFEDC_BA98L);
        assertThat(memory.readU32(base + offset + 8)).isEqualTo(0xFEDC_BA98L);
        part.writeU16(offset + 12, 0x1_F00D);
        assertThat(memory.readU16(base + offset + 12)).isEqualTo(0xF00D);
        part.writeU16Release(offset + 14, 0xBEEF);
        assertThat(memory.readU16Acquire(base + offset + 14)).isEqualTo(0xBEEF);

        memory.writeU64(base + offset + 16, -2L);
        memory.writeU32(base + offset + 24, 0x8000_0001L);
        memory.writeU16(base + offset + 28, 0xCAFE);
        memory.writeU16Release(base + offset + 30, 0x8001);
        assertThat(part.readU64(offset + 16)).isEqualTo(-2L);
        assertThat(part.readU32(offset + 24)).isEqualTo(0x8000_0001L);
        assertThat(part.readU16(offset + 28)).isEqualTo(0xCAFE);
        assertThat(part.readU16Acquire(offset + 30)).isEqualTo(0x8001);
    }
}
