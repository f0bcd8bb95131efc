package org.mqvio.virtio.blk.backend;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.mqvio.api.virtio.GuestBuffer;
import org.mqvio.api.virtio.Virtqueue;
import org.mqvio.virtio.blk.VirtioBlkProtocol;
import org.mqvio.virtio.ring.RecordingLogs;
import org.mqvio.virtio.ring.RingFeatures;
import org.mqvio.virtio.ring.SplitVirtqueue;

/**
 * A request the virtio-blk back-end refuses as malformed breaks its queue in one place: the queue's
 * {@link Virtqueue#brokenReason}, the thread's list of broken queues (what the data plane's statistics count)
 * and one warning in the log, all with the same reason; the other queue on the thread is served.
 */
class BackEndBreakTest {
    private static final long MIB = 1L << 20;

    @Test
    void aMalformedRequestBreaksItsQueueVisiblyOnceAndOnlyIt() {
        BackEndRig rig = new BackEndRig(16 * MIB);
        SplitVirtqueue<Object> rogue = rig.serve(0x1000, 16, RingFeatures.NONE);
        SplitVirtqueue<Object> other = rig.serve(0x10000, 16, RingFeatures.NONE);
        // A header one byte short.
        rogue.add(List.of(new GuestBuffer(MIB, VirtioBlkProtocol.HEADER_BYTES - 1)),
                List.of(new GuestBuffer(MIB + 64, 1)), "short header");
        rogue.kickPrepare();
        rig.header(2 * MIB, VirtioBlkProtocol.T_IN, 8);
        rig.add(other, 2 * MIB, List.of(), List.of(new GuestBuffer(3 * MIB, 4096)), 2 * MIB + 64);
        RecordingLogs.clear();

        rig.thread.doWork();
        rogue.breakWith("a second reason");

        String reason = rogue.brokenReason().orElseThrow();
        assertThat(reason).startsWith("virtqueue 0: ").contains("needs a 16-byte header first");
        assertThat(rig.thread.brokenQueues()).containsExactly(reason);
        assertThat(RecordingLogs.events()).singleElement().satisfies(e -> assertThat(e).startsWith("WARN ")
                .contains(reason));
        assertThat(other.brokenReason()).isEmpty();
        assertThat(rig.hostRequests).singleElement().satisfies(r -> assertThat(r.sector()).isEqualTo(8));
        assertThat(rig.thread.hasAvailable()).isFalse();
    }
}
