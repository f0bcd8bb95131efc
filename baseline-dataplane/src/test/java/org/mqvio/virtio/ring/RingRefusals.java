package org.mqvio.virtio.ring;

import static org.mqvio.virtio.ring.SplitRingLayout.DESC_F_NEXT;

import org.mqvio.virtio.ring.SplitVirtqueueCorruptionTest.Attack;

/**
 * Meets every refusal of the device half once: each of {@link SplitVirtqueueCorruptionTest}'s attacks, a chain
 * over the most descriptors a chain may have, and a buffer over 2 GiB. What the adversarial suite runs before it
 * measures anything, so that the first run of each refusal in the JVM (linking its message's string
 * concatenation, loading what its log event needs: a one-time cost) is not taken for what a guest can make
 * every pop cost.
 */
public final class RingRefusals {
    private RingRefusals() {
    }

    /** Pops a ring written by each refusal, with and without event idx. */
    public static void meetEach() {
        for (boolean eventIdx : new boolean[] {false, true}) {
            for (Attack attack : Attack.values()) {
                RingFeatures features = RingModel.features(eventIdx, attack == Attack.INDIRECT_NOT_NEGOTIATED ? 0 : 4);
                SplitVirtqueue<Integer> vq = new SplitVirtqueue<>(0, new SparseGuestMemory(
                        SplitVirtqueueCorruptionTest.MEMORY_BYTES), SplitVirtqueueCorruptionTest.VICTIM_BASE, 8, features);
                attack.write(new RawRing(vq, 0), 1);
                popAll(vq);
            }
            int longest = DeviceSideBounds.MAX_CHAIN + 1;
            SplitVirtqueue<Integer> tooLong = new SplitVirtqueue<>(0, new SparseGuestMemory(1L << 20), 0x1000,
                    2 * DeviceSideBounds.MAX_CHAIN, RingModel.features(eventIdx, 0));
            RawRing raw = new RawRing(tooLong, 0);
            for (int i = 0; i < longest; i++) {
                raw.desc(i, 0x80000, 1, i == longest - 1 ? 0 : DESC_F_NEXT, i + 1);
            }
            raw.offer(0);
            popAll(tooLong);
            SplitVirtqueue<Integer> huge = new SplitVirtqueue<>(0, new SparseGuestMemory(1L << 20), 0x1000, 8,
                    RingModel.features(eventIdx, 0));
            raw = new RawRing(huge, 0);
            raw.desc(0, 0, 0xFFFFFFFFL, 0, 0);
            raw.offer(0);
            popAll(huge);
        }
    }

    private static void popAll(SplitVirtqueue<?> vq) {
        for (int i = 0; i <= vq.size() && Chains.pop(vq).isPresent(); i++) {
            // each pop that succeeds is one chain more in flight
        }
    }
}
