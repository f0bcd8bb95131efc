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
 * caller's {@link DescriptorChain}: nothing is allocated per chain. The descriptor being read lives in locals.
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

    /** The guest memory's size, read once: a guest's memory does not change size under a running queue. */
    private final long memorySize;
    /** The ring's descriptor table, resolved once: its offsets are the layout's. */
    private final RingPart descTable;
    /** Offset of descriptor 0 in {@link #descTable}. */
    private final long descTableOffset;
    /** Indirect tables, at guest addresses: every access checked. */
    private final RingPart guestTables;
    private final int size;
    private final boolean indirectNegotiated;

    ChainReader(GuestMemory memory, RingPart descTable, SplitRingLayout layout, RingFeatures features) {
        this.memorySize = memory.size();
        this.descTable = descTable;
        this.descTableOffset = layout.descOffset(0);
        this.guestTables = RingPart.unresolved(memory);
        this.size = layout.queueSize();
        this.indirectNegotiated = features.has(RingFeature.INDIRECT_DESC);
    }

    /**
     * Reads the chain starting at {@code head} (already checked to be below the queue size) into {@code into};
     * when it throws, {@code into} holds the part read before the refusal. The loop's work is the format's: per
     * descriptor one bound on the chain's length (its table's size and {@value #MAX_CHAIN_DESCRIPTORS} at once),
     * the flags, the buffer's range and the direction, tested together, and the link. An indirect head fails the
     * test as a descriptor and turns the loop to its table. A descriptor lives in locals while it is checked (its
     * address, and its len, flags and next as one word), and every refusal is worked out and worded in methods of
     * their own, off the path of a well-formed chain: that keeps this method small enough for the JIT to inline
     * into the pop.
     */
    void read(int head, DescriptorChain into) throws BadRingException {
        RingPart part = descTable;
        long table = descTableOffset;
        int max = size;
        int limit = Math.min(max, MAX_CHAIN_DESCRIPTORS);
        boolean indirect = false;
        int index = head;
        int readable = 0;
        int count = 0;
        into.start(head);
        while (true) {
            long at = table + (long) DESC_SIZE * index;
            long addr = part.readU64(at + DESC_ADDR);
            long tail = part.readU64(at + DESC_LEN);
            long len = SplitRingLayout.tailLen(tail);
            int flags = SplitRingLayout.tailFlags(tail);
            boolean writeOnly = (flags & DESC_F_WRITE) != 0;
            count++;
            if (!acceptable(count, limit, flags, addr, len, memorySize, readable)) {
                if (count == 1 && !indirect && (flags & DESC_F_INDIRECT) != 0) {
                    checkIndirect(head, addr, tail);
                    part = guestTables;
                    table = addr;
                    max = (int) (len / DESC_SIZE);
                    limit = Math.min(max, MAX_CHAIN_DESCRIPTORS);
                    indirect = true;
                    index = 0;
                    count = 0;
                    continue;
                }
                throw refusal(indirect, head, index, count, max, addr, len, flags, readable);
            }
            if (!writeOnly) {
                readable++;
            }
            into.append(addr, (int) len, writeOnly);
            if ((flags & DESC_F_NEXT) == 0) {
                return;
            }
            int next = SplitRingLayout.tailNext(tail);
            if (next >= max) {
                throw nextBeyondTable(indirect, head, index, next, max);
            }
            index = next;
        }
    }

    /**
     * Whether the {@code count}th descriptor of a chain, limited to {@code limit}, with {@code readable}
     * device-readable descriptors before it, passes every check of {@link #refusal}: not past the limit, not
     * indirect, a buffer of 1 byte to 2 GiB inside guest memory, readable only while no writable one came first.
     * The checks are one test of a sign: each term below is negative exactly when its check fails (no term can
     * overflow: {@code len} is below 2<sup>32</sup>, {@code room - addr} is taken only where both are
     * non-negative, else another term is negative already), so a well-formed descriptor costs one branch, and the
     * compiled pop one deoptimization point instead of seven.
     */
    private static boolean acceptable(int count, int limit, int flags, long addr, long len, long memorySize,
                                      int readable) {
        long room = memorySize - len;
        long failed = (limit - count)                              // past the limit
                | -(long) (flags & DESC_F_INDIRECT)                // indirect
                | (len - 1) | (Integer.MAX_VALUE - len)            // empty, or more than 2 GiB
                | addr | room | (room - addr)                      // not inside guest memory
                | (readable - count + 1) & ((flags & DESC_F_WRITE) - DESC_F_WRITE); // readable after writable
        return failed >= 0;
    }

    /**
     * Why the {@code count}th descriptor of the chain from {@code head}, descriptor {@code index} of its table of
     * {@code max}, was refused, the checks in the order {@link #read} states them: its place in the chain, its
     * flags, its buffer, its direction.
     */
    private BadRingException refusal(boolean indirect, int head, int index, int count, int max, long addr, long len,
                                     int flags, int readable) {
        if (count > Math.min(max, MAX_CHAIN_DESCRIPTORS)) {
            return tooLong(head, count, max);
        }
        if ((flags & DESC_F_INDIRECT) != 0) {
            return misplacedIndirect(indirect, head, index);
        }
        if (len == 0 || len > Integer.MAX_VALUE || !inMemory(addr, len)) {
            return badBuffer(where(indirect, head, index), addr, len);
        }
        return readableAfterWritable(indirect, head, index);
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

    /**
     * Checks the indirect head descriptor {@code head} ({@code addr} and its word of len, flags and next); the
     * error message is built only when it is refused.
     */
    private void checkIndirect(int head, long addr, long tail) throws BadRingException {
        long len = SplitRingLayout.tailLen(tail);
        if (!indirectNegotiated) {
            throw new BadRingException(indirectHead(head)
                    + " used, but VIRTIO_RING_F_INDIRECT_DESC was not negotiated");
        }
        if ((SplitRingLayout.tailFlags(tail) & DESC_F_NEXT) != 0) {
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
        if (!inMemory(addr, len)) {
            throw outsideMemory(indirectHead(head) + " table", addr, len);
        }
    }

    private static String indirectHead(int head) {
        return "indirect descriptor " + head;
    }

    /** Why the buffer {@code addr}+{@code len} of the descriptor {@code where} names was refused. */
    private BadRingException badBuffer(String where, long addr, long len) {
        if (len == 0) {
            return new BadRingException(where + " has a zero-length buffer");
        }
        if (len > Integer.MAX_VALUE) {
            return new BadRingException(where + " has a buffer of " + len + " bytes, more than 2 GiB");
        }
        return outsideMemory(where, addr, len);
    }

    private boolean inMemory(long addr, long len) {
        return addr >= 0 && len <= memorySize && addr <= memorySize - len;
    }

    private BadRingException outsideMemory(String where, long addr, long len) {
        return new BadRingException(where + ": buffer 0x" + Long.toHexString(addr) + "+" + len
                + " lies outside guest memory of 0x" + Long.toHexString(memorySize) + " bytes");
    }

    private static String where(boolean indirect, int head, int index) {
        return indirect ? "descriptor " + index + " of the indirect table of head " + head : "descriptor " + index;
    }
}
