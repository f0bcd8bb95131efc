package org.mqvio.virtio.ring;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.mqvio.api.virtio.GuestBuffer;

/** {@link SplitVirtqueue#attachDevice}: a device side for a ring someone else set up and is using. */
class AttachDeviceTest {
    private static final long BASE = 0x1000;
    private static final int SIZE = 8;
    private static final RingFeatures FEATURES = RingFeatures.of(RingFeature.EVENT_IDX, RingFeature.INDIRECT_DESC);

    @Test
    void anAttachedDeviceWritesNothingAndResumesAfterTheUsedIndexAcrossTheWrap() {
        SparseGuestMemory memory = new SparseGuestMemory(1 << 20);
        // Started near the 16-bit wrap: three chains take the indices from 65533 through 65535 to 0.
        SplitVirtqueue<Integer> driverSide = new SplitVirtqueue<>(0, memory, BASE, SIZE, FEATURES, 65533);
        for (int token = 1; token <= 3; token++) {
            driverSide.add(List.of(new GuestBuffer(0x80000 + 0x1000L * token, 16)),
                    List.of(new GuestBuffer(0x80800 + 0x1000L * token, 1)), token);
        }
        driverSide.kickPrepare();
        Chains.Popped first = Chains.pop(driverSide).orElseThrow();
        driverSide.push(first.head(), 1);
        assertThat(Chains.getUsed(driverSide)).map(Chains.Used::token).contains(1);
        byte[] before = ring(memory);

        SplitVirtqueue<Void> device = SplitVirtqueue.attachDevice(0, memory, BASE, SIZE, FEATURES);

        assertThat(ring(memory)).as("the ring after attaching").isEqualTo(before);
        List<Chains.Popped> popped = new ArrayList<>();
        Chains.pop(device).ifPresent(popped::add);
        Chains.pop(device).ifPresent(popped::add);
        assertThat(Chains.pop(device)).isEmpty();
        assertThat(popped).extracting(e -> e.readable().get(0).address()).containsExactly(0x82000L, 0x83000L);
        popped.forEach(e -> device.push(e.head(), 1));
        assertThat(memory.readU16(BASE + device.layout().usedIdxOffset())).as("used idx after the wrap").isZero();
        assertThat(Chains.getUsed(driverSide)).map(Chains.Used::token).contains(2);
        assertThat(Chains.getUsed(driverSide)).map(Chains.Used::token).contains(3);
        assertThat(device.brokenReason()).isEmpty();
        assertThatThrownBy(() -> device.add(List.of(new GuestBuffer(0x90000, 1)), List.of(), null))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("driver");
        assertThat(device.freeDescriptors()).isZero();
    }

    private static byte[] ring(SparseGuestMemory memory) {
        byte[] bytes = new byte[(int) SplitVirtqueue.footprint(SIZE, FEATURES)];
        memory.read(BASE, bytes, 0, bytes.length);
        return bytes;
    }
}
