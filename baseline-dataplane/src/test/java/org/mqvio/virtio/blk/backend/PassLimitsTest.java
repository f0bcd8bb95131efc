package org.mqvio.virtio.blk.backend;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.mqvio.api.BlockRequest;
import org.mqvio.api.Operation;
import org.mqvio.api.virtio.GuestBuffer;
import org.mqvio.api.virtio.Virtqueue;
import org.mqvio.virtio.blk.VirtioBlkProtocol;
import org.mqvio.virtio.ring.RingFeature;
import org.mqvio.virtio.ring.RingFeatures;
import org.mqvio.virtio.ring.SplitRingLayout;
import org.mqvio.virtio.ring.SplitVirtqueue;

/**
 * What one pass takes is bounded whatever the guest made available, and what the spec calls reserved changes
 * nothing (issue 18).
 */
class PassLimitsTest {
    private static final long MIB = 1L << 20;

    /**
     * A guest that fills a 4096-entry queue with well-formed requests gets {@value VirtioBlkIoThread#MAX_CHAINS_PER_PASS}
     * of them taken per pass; the thread posts itself another pass at once, after the other queue had its turn.
     */
    @Test
    void aPassTakesAtMostItsLimitOfChainsFromAQueueAndComesBackForTheRest() {
        int size = 4096;
        BackEndRig rig = new BackEndRig(64 * MIB);
        SplitVirtqueue<Object> busy = rig.serve(0x1000, size, RingFeatures.of(RingFeature.INDIRECT_DESC)
                .withIndirectMaxChain(4));
        SplitVirtqueue<Object> other = rig.serve(16 * MIB, 16, RingFeatures.NONE);
        for (int i = 0; i < size; i++) {
            long header = 20 * MIB + 64L * i;
            rig.header(header, VirtioBlkProtocol.T_IN, 8L * i);
            rig.add(busy, header, List.of(), List.of(new GuestBuffer(32 * MIB, 512)), header + 32);
        }
        rig.header(17 * MIB, VirtioBlkProtocol.T_IN, 1 << 20);
        rig.add(other, 17 * MIB, List.of(), List.of(new GuestBuffer(18 * MIB, 512)), 17 * MIB + 32);

        rig.thread.doWork();

        assertThat(busy.statistics().get(Virtqueue.POPPED)).isEqualTo(VirtioBlkIoThread.MAX_CHAINS_PER_PASS);
        assertThat(rig.hostRequests).as("the other queue's read, in the same pass")
                .anyMatch(r -> r.sector() == 1 << 20);
        assertThat(rig.posted).as("another pass, posted at once").hasSize(1);
        for (int pass = 2; pass <= size / VirtioBlkIoThread.MAX_CHAINS_PER_PASS; pass++) {
            Runnable next = rig.posted.remove(0);
            next.run();
            assertThat(busy.statistics().get(Virtqueue.POPPED)).isEqualTo((long) pass * VirtioBlkIoThread.MAX_CHAINS_PER_PASS);
        }
        assertThat(rig.hostRequests).hasSize(size + 1);
        assertThat(busy.brokenReason()).isEmpty();
    }

    /**
     * The header's reserved field (ioprio), descriptor flag bits the split ring does not define, and avail flag
     * bits beside NO_INTERRUPT: all ones, they change nothing the device does.
     */
    @Test
    void reservedValuesAreIgnored() {
        List<String> outcomes = new java.util.ArrayList<>();
        for (boolean reservedSet : new boolean[] {false, true}) {
            BackEndRig rig = new BackEndRig(16 * MIB);
            SplitVirtqueue<Object> vq = rig.serve(0x1000, 8, RingFeatures.NONE);
            long header = MIB;
            rig.header(header, VirtioBlkProtocol.T_OUT, 64);
            int unknownFlags = reservedSet ? 0xFFFF & ~(SplitRingLayout.DESC_F_NEXT | SplitRingLayout.DESC_F_WRITE
                    | SplitRingLayout.DESC_F_INDIRECT) : 0;
            if (reservedSet) {
                rig.memory.writeU32(header + 4, 0xFFFFFFFFL);
                rig.memory.writeU16(vq.base() + vq.layout().availOffset() + SplitRingLayout.AVAIL_FLAGS,
                        0xFFFF & ~SplitRingLayout.AVAIL_F_NO_INTERRUPT);
            }
            long table = vq.base() + vq.layout().descOffset(0);
            desc(rig, table, 0, header, 16, SplitRingLayout.DESC_F_NEXT | unknownFlags, 1);
            desc(rig, table, 1, 2 * MIB, 4096, SplitRingLayout.DESC_F_NEXT | unknownFlags, 2);
            desc(rig, table, 2, header + 32, 1, SplitRingLayout.DESC_F_WRITE | unknownFlags, reservedSet ? 0xFFFF : 0);
            rig.memory.writeU16(vq.base() + vq.layout().availEntryOffset(0), 0);
            rig.memory.writeU16(vq.base() + vq.layout().availIdxOffset(), 1);

            rig.thread.doWork();
            rig.completeHostRequests();
            rig.thread.doWork();

            BlockRequest r = rig.hostRequests.isEmpty() ? null : rig.hostRequests.get(0);
            outcomes.add(vq.brokenReason().orElse("served") + ", status " + rig.memory.readU8(header + 32) + ", used "
                    + vq.statistics().get(Virtqueue.PUSHED) + ", interrupts " + vq.statistics().get(Virtqueue.NOTIFIES)
                    + (r == null ? "" : ", host " + r.operation() + " " + r.sector() + "+" + r.length()));
        }
        assertThat(outcomes.get(1)).as("all reserved bits set").isEqualTo(outcomes.get(0));
        assertThat(outcomes.get(0)).startsWith("served, status 0, used 1, interrupts 1");
    }

    private static void desc(BackEndRig rig, long table, int index, long addr, long len, int flags, int next) {
        long at = table + (long) SplitRingLayout.DESC_SIZE * index;
        rig.memory.writeU64(at + SplitRingLayout.DESC_ADDR, addr);
        rig.memory.writeU32(at + SplitRingLayout.DESC_LEN, len);
        rig.memory.writeU16(at + SplitRingLayout.DESC_FLAGS, flags);
        rig.memory.writeU16(at + SplitRingLayout.DESC_NEXT, next);
    }
}
