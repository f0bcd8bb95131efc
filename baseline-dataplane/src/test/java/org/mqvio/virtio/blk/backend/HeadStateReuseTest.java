package org.mqvio.virtio.blk.backend;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.mqvio.api.BlockRequest;
import org.mqvio.api.Status;
import org.mqvio.api.virtio.DescriptorChain;
import org.mqvio.api.virtio.GuestBuffer;
import org.mqvio.api.virtio.UsedBuffer;
import org.mqvio.virtio.blk.VirtioBlkProtocol;
import org.mqvio.virtio.ring.RingFeature;
import org.mqvio.virtio.ring.RingFeatures;
import org.mqvio.virtio.ring.SplitVirtqueue;

/**
 * The IoThread's state of a chain in flight is its head's, reused by the head's next chain: never while the head
 * is still in flight, and each reuse carries only its own chain's buffers and outcome.
 */
class HeadStateReuseTest {
    private static final long MIB = 1L << 20;
    private static final int READ_BYTES = 4096;

    /**
     * A virtqueue that offers a head it already gave and that was not pushed back, in the same pass and in a later
     * one, after the first went to the host (a split ring never does; its device half refuses such a head): the
     * queue breaks, only the first request reaches the host, and that one still completes into its own buffers.
     */
    @Test
    void aHeadOfferedAgainInTheSamePassBreaksTheQueue() {
        headOfferedAgain(true);
    }

    @Test
    void aHeadOfferedAgainWhileItsRequestIsAtTheHostBreaksTheQueue() {
        headOfferedAgain(false);
    }

    private static void headOfferedAgain(boolean samePass) {
        BackEndRig rig = new BackEndRig(16 * MIB);
        SplitVirtqueue<Object> ring = new SplitVirtqueue<>(0, rig.memory, 0x1000, 8, RingFeatures.NONE);
        OffersAgain again = new OffersAgain(ring);
        rig.thread.serve(again, BackEndRig.signal());
        rig.header(MIB, VirtioBlkProtocol.T_IN, 64);
        rig.add(ring, MIB, List.of(), List.of(new GuestBuffer(2 * MIB, READ_BYTES)), MIB + 32);
        if (samePass) {
            again.offerAgain();
        }

        rig.thread.doWork();
        if (!samePass) {
            assertThat(rig.hostRequests).hasSize(1);
            again.offerAgain();
            rig.thread.doWork();
        }

        assertThat(ring.brokenReason()).hasValueSatisfying(r -> assertThat(r).contains("still in flight"));
        assertThat(rig.hostRequests).hasSize(1);
        BlockRequest r = rig.hostRequests.get(0);
        r.setData(filled(READ_BYTES, 0x5A));
        r.complete(null, Status.OK, 0);
        rig.thread.doWork();
        assertThat(read(rig, 2 * MIB, READ_BYTES)).containsOnly((byte) 0x5A);
        assertThat(rig.memory.readU8(MIB + 32)).isEqualTo(VirtioBlkProtocol.S_OK);
    }

    /**
     * Four reads complete at the host out of order; the guest takes them back and reuses the same heads for four
     * reads into other buffers, completed in another order: each chain's buffer holds its own read's data, and
     * the first round's buffers are not written again.
     */
    @Test
    void headsReusedAfterTheirPushCarryOnlyTheirNewRequests() {
        BackEndRig rig = new BackEndRig(64 * MIB);
        SplitVirtqueue<Object> vq = rig.serve(0x1000, 4, RingFeatures.of(RingFeature.INDIRECT_DESC).withIndirectMaxChain(4));
        UsedBuffer<Object> used = new UsedBuffer<>();
        for (int round = 0; round < 2; round++) {
            long dataBase = (32 + 8L * round) * MIB;
            for (int i = 0; i < 4; i++) {
                long header = 16 * MIB + 64L * i;
                rig.header(header, VirtioBlkProtocol.T_IN, sector(round, i));
                rig.add(vq, header, List.of(), List.of(new GuestBuffer(dataBase + READ_BYTES * i, READ_BYTES)), header + 32);
            }
            rig.thread.doWork();
            List<BlockRequest> host = new ArrayList<>(rig.hostRequests);
            rig.hostRequests.clear();
            assertThat(host).hasSize(4);
            for (int i : round == 0 ? new int[] {2, 0, 3, 1} : new int[] {3, 2, 1, 0}) {
                BlockRequest r = host.get(i);
                r.setData(filled(READ_BYTES, pattern(r.sector())));
                r.complete(null, Status.OK, 0);
            }
            rig.thread.doWork();
            for (int i = 0; i < 4; i++) {
                assertThat(read(rig, dataBase + READ_BYTES * i, READ_BYTES)).as("round %d read %d", round, i)
                        .containsOnly(pattern(sector(round, i)));
            }
            int taken = 0;
            while (vq.getUsed(used)) {
                taken++;
            }
            assertThat(taken).isEqualTo(4);
        }
        for (int i = 0; i < 4; i++) {
            assertThat(read(rig, 32 * MIB + READ_BYTES * i, READ_BYTES)).as("round 0 read %d, untouched by round 1", i)
                    .containsOnly(pattern(sector(0, i)));
        }
    }

    /**
     * Each head's state owns the host request it leads, rebuilt for its next chain: four reads go to the host, two
     * complete and their heads carry two new reads, whose host requests are those two, rebuilt; the two still at the
     * host keep their own fields and complete into their own buffers, and a snapshot taken before a completion keeps
     * what a holder that reads the request after it would no longer find there.
     */
    @Test
    void aHeadsHostRequestIsRebuiltOnlyOnceItCompleted() {
        BackEndRig rig = new BackEndRig(64 * MIB);
        SplitVirtqueue<Object> vq = rig.serve(0x1000, 4, RingFeatures.of(RingFeature.INDIRECT_DESC).withIndirectMaxChain(4));
        UsedBuffer<Object> used = new UsedBuffer<>();
        for (int i = 0; i < 4; i++) {
            long header = 16 * MIB + 64L * i;
            rig.header(header, VirtioBlkProtocol.T_IN, sector(0, i));
            rig.add(vq, header, List.of(), List.of(new GuestBuffer(32 * MIB + READ_BYTES * i, READ_BYTES)), header + 32);
        }
        rig.thread.doWork();
        List<BlockRequest> first = new ArrayList<>(rig.hostRequests);
        rig.hostRequests.clear();
        List<BlockRequest> asSubmitted = first.stream().map(BlockRequest::snapshot).toList();
        for (int i : new int[] {2, 0}) {
            first.get(i).setData(filled(READ_BYTES, pattern(first.get(i).sector())));
            first.get(i).complete(null, Status.OK, 0);
        }
        rig.thread.doWork();
        while (vq.getUsed(used)) {
            long header = 16 * MIB + 64L * (4 + rig.hostRequests.size());
            rig.header(header, VirtioBlkProtocol.T_IN, sector(1, rig.hostRequests.size()));
            rig.add(vq, header, List.of(), List.of(new GuestBuffer(40 * MIB + READ_BYTES * rig.hostRequests.size(),
                    READ_BYTES)), header + 32);
            rig.thread.doWork();
        }
        List<BlockRequest> second = rig.hostRequests;
        assertThat(second).hasSize(2);
        assertThat(second).as("the completed heads' requests, rebuilt")
                .allSatisfy(r -> assertThat(r).isIn(first.get(0), first.get(2)));
        assertThat(second.get(0)).isNotSameAs(second.get(1));
        assertThat(second).extracting(BlockRequest::sector).containsExactly(sector(1, 0), sector(1, 1));
        assertThat(asSubmitted.get(0).sector()).as("the snapshot keeps the first request").isEqualTo(sector(0, 0));
        for (int i : new int[] {1, 3}) {
            assertThat(first.get(i).sector()).as("still at the host, not rebuilt").isEqualTo(sector(0, i));
            assertThat(first.get(i).isCompleted()).isFalse();
            first.get(i).setData(filled(READ_BYTES, pattern(first.get(i).sector())));
            first.get(i).complete(null, Status.OK, 0);
        }
        for (BlockRequest r : second) {
            r.setData(filled(READ_BYTES, pattern(r.sector())));
            r.complete(null, Status.OK, 0);
        }
        rig.thread.doWork();
        for (int i = 0; i < 4; i++) {
            assertThat(read(rig, 32 * MIB + READ_BYTES * i, READ_BYTES)).as("first read %d", i)
                    .containsOnly(pattern(sector(0, i)));
        }
        for (int i = 0; i < 2; i++) {
            assertThat(read(rig, 40 * MIB + READ_BYTES * i, READ_BYTES)).as("second read %d", i)
                    .containsOnly(pattern(sector(1, i)));
        }
    }

    /** Three adjacent reads merged into one host request: each chain gets its own slice of the host's data. */
    @Test
    void mergedPartsEachGetTheirOwnSlice() {
        BackEndRig rig = new BackEndRig(64 * MIB, false, true);
        SplitVirtqueue<Object> vq = rig.serve(0x1000, 4, RingFeatures.of(RingFeature.INDIRECT_DESC).withIndirectMaxChain(4));
        for (int i = 0; i < 3; i++) {
            long header = 16 * MIB + 64L * i;
            rig.header(header, VirtioBlkProtocol.T_IN, 8L * i);
            rig.add(vq, header, List.of(), List.of(new GuestBuffer(32 * MIB + MIB * i, READ_BYTES)), header + 32);
        }
        rig.thread.doWork();
        assertThat(rig.hostRequests).hasSize(1);
        BlockRequest r = rig.hostRequests.get(0);
        assertThat(r.length()).isEqualTo(3 * READ_BYTES);
        byte[] data = new byte[3 * READ_BYTES];
        for (int i = 0; i < 3; i++) {
            Arrays.fill(data, i * READ_BYTES, (i + 1) * READ_BYTES, pattern(8L * i));
        }
        r.setData(data);
        r.complete(null, Status.OK, 0);
        rig.thread.doWork();
        for (int i = 0; i < 3; i++) {
            assertThat(read(rig, 32 * MIB + MIB * i, READ_BYTES)).as("part %d", i).containsOnly(pattern(8L * i));
            assertThat(rig.memory.readU8(16 * MIB + 64L * i + 32)).isEqualTo(VirtioBlkProtocol.S_OK);
        }
        assertThat(vq.statistics().get(org.mqvio.api.virtio.Virtqueue.PUSHED)).isEqualTo(3);
    }

    private static long sector(int round, int i) {
        return 1000L * round + 8L * i;
    }

    private static byte pattern(long sector) {
        return (byte) (sector * 37 + 11);
    }

    private static byte[] filled(int length, int value) {
        byte[] b = new byte[length];
        Arrays.fill(b, (byte) value);
        return b;
    }

    private static byte[] read(BackEndRig rig, long address, int length) {
        byte[] b = new byte[length];
        rig.memory.read(address, b, 0, length);
        return b;
    }

    /**
     * Offers the chain it gave first once more, at the first pop after {@link #offerAgain}, as a faulty virtqueue
     * would (a split ring never does: its device half refuses a head in flight).
     */
    private static final class OffersAgain extends ForwardingVirtqueue<Object> {
        private final DescriptorChain first = new DescriptorChain();
        private boolean again;

        OffersAgain(SplitVirtqueue<Object> vq) {
            super(vq);
        }

        void offerAgain() {
            again = true;
        }

        @Override
        public boolean pop(DescriptorChain into) {
            if (again && first.head() >= 0) {
                again = false;
                copy(first, into);
                return true;
            }
            boolean popped = vq.pop(into);
            if (popped && first.head() < 0) {
                copy(into, first);
            }
            return popped;
        }

        private static void copy(DescriptorChain from, DescriptorChain to) {
            to.start(from.head());
            for (int i = 0; i < from.descriptors(); i++) {
                to.append(from.address(i), from.length(i), from.writeOnly(i));
            }
        }
    }
}
