package org.mqvio.virtio.ring;

import static org.mqvio.virtio.ring.SplitRingLayout.DESC_ADDR;
import static org.mqvio.virtio.ring.SplitRingLayout.DESC_F_INDIRECT;
import static org.mqvio.virtio.ring.SplitRingLayout.DESC_F_NEXT;
import static org.mqvio.virtio.ring.SplitRingLayout.DESC_F_WRITE;
import static org.mqvio.virtio.ring.SplitRingLayout.DESC_LEN;
import static org.mqvio.virtio.ring.SplitRingLayout.DESC_SIZE;

import org.mqvio.api.virtio.DescriptorChain;
import org.mqvio.api.virtio.GuestMemory;

/**
 * Reads one descriptor chain for the device, treating every field as untrusted (after QEMU's
 * {@code virtqueue_split_pop}). Work and memory are bounded whatever the queue size: a chain is at most the
 * queue size long, or {@value RingFeatures#MAX_INDIRECT_CHAIN} descriptors in an indirect table, or it is
 * refused as a loop; and in any case at most {@value #MAX_CHAIN_DESCRIPTORS} descriptors, so one pop describes
 * at most that many buffers. Each descriptor is read from guest memory once, checked, and copied into the
 * caller's {@link DescriptorChain}: nothing is allocated per chain. Not thread-safe: it holds the descriptor
 * being read.
 */
final class ChainReader extends RingSidePadding {
    /**
     * Most descriptors in one chain, direct or indirect: QEMU's {@code VIRTQUEUE_MAX_SIZE} (1024, in
     * {@code include/hw/virtio/virtio.h}), the size of the address and iovec arrays {@code virtqueue_split_pop}
     * collects a chain into; a longer chain is an error there too. A Linux guest's chain is a virtio-blk
     * request of at most {@code seg_max} data buffers plus header and status, and QEMU's virtio-blk advertises
     * {@code seg_max} = queue size - 2 (126 without {@code seg-max-adjust}), with queue sizes of at most 1024:
     * a well-formed guest stays under this limit at any queue size.
     */
    static final int MAX_CHAIN_DESCRIPTORS = 1024;

    private final GuestMemory memory;
    /** The ring's descriptor table, resolved once: its offsets are the layout's. */
    private final RingPart descTable;
    /** Indirect tables, at guest addresses: every access checked. */
    private final RingPart guestTables;
    private final SplitRingLayout layout;
    private final int size;
    private final boolean indirectNegotiated;
    private long addr;
    private long len;
    private int flags;
    private int nextIndex;

    ChainReader(GuestMemory memory, RingPart descTable, SplitRingLayout layout, RingFeatures features) {
        this.memory = memory;
        this.descTable = descTable;
        this.guestTables = RingPart.unresolved(memory);
        this.layout = layout;
        this.size = layout.queueSize();
        this.indirectNegotiated = features.has(RingFeature.INDIRECT_DESC);
    }

    /**
     * Reads the chain starting at {@code head} (already checked to be below the queue size) into {@code into};
     * when it throws, {@code into} holds the part read before the refusal. The loop's work is the format's: per
     * descriptor one bound on the chain's length (its table's size and {@value #MAX_CHAIN_DESCRIPTORS} at once),
     * the flags, the buffer's range and the link; every refusal's message is built in a method of its own, off
     * the path of a well-formed chain, which keeps this method small enough for the JIT to inline into the pop.
     */
    void read(int head, DescriptorChain into) throws BadRingException {
        RingPart part = descTable;
        long table = layout.descOffset(0);
        int max = size;
        int index = head;
        load(part, table, index);
        boolean indirect = (flags & DESC_F_INDIRECT) != 0;
        if (indirect) {
            checkIndirect(head);
            part = guestTables;
            table = addr;
            max = (int) (len / DESC_SIZE);
            index = 0;
            load(part, table, index);
        }
        into.start(head);
        int limit = Math.min(max, MAX_CHAIN_DESCRIPTORS);
        int readable = 0;
        int count = 0;
        while (true) {
            if (++count > limit) {
                throw tooLong(head, count, max);
            }
            if ((flags & DESC_F_INDIRECT) != 0) {
                throw misplacedIndirect(indirect, head, index);
            }
            checkBuffer(indirect, head, index);
            boolean writeOnly = (flags & DESC_F_WRITE) != 0;
            if (!writeOnly) {
                if (readable < count - 1) {
                    throw readableAfterWritable(indirect, head, index);
                }
                readable++;
            }
            into.append(addr, (int) len, writeOnly);
            if ((flags & DESC_F_NEXT) == 0) {
                return;
            }
            if (nextIndex >= max) {
                throw nextBeyondTable(indirect, head, index, nextIndex, max);
            }
            index = nextIndex;
            load(part, table, index);
        }
    }

    /**
     * The refusal of a chain that reached its {@code count}th descriptor past its limit: longer than its table of
     * {@code max} (which only a loop can be), else longer than any chain may be.
     */
    private static BadRingException tooLong(int head, int count, int max) {
        return count > max
                ? new BadRingException("descriptor chain from head " + head + " is longer than the " + max
                        + " descriptors of its table: a loop")
                : new BadRingException("descriptor chain from head " + head + " has more than "
                        + MAX_CHAIN_DESCRIPTORS + " descriptors, the most a chain may have");
    }

    private static BadRingException readableAfterWritable(boolean indirect, int head, int index) {
        return new BadRingException(where(indirect, head, index)
                + " is device-readable but follows a device-writable descriptor");
    }

    private static BadRingException nextBeyondTable(boolean indirect, int head, int index, int next, int max) {
        return new BadRingException(where(indirect, head, index) + " links to next " + next + ", beyond the " + max
                + " descriptors of its table");
    }

    private static BadRingException misplacedIndirect(boolean indirect, int head, int index) {
        return new BadRingException(indirect
                ? where(true, head, index) + " is itself indirect: nested indirect tables are not allowed"
                : where(false, head, index) + " is indirect but not the head of its chain");
    }

    /** Checks the loaded indirect head descriptor; the error message is built only when it is refused. */
    private void checkIndirect(int head) throws BadRingException {
        if (!indirectNegotiated) {
            throw new BadRingException(indirectHead(head)
                    + " used, but VIRTIO_RING_F_INDIRECT_DESC was not negotiated");
        }
        if ((flags & DESC_F_NEXT) != 0) {
            throw new BadRingException(indirectHead(head) + " also has the NEXT flag");
        }
        if (len == 0 || len % DESC_SIZE != 0) {
            throw new BadRingException(indirectHead(head) + " has a table of " + len
                    + " bytes, not a non-zero multiple of " + DESC_SIZE);
        }
        if (len > (long) RingFeatures.MAX_INDIRECT_CHAIN * DESC_SIZE) {
            throw new BadRingException(indirectHead(head) + " has a table of " + len / DESC_SIZE
                    + " descriptors, more than the " + RingFeatures.MAX_INDIRECT_CHAIN + " allowed");
        }
        if (!inMemory()) {
            throw outsideMemory(indirectHead(head) + " table");
        }
    }

    private static String indirectHead(int head) {
        return "indirect descriptor " + head;
    }

    /** Checks the loaded descriptor's buffer; the error message is built only when the descriptor is refused. */
    private void checkBuffer(boolean indirect, int head, int index) throws BadRingException {
        if (len == 0 || len > Integer.MAX_VALUE || !inMemory()) {
            throw badBuffer(where(indirect, head, index));
        }
    }

    /** Why the loaded descriptor's buffer was refused. */
    private BadRingException badBuffer(String where) {
        if (len == 0) {
            return new BadRingException(where + " has a zero-length buffer");
        }
        if (len > Integer.MAX_VALUE) {
            return new BadRingException(where + " has a buffer of " + len + " bytes, more than 2 GiB");
        }
        return outsideMemory(where);
    }

    private boolean inMemory() {
        long memorySize = memory.size();
        return addr >= 0 && len <= memorySize && addr <= memorySize - len;
    }

    private BadRingException outsideMemory(String where) {
        return new BadRingException(where + ": buffer 0x" + Long.toHexString(addr) + "+" + len
                + " lies outside guest memory of 0x" + Long.toHexString(memory.size()) + " bytes");
    }

    /** Loads descriptor {@code index} of the table at offset {@code table} of {@code part}. */
    private void load(RingPart part, long table, int index) {
        long at = table + (long) DESC_SIZE * index;
        addr = part.readU64(at + DESC_ADDR);
        long tail = part.readU64(at + DESC_LEN);
        len = SplitRingLayout.tailLen(tail);
        flags = SplitRingLayout.tailFlags(tail);
        nextIndex = SplitRingLayout.tailNext(tail);
    }

    private static String where(boolean indirect, int head, int index) {
        return indirect ? "descriptor " + index + " of the indirect table of head " + head : "descriptor " + index;
    }
}
