package org.mqvio.virtio.blk.backend;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import java.time.Duration;
import java.util.List;
import org.mqvio.api.Operation;
import org.mqvio.api.virtio.GuestBuffer;
import org.mqvio.api.virtio.Virtqueue;
import org.mqvio.virtio.blk.VirtioBlkProtocol;
import org.mqvio.virtio.ring.RingFeatures;
import org.mqvio.virtio.ring.SplitRingLayout;
import org.mqvio.virtio.ring.SplitVirtqueue;
import org.mqvio.virtio.ring.ThreadAllocation;
import org.junit.jupiter.api.Test;

/**
 * The three ways a guest took the host side down (issue 18), each as its recipe: after the fix each breaks
 * or refuses only its own request or queue, within bounded allocation, and the other queue is served.
 */
class GuestRecipesTest {
    private static final long MIB = 1L << 20;
    /** Far above what the fixed back-end allocates for one pass, far below what the recipes made it allocate. */
    private static final long PASS_ALLOCATION_LIMIT = 16 * MIB;

    /** Recipe 1: a FLUSH (or any type) whose header holds an extreme sector never throws out of the pass. */
    @Test
    void extremeSectorsInAnyRequestTypeStayInsideThePass() {
        for (long sector : new long[] {0x8000000000000000L, -1L, Long.MAX_VALUE}) {
            for (int type : new int[] {VirtioBlkProtocol.T_FLUSH, VirtioBlkProtocol.T_GET_ID, VirtioBlkProtocol.T_IN,
                    VirtioBlkProtocol.T_OUT, VirtioBlkProtocol.T_DISCARD, VirtioBlkProtocol.T_WRITE_ZEROES, 0xFFFFFFFF}) {
                BackEndRig rig = new BackEndRig(16 * MIB);
                SplitVirtqueue<Object> rogue = rig.serve(0x1000, 16, RingFeatures.NONE);
                SplitVirtqueue<Object> other = rig.serve(0x10000, 16, RingFeatures.NONE);
                boolean deviceWrites = type == VirtioBlkProtocol.T_IN || type == VirtioBlkProtocol.T_GET_ID;
                List<GuestBuffer> data = List.of(new GuestBuffer(MIB, 4096));
                rig.header(0x100000 - 64, type, sector);
                rig.add(rogue, 0x100000 - 64, deviceWrites ? List.of() : data, deviceWrites ? data : List.of(), 0x100000 - 1);
                rig.header(2 * MIB, VirtioBlkProtocol.T_IN, 8);
                rig.add(other, 2 * MIB, List.of(), List.of(new GuestBuffer(3 * MIB, 4096)), 2 * MIB + 64);

                String what = "type " + type + ", sector 0x" + Long.toHexString(sector);
                assertThatCode(rig.thread::doWork).as(what).doesNotThrowAnyException();
                assertThat(rig.hostRequests).as(what + ": the other queue's read reaches the host")
                        .anyMatch(r -> r.operation() == Operation.READ && r.sector() == 8);
                assertThat(rogue.brokenReason()).as(what).isEmpty();
                assertThat(other.brokenReason()).as(what).isEmpty();
                int status = rig.memory.readU8(0x100000 - 1);
                if (type == VirtioBlkProtocol.T_FLUSH) {
                    assertThat(rig.hostRequests).as(what + ": the sector of a FLUSH is reserved, so ignored")
                            .anyMatch(r -> r.operation() == Operation.FLUSH && r.sector() == 0);
                } else if (type != VirtioBlkProtocol.T_GET_ID) {
                    assertThat(rig.hostRequests).as(what).hasSize(1);
                    assertThat(status).as(what + ": refused with a status").isNotEqualTo(VirtioBlkProtocol.S_OK);
                }
            }
        }
    }

    /**
     * Recipe 2: a 32768-entry queue without indirect descriptors whose every avail entry starts a legal chain
     * through the rest of the table ({@code desc[i] = {D, 1, NEXT, i + 1}}): half a billion buffers if each
     * pop described its chain. The first chain is longer than the most a chain may have, so the queue breaks
     * with a reason at once; the pass stays within bounded allocation; the other queue is served.
     */
    @Test
    void queueOfLongOverlappingChainsBreaksWithinBoundedWork() {
        int size = SplitRingLayout.MAX_QUEUE_SIZE;
        BackEndRig rig = new BackEndRig(64 * MIB);
        SplitVirtqueue<Object> rogue = rig.serve(0x1000, size, RingFeatures.NONE);
        SplitVirtqueue<Object> other = rig.serve(32 * MIB, 16, RingFeatures.NONE);
        SplitRingLayout layout = rogue.layout();
        long table = rogue.base() + layout.descOffset(0);
        for (int i = 0; i < size; i++) {
            long at = table + (long) SplitRingLayout.DESC_SIZE * i;
            rig.memory.writeU64(at + SplitRingLayout.DESC_ADDR, 48 * MIB);
            rig.memory.writeU32(at + SplitRingLayout.DESC_LEN, 1);
            rig.memory.writeU16(at + SplitRingLayout.DESC_FLAGS, i == size - 1 ? 0 : SplitRingLayout.DESC_F_NEXT);
            rig.memory.writeU16(at + SplitRingLayout.DESC_NEXT, i == size - 1 ? 0 : i + 1);
            rig.memory.writeU16(rogue.base() + layout.availEntryOffset(i), i);
        }
        rig.memory.writeU16(rogue.base() + layout.availIdxOffset(), size);
        rig.header(40 * MIB, VirtioBlkProtocol.T_IN, 8);
        rig.add(other, 40 * MIB, List.of(), List.of(new GuestBuffer(41 * MIB, 4096)), 40 * MIB + 64);

        long allocated = assertTimeoutPreemptively(Duration.ofSeconds(20),
                () -> ThreadAllocation.allocatedBy(rig.thread::doWork));

        assertThat(rogue.brokenReason()).hasValueSatisfying(r -> assertThat(r).contains("1024"));
        assertThat(rogue.statistics().get(Virtqueue.POPPED)).isZero();
        assertThat(allocated).as("bytes allocated by the pass").isLessThan(PASS_ALLOCATION_LIMIT);
        assertThat(rig.hostRequests).as("the other queue's read").singleElement()
                .satisfies(r -> assertThat(r.sector()).isEqualTo(8));
    }

    /**
     * Recipe 3: a WRITE whose readable buffers are ten overlapping 200 MiB views of a 256 MiB guest, 2000 MiB of
     * data: refused with IOERR before anything is allocated for it, and never handed to the host.
     */
    @Test
    void requestLargerThanTheHostAcceptsIsRefusedBeforeAllocation() {
        BackEndRig rig = new BackEndRig(256 * MIB);
        SplitVirtqueue<Object> rogue = rig.serve(0x1000, 16, RingFeatures.NONE);
        GuestBuffer view = new GuestBuffer(8 * MIB, 200 * (int) MIB);
        rig.header(0x100000, VirtioBlkProtocol.T_OUT, 0);
        rig.add(rogue, 0x100000, java.util.Collections.nCopies(10, view), List.of(), 0x100000 + 64);

        long allocated = assertTimeoutPreemptively(Duration.ofSeconds(20),
                () -> ThreadAllocation.allocatedBy(rig.thread::doWork));

        assertThat(allocated).as("bytes allocated by the pass").isLessThan(PASS_ALLOCATION_LIMIT);
        assertThat(rig.hostRequests).as("requests handed to the host").isEmpty();
        assertThat(rig.memory.readU8(0x100000 + 64)).isEqualTo(VirtioBlkProtocol.S_IOERR);
        assertThat(rogue.statistics().get(Virtqueue.PUSHED)).isEqualTo(1);
        assertThat(rogue.brokenReason()).isEmpty();
    }

    /**
     * Recipe 3 spread over many chains: each WRITE is 32 MiB of overlapping views, within the per-request limit,
     * and sixteen of them would be 512 MiB of copied data. The thread takes chains only while less than 256 MiB
     * is in flight, and takes more when the host completes some.
     */
    @Test
    void dataInFlightIsBoundedAcrossChains() {
        BackEndRig rig = new BackEndRig(256 * MIB);
        SplitVirtqueue<Object> rogue = rig.serve(0x1000, 64, RingFeatures.NONE);
        GuestBuffer view = new GuestBuffer(8 * MIB, 32 * (int) MIB);
        for (int i = 0; i < 16; i++) {
            rig.header(0x100000 + 0x100L * i, VirtioBlkProtocol.T_OUT, 0);
            rig.add(rogue, 0x100000 + 0x100L * i, List.of(view), List.of(), 0x100000 + 0x100L * i + 64);
        }

        long allocated = ThreadAllocation.allocatedBy(rig.thread::doWork);

        assertThat(rig.hostRequests).as("32 MiB writes taken by the first pass").hasSize(8);
        assertThat(allocated).as("bytes allocated by the pass").isBetween(256 * MIB, 256 * MIB + PASS_ALLOCATION_LIMIT);
        assertThat(rig.thread.hasAvailable()).as("nothing more to take while the host holds 256 MiB").isFalse();
        rig.completeHostRequests();
        rig.thread.doWork();
        assertThat(rig.hostRequests).as("taken once the first eight completed").hasSize(8);
        assertThat(rogue.statistics().get(Virtqueue.PUSHED)).isEqualTo(8);
        assertThat(rogue.brokenReason()).isEmpty();
    }
}
