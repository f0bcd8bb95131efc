package org.mqvio.virtio.ring;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.mqvio.virtio.ring.SplitRingLayout.DESC_F_NEXT;

import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * Work and memory per pop are bounded whatever the queue size: a chain has at most
 * 1024 descriptors (QEMU's VIRTQUEUE_MAX_SIZE).
 */
class ChainBoundsTest {
    private static final long MIB = 1L << 20;
    /** The most descriptors a chain may have (written out, so the test compiles against the code before the limit). */
    private static final int MAX_CHAIN = 1024;

    /**
     * Issue 18's second recipe on the ring alone: 32768 descriptors, each linking to the next, and every avail
     * entry {@code j} offering head {@code j}. Every chain is legal by the queue's own size, and together they
     * would describe 536,887,296 buffers. The first pop refuses a chain over the limit and breaks the queue;
     * popping everything allocates little; the neighbour queue is untouched.
     */
    @Test
    void queueOfOverlappingMaximalChainsBreaksAtTheFirstPop() {
        int size = SplitRingLayout.MAX_QUEUE_SIZE;
        SparseGuestMemory memory = new SparseGuestMemory(4 * MIB);
        SplitVirtqueue<Integer> victim = new SplitVirtqueue<>(0, memory, 0x1000, size, RingFeatures.NONE);
        SplitVirtqueue<Integer> neighbour = new SplitVirtqueue<>(1, memory, 2 * MIB, 8, RingFeatures.NONE);
        RawRing raw = new RawRing(victim, 0);
        for (int i = 0; i < size; i++) {
            raw.desc(i, 3 * MIB, 1, i == size - 1 ? 0 : DESC_F_NEXT, i == size - 1 ? 0 : i + 1);
            memory.writeU16(victim.base() + victim.layout().availEntryOffset(i), i);
        }
        raw.setAvailIdx(size);
        neighbour.add(java.util.List.of(new org.mqvio.api.virtio.GuestBuffer(3 * MIB, 16)), java.util.List.of(), 7);
        neighbour.kickPrepare();

        long allocated = assertTimeoutPreemptively(Duration.ofSeconds(20), () -> ThreadAllocation.allocatedBy(() -> {
            for (int i = 0; i <= size && Chains.pop(victim).isPresent(); i++) {
                // each pop that succeeds is one chain more in flight
            }
        }));

        assertThat(victim.brokenReason()).hasValueSatisfying(r -> assertThat(r)
                .contains("head 0").contains("more than " + MAX_CHAIN + " descriptors"));
        assertThat(allocated).as("bytes allocated popping the whole ring").isLessThan(4 * MIB);
        assertThat(Chains.pop(neighbour)).hasValueSatisfying(e -> assertThat(e.readable()).hasSize(1));
    }

    /** The limit itself: a chain of exactly the maximum pops with every buffer; one more descriptor breaks. */
    @Test
    void aChainOfTheMaximumPopsAndOneMoreBreaks() {
        int max = MAX_CHAIN;
        for (int length : new int[] {max, max + 1}) {
            SparseGuestMemory memory = new SparseGuestMemory(4 * MIB);
            SplitVirtqueue<Integer> vq = new SplitVirtqueue<>(0, memory, 0x1000, 2 * max, RingFeatures.NONE);
            RawRing raw = new RawRing(vq, 0);
            for (int i = 0; i < length; i++) {
                raw.desc(i, 3 * MIB + i, 1, i == length - 1 ? 0 : DESC_F_NEXT, i + 1);
            }
            raw.offer(0);
            Optional<Chains.Popped> popped = Chains.pop(vq);
            assertThat(popped.isPresent()).as("a chain of %d pops", length).isEqualTo(length == max);
            assertThat(popped.map(e -> e.readable().size()).orElse(max)).isEqualTo(max);
            assertThat(vq.brokenReason().isPresent()).as("a chain of %d breaks the queue", length).isEqualTo(length > max);
        }
    }
}
