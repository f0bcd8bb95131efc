package org.mqvio.virtio.blk.backend;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.mqvio.api.virtio.GuestBuffer;
import org.mqvio.api.virtio.Virtqueue;
import org.mqvio.virtio.blk.VirtioBlkProtocol;
import org.mqvio.virtio.ring.Chains;
import org.mqvio.virtio.ring.RingFeature;
import org.mqvio.virtio.ring.RingFeatures;
import org.mqvio.virtio.ring.SplitVirtqueue;

/**
 * The 16-bit ring indices wrap from 65535 to 0 under the back-end without a hitch: a queue started at 65533
 * through the public constructor crosses the wrap in six round trips instead of 65,536.
 */
class IndexWrapTest {
    private static final long MIB = 1L << 20;

    @Test
    void roundTripsAcrossTheWrapComplete() {
        for (RingFeatures features : List.of(RingFeatures.NONE, RingFeatures.of(RingFeature.EVENT_IDX))) {
            BackEndRig rig = new BackEndRig(16 * MIB);
            SplitVirtqueue<Object> vq = rig.serve(0x1000, 4, features, 65533);
            for (int trip = 0; trip < 6; trip++) {
                long header = MIB + 0x10000L * trip;
                rig.header(header, VirtioBlkProtocol.T_IN, trip);
                rig.add(vq, header, List.of(), List.of(new GuestBuffer(header + 0x1000, 512)), header + 64);
                rig.thread.doWork();
                rig.completeHostRequests();
                rig.thread.doWork();
                assertThat(Chains.getUsed(vq)).as("round trip %d with %s", trip, features.negotiated())
                        .map(Chains.Used::written).contains(1); // the rig's host returns no data: the status byte only
                assertThat(rig.memory.readU8(header + 64)).isEqualTo(VirtioBlkProtocol.S_OK);
            }
            assertThat(rig.memory.readU16(0x1000 + vq.layout().usedIdxOffset())).as("used idx: 65533 + 6, wrapped")
                    .isEqualTo(3);
            assertThat(vq.statistics().get(Virtqueue.PUSHED)).isEqualTo(6);
            assertThat(vq.brokenReason()).isEmpty();
        }
    }
}
