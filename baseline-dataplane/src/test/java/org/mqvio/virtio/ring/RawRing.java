package org.mqvio.virtio.ring;

import org.mqvio.api.virtio.GuestMemory;

/**
 * Writes a queue's driver-side structures byte by byte, as a buggy or hostile guest would, bypassing the
 * queue's own driver half.
 */
final class RawRing {

    private final SplitVirtqueue<?> queue;
    private final GuestMemory memory;
    private final SplitRingLayout layout;
    private int availIdx;

    /** A writer for {@code queue}, whose avail index currently is {@code availIdx}. */
    RawRing(SplitVirtqueue<?> queue, int availIdx) {
        this.queue = queue;
        this.memory = queue.memory();
        this.layout = queue.layout();
        this.availIdx = availIdx;
    }

    int size() {
        return queue.size();
    }

    GuestMemory memory() {
        return memory;
    }

    /** Writes descriptor {@code index} of the queue's own table. */
    void desc(int index, long addr, long len, int flags, int next) {
        descAt(queue.base() + layout.descOffset(0), index, addr, len, flags, next);
    }

    /** Writes descriptor {@code index} of the table at {@code table} (an indirect table). */
    void descAt(long table, int index, long addr, long len, int flags, int next) {
        long at = table + (long) SplitRingLayout.DESC_SIZE * index;
        memory.writeU64(at + SplitRingLayout.DESC_ADDR, addr);
        memory.writeU32(at + SplitRingLayout.DESC_LEN, len);
        memory.writeU16(at + SplitRingLayout.DESC_FLAGS, flags);
        memory.writeU16(at + SplitRingLayout.DESC_NEXT, next);
    }

    /** Offers {@code head} in the next avail ring slot and publishes it. */
    void offer(int head) {
        memory.writeU16(queue.base() + layout.availEntryOffset(availIdx & (size() - 1)), head);
        setAvailIdx(availIdx + 1);
    }

    void setAvailIdx(int idx) {
        availIdx = idx & 0xFFFF;
        memory.writeU16(queue.base() + layout.availIdxOffset(), availIdx);
    }
}
