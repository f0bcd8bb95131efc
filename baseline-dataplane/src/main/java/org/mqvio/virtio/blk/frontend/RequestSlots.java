package org.mqvio.virtio.blk.frontend;

import java.util.ArrayDeque;
import org.mqvio.virtio.blk.VirtioBlkProtocol;

/**
 * Where the guest driver keeps its requests in guest memory: one slot per ring entry, each with a header
 * and a status byte, and a data window of 1 MiB, the largest request the front-end sends (the memory is
 * sparse, so a window costs nothing until it is written).
 */
public final class RequestSlots {
    /** The largest request the front-end sends in one chain. */
    static final int MAX_DATA_BYTES = 1 << 20;
    private static final int CONTROL_STRIDE = 32;

    private final long controlBase;
    private final long dataBase;
    private final ArrayDeque<Integer> free = new ArrayDeque<>();

    /**
     * {@code count} slots (one per ring entry) from guest-physical address {@code base}, spanning
     * {@link #footprint(int)} bytes of guest memory.
     */
    public RequestSlots(long base, int count) {
        this.controlBase = base;
        this.dataBase = base + (long) count * CONTROL_STRIDE;
        for (int i = 0; i < count; i++) {
            free.add(i);
        }
    }

    /** Bytes of guest memory the slots span. */
    public static long footprint(int count) {
        return (long) count * CONTROL_STRIDE + (long) count * MAX_DATA_BYTES;
    }

    int allocate() {
        Integer slot = free.poll();
        if (slot == null) {
            throw new IllegalStateException("no free request slot: the front-end reserved more than the ring holds");
        }
        return slot;
    }

    void release(int slot) {
        free.add(slot);
    }

    long header(int slot) {
        return controlBase + (long) slot * CONTROL_STRIDE;
    }

    long status(int slot) {
        return header(slot) + VirtioBlkProtocol.HEADER_BYTES;
    }

    long data(int slot) {
        return dataBase + (long) slot * MAX_DATA_BYTES;
    }
}
