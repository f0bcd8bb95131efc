package org.mqvio.benchmarks;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import org.mqvio.virtio.ring.SplitRingLayout;

/**
 * The control of {@link HandoffBenchmark}: the least work the virtio split ring format allows per chain, so that
 * a run shows how much of the gap to a plain SPSC queue is the format and how much is mqvio's ring. One-buffer
 * chains only, in one {@code byte[]} laid out by {@link SplitRingLayout}, no notifications, no validation of
 * what the other side wrote beyond an empty descriptor, no tokens, no statistics: not a usable virtqueue, only a floor under the cost of
 * one.
 *
 * <p>Per chain the format still moves, between the two cores: a 16-byte descriptor and a 2-byte avail entry to
 * the device, an 8-byte used element back to the driver, and the descriptor's line back to the driver for its
 * next use; a plain SPSC queue of references moves one 4-byte slot each way.
 *
 * <p>Memory order as in mqvio's ring: each side publishes its index after a release fence and reads the
 * other's with an acquire fence after the load (byte-array views of 16-bit values have no release or acquire
 * modes), and reads it again only once the entries its last read covered are used up.
 */
final class BareSplitRing {
    private static final VarHandle U16 = MethodHandles.byteArrayViewVarHandle(short[].class, ByteOrder.LITTLE_ENDIAN);
    private static final VarHandle U32 = MethodHandles.byteArrayViewVarHandle(int[].class, ByteOrder.LITTLE_ENDIAN);
    private static final VarHandle U64 = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);

    private final byte[] ring;
    private final int mask;
    private final int availIdx;
    private final int availRing;
    private final int usedIdx;
    private final int usedRing;
    private final Driver driver;
    private final Device device;

    /** The driver's private state, padded off the device's (see mqvio's {@code RingSidePadding}). */
    @SuppressWarnings("unused")
    private static final class Driver {
        private long p00, p01, p02, p03, p04, p05, p06, p07, p08, p09, p10, p11, p12, p13, p14, p15;
        final int[] next;
        int freeHead;
        int numFree;
        int availShadow;
        int lastUsed;
        int usedSeen;

        Driver(int size) {
            next = new int[size];
            for (int i = 0; i < size - 1; i++) {
                next[i] = i + 1;
            }
            numFree = size;
        }
    }

    /** The device's private state. */
    @SuppressWarnings("unused")
    private static final class Device {
        private long p00, p01, p02, p03, p04, p05, p06, p07, p08, p09, p10, p11, p12, p13, p14, p15;
        int lastAvail;
        int availSeen;
        int usedShadow;
    }

    BareSplitRing(int size) {
        SplitRingLayout layout = new SplitRingLayout(size);
        this.ring = new byte[Math.toIntExact(layout.totalSize())];
        this.mask = size - 1;
        this.availIdx = (int) layout.availIdxOffset();
        this.availRing = (int) layout.availEntryOffset(0);
        this.usedIdx = (int) layout.usedIdxOffset();
        this.usedRing = (int) layout.usedElemOffset(0);
        this.driver = new Driver(size);
        this.device = new Device();
    }

    /** Driver: adds a one-buffer chain, for the next {@link #publish}; false when no descriptor is free. */
    boolean add(long address, int length) {
        Driver d = driver;
        if (d.numFree == 0) {
            return false;
        }
        int head = d.freeHead;
        d.freeHead = d.next[head];
        d.numFree--;
        int desc = SplitRingLayout.DESC_SIZE * head;
        U64.set(ring, desc + SplitRingLayout.DESC_ADDR, address);
        U32.set(ring, desc + SplitRingLayout.DESC_LEN, length);
        U16.set(ring, desc + SplitRingLayout.DESC_FLAGS, (short) 0);
        U16.set(ring, desc + SplitRingLayout.DESC_NEXT, (short) 0);
        U16.set(ring, availRing + 2 * (d.availShadow & mask), (short) head);
        d.availShadow = (d.availShadow + 1) & 0xFFFF;
        return true;
    }

    /** Driver: makes the chains added so far visible to the device. */
    void publish() {
        VarHandle.releaseFence();
        U16.set(ring, availIdx, (short) driver.availShadow);
    }

    /** Driver: takes back every chain the device has used; answers how many. */
    int reap() {
        Driver d = driver;
        int taken = 0;
        while (true) {
            if (d.usedSeen == d.lastUsed) {
                d.usedSeen = (short) U16.get(ring, usedIdx) & 0xFFFF;
                VarHandle.acquireFence();
                if (d.usedSeen == d.lastUsed) {
                    return taken;
                }
            }
            int head = (int) U32.get(ring, usedRing + SplitRingLayout.USED_ELEM_SIZE * (d.lastUsed & mask));
            d.next[head] = d.freeHead;
            d.freeHead = head;
            d.numFree++;
            d.lastUsed = (d.lastUsed + 1) & 0xFFFF;
            taken++;
        }
    }

    /** Device: pops the next chain, reads its descriptor and pushes it back used; false when none is available. */
    boolean popAndPush() {
        Device v = device;
        if (v.availSeen == v.lastAvail) {
            v.availSeen = (short) U16.get(ring, availIdx) & 0xFFFF;
            VarHandle.acquireFence();
            if (v.availSeen == v.lastAvail) {
                return false;
            }
        }
        int head = (short) U16.get(ring, availRing + 2 * (v.lastAvail & mask)) & 0xFFFF;
        v.lastAvail = (v.lastAvail + 1) & 0xFFFF;
        int desc = SplitRingLayout.DESC_SIZE * (head & mask);
        long address = (long) U64.get(ring, desc + SplitRingLayout.DESC_ADDR);
        int length = (int) U32.get(ring, desc + SplitRingLayout.DESC_LEN);
        if (length == 0 || address < 0) {
            throw new IllegalStateException("descriptor " + head + " holds no buffer: 0x"
                    + Long.toHexString(address) + "+" + length);
        }
        int used = usedRing + SplitRingLayout.USED_ELEM_SIZE * (v.usedShadow & mask);
        U32.set(ring, used + SplitRingLayout.USED_ELEM_ID, head);
        U32.set(ring, used + SplitRingLayout.USED_ELEM_LEN, 0);
        v.usedShadow = (v.usedShadow + 1) & 0xFFFF;
        VarHandle.releaseFence();
        U16.set(ring, usedIdx, (short) v.usedShadow);
        return true;
    }
}
