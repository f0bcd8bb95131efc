package org.mqvio.virtio.ring;

import static org.mqvio.virtio.ring.SplitRingLayout.DESC_ADDR;
import static org.mqvio.virtio.ring.SplitRingLayout.DESC_FLAGS;
import static org.mqvio.virtio.ring.SplitRingLayout.DESC_F_INDIRECT;
import static org.mqvio.virtio.ring.SplitRingLayout.DESC_F_NEXT;
import static org.mqvio.virtio.ring.SplitRingLayout.DESC_F_WRITE;
import static org.mqvio.virtio.ring.SplitRingLayout.DESC_LEN;
import static org.mqvio.virtio.ring.SplitRingLayout.DESC_NEXT;
import static org.mqvio.virtio.ring.SplitRingLayout.DESC_SIZE;

import java.util.Arrays;
import java.util.List;
import org.mqvio.api.virtio.GuestBuffer;
import org.mqvio.api.virtio.GuestMemory;
import org.mqvio.api.virtio.VirtqueueElement;

/**
 * Reads one descriptor chain for the device, treating every field as untrusted (after QEMU's
 * {@code virtqueue_split_pop}). Work and memory are bounded whatever the queue size: a chain is at most the
 * queue size long, or {@value RingFeatures#MAX_INDIRECT_CHAIN} descriptors in an indirect table, or it is
 * refused as a loop; and in any case at most {@value #MAX_CHAIN_DESCRIPTORS} descriptors, so one pop describes
 * at most that many buffers. Not thread-safe: it holds the descriptor being read.
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
    private final long descTable;
    private final int size;
    private final boolean indirectNegotiated;

    /**
     * The buffers of the chain being read, in chain order (readable ones first): grown on demand up to the
     * longest chain seen, which the queue size or the indirect table limit bounds.
     */
    private GuestBuffer[] buffers = new GuestBuffer[4];
    private long addr;
    private long len;
    private int flags;
    private int nextIndex;

    ChainReader(GuestMemory memory, long descTable, int size, RingFeatures features) {
        this.memory = memory;
        this.descTable = descTable;
        this.size = size;
        this.indirectNegotiated = features.has(RingFeature.INDIRECT_DESC);
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
        int readable = 0;
        int count = 0;
        while (true) {
            if (++count > max) {
                throw new BadRingException("descriptor chain from head " + head + " is longer than the " + max
                        + " descriptors of its table: a loop");
            }
            if (count > MAX_CHAIN_DESCRIPTORS) {
                throw new BadRingException("descriptor chain from head " + head + " has more than "
                        + MAX_CHAIN_DESCRIPTORS + " descriptors, the most a chain may have");
            }
            if ((flags & DESC_F_INDIRECT) != 0) {
                throw new BadRingException(indirect
                        ? where(true, head, index) + " is itself indirect: nested indirect tables are not allowed"
                        : where(false, head, index) + " is indirect but not the head of its chain");
            }
            GuestBuffer buffer = buffer(indirect, head, index);
            if ((flags & DESC_F_WRITE) == 0) {
                if (readable < count - 1) {
                    throw new BadRingException(where(indirect, head, index)
                            + " is device-readable but follows a device-writable descriptor");
                }
                readable++;
            }
            collect(count - 1, buffer);
            if ((flags & DESC_F_NEXT) == 0) {
                return new VirtqueueElement(head, listOf(0, readable), listOf(readable, count));
            }
            if (nextIndex >= max) {
                throw new BadRingException(where(indirect, head, index) + " links to next " + nextIndex
                        + ", beyond the " + max + " descriptors of its table");
            }
            index = nextIndex;
            load(table, index);
        }
    }

    private void collect(int i, GuestBuffer buffer) {
        if (i == buffers.length) {
            buffers = Arrays.copyOf(buffers, 2 * i);
        }
        buffers[i] = buffer;
    }

    /**
     * Buffers {@code from} to {@code to} (exclusive) as an immutable list: {@link VirtqueueElement} keeps such
     * a list as it is, so a one- to three-buffer chain costs one small list per side and no copy.
     */
    private List<GuestBuffer> listOf(int from, int to) {
        GuestBuffer[] b = buffers;
        return switch (to - from) {
            case 0 -> List.of();
            case 1 -> List.of(b[from]);
            case 2 -> List.of(b[from], b[from + 1]);
            case 3 -> List.of(b[from], b[from + 1], b[from + 2]);
            default -> List.of(Arrays.copyOfRange(b, from, to));
        };
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
