package org.mqvio.dataplane.baseline.virtio;

import static org.mqvio.dataplane.baseline.virtio.SplitRingLayout.DESC_ADDR;
import static org.mqvio.dataplane.baseline.virtio.SplitRingLayout.DESC_FLAGS;
import static org.mqvio.dataplane.baseline.virtio.SplitRingLayout.DESC_F_INDIRECT;
import static org.mqvio.dataplane.baseline.virtio.SplitRingLayout.DESC_F_NEXT;
import static org.mqvio.dataplane.baseline.virtio.SplitRingLayout.DESC_F_WRITE;
import static org.mqvio.dataplane.baseline.virtio.SplitRingLayout.DESC_LEN;
import static org.mqvio.dataplane.baseline.virtio.SplitRingLayout.DESC_NEXT;
import static org.mqvio.dataplane.baseline.virtio.SplitRingLayout.DESC_SIZE;

import java.util.ArrayList;
import java.util.List;
import org.mqvio.api.virtio.GuestBuffer;
import org.mqvio.api.virtio.GuestMemory;
import org.mqvio.api.virtio.VirtqueueElement;

/**
 * Reads one descriptor chain for the device, treating every field as untrusted (after QEMU's
 * {@code virtqueue_split_pop}). Work is bounded: a chain is at most the queue size long, or
 * {@value RingFeatures#MAX_INDIRECT_CHAIN} descriptors in an indirect table, or it is refused as a loop.
 * Not thread-safe: it holds the descriptor being read.
 */
final class ChainReader extends RingSidePadding {

    private final GuestMemory memory;
    private final long descTable;
    private final int size;
    private final boolean indirectNegotiated;

    private long addr;
    private long len;
    private int flags;
    private int nextIndex;

    ChainReader(GuestMemory memory, long descTable, int size, boolean indirectNegotiated) {
        this.memory = memory;
        this.descTable = descTable;
        this.size = size;
        this.indirectNegotiated = indirectNegotiated;
    }

    /** The chain starting at {@code head} (already checked to be below the queue size). */
    VirtqueueElement read(int head) throws BadRingException {
        long table = descTable;
        int max = size;
        int index = head;
        load(table, index);
        boolean indirect = (flags & DESC_F_INDIRECT) != 0;
        if (indirect) {
            checkIndirect(head);
            table = addr;
            max = (int) (len / DESC_SIZE);
            index = 0;
            load(table, index);
        }
        List<GuestBuffer> readable = new ArrayList<>(4);
        List<GuestBuffer> writable = new ArrayList<>(4);
        int count = 0;
        while (true) {
            if (++count > max) {
                throw new BadRingException("descriptor chain from head " + head + " is longer than the " + max
                        + " descriptors of its table: a loop");
            }
            if ((flags & DESC_F_INDIRECT) != 0) {
                throw new BadRingException(indirect
                        ? where(true, head, index) + " is itself indirect: nested indirect tables are not allowed"
                        : where(false, head, index) + " is indirect but not the head of its chain");
            }
            GuestBuffer buffer = buffer(indirect, head, index);
            if ((flags & DESC_F_WRITE) != 0) {
                writable.add(buffer);
            } else if (writable.isEmpty()) {
                readable.add(buffer);
            } else {
                throw new BadRingException(where(indirect, head, index)
                        + " is device-readable but follows a device-writable descriptor");
            }
            if ((flags & DESC_F_NEXT) == 0) {
                return new VirtqueueElement(head, readable, writable);
            }
            if (nextIndex >= max) {
                throw new BadRingException(where(indirect, head, index) + " links to next " + nextIndex
                        + ", beyond the " + max + " descriptors of its table");
            }
            index = nextIndex;
            load(table, index);
        }
    }

    private void checkIndirect(int head) throws BadRingException {
        String where = "indirect descriptor " + head;
        if (!indirectNegotiated) {
            throw new BadRingException(where + " used, but VIRTIO_RING_F_INDIRECT_DESC was not negotiated");
        }
        if ((flags & DESC_F_NEXT) != 0) {
            throw new BadRingException(where + " also has the NEXT flag");
        }
        if (len == 0 || len % DESC_SIZE != 0) {
            throw new BadRingException(where + " has a table of " + len
                    + " bytes, not a non-zero multiple of " + DESC_SIZE);
        }
        if (len > (long) RingFeatures.MAX_INDIRECT_CHAIN * DESC_SIZE) {
            throw new BadRingException(where + " has a table of " + len / DESC_SIZE
                    + " descriptors, more than the " + RingFeatures.MAX_INDIRECT_CHAIN + " allowed");
        }
        checkInMemory(where + " table");
    }

    /** The loaded descriptor's buffer; the error message is built only when the descriptor is refused. */
    private GuestBuffer buffer(boolean indirect, int head, int index) throws BadRingException {
        if (len == 0) {
            throw new BadRingException(where(indirect, head, index) + " has a zero-length buffer");
        }
        if (len > Integer.MAX_VALUE) {
            throw new BadRingException(where(indirect, head, index) + " has a buffer of " + len
                    + " bytes, more than 2 GiB");
        }
        if (!inMemory()) {
            throw outsideMemory(where(indirect, head, index));
        }
        return new GuestBuffer(addr, (int) len);
    }

    private void checkInMemory(String where) throws BadRingException {
        if (!inMemory()) {
            throw outsideMemory(where);
        }
    }

    private boolean inMemory() {
        long memorySize = memory.size();
        return addr >= 0 && len <= memorySize && addr <= memorySize - len;
    }

    private BadRingException outsideMemory(String where) {
        return new BadRingException(where + ": buffer 0x" + Long.toHexString(addr) + "+" + len
                + " lies outside guest memory of 0x" + Long.toHexString(memory.size()) + " bytes");
    }

    private void load(long table, int index) {
        long at = table + (long) DESC_SIZE * index;
        addr = memory.readU64(at + DESC_ADDR);
        len = memory.readU32(at + DESC_LEN);
        flags = memory.readU16(at + DESC_FLAGS);
        nextIndex = memory.readU16(at + DESC_NEXT);
    }

    private static String where(boolean indirect, int head, int index) {
        return indirect ? "descriptor " + index + " of the indirect table of head " + head : "descriptor " + index;
    }
}
