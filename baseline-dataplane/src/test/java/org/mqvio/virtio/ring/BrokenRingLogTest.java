package org.mqvio.virtio.ring;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** A queue that a malformed ring breaks says so, once, as a warning with the reason (the backend is {@link RecordingLogs}). */
class BrokenRingLogTest {
    @Test
    void aRingThatBreaksTheQueueIsLoggedAsAWarningWithItsReason() {
        SplitVirtqueue<Integer> victim = new SplitVirtqueue<>(3, new SparseGuestMemory(1 << 20), 0x1000, 8,
                RingFeatures.NONE, 0);
        new RawRing(victim, 0).offer(8 + 5);
        RecordingLogs.clear();

        assertThat(Chains.pop(victim)).isEmpty();
        assertThat(Chains.pop(victim)).isEmpty();

        String reason = victim.brokenReason().orElseThrow();
        assertThat(reason).startsWith("virtqueue 3: ").contains("but the queue has");
        assertThat(RecordingLogs.events()).containsExactly("WARN " + DeviceRing.class.getName() + ": " + reason
                + "; the queue is broken: it serves nothing more until the device is reset");
    }
}
