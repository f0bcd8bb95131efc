package org.mqvio.virtio.ring;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import org.mqvio.api.virtio.GuestMemory;

/**
 * One part of a ring (its descriptor table, avail ring, used ring or indirect tables) with its guest memory
 * resolved once, when the queue is set up: the ring's fields are then read and written without the page
 * look-up and address check of every {@link GuestMemory} access. Offsets are bytes from the ring's base
 * address, as {@link SplitRingLayout} gives them.
 *
 * <p>When the part lies within one page of a {@link SparseGuestMemory} (a queue of up to 256 descriptors on a
 * page-aligned base: 4 KiB of descriptors, then both rings in the next page), its page is resolved (allocated if
 * untouched: a page once allocated never moves) and the part's fields are accessed in that array; otherwise, or
 * over any other {@link GuestMemory}, every access goes through the memory's checked accessors at
 * {@code base + offset}, as before. Either way the values and the order are the memory's: the ordered accesses
 * are the same release fence then plain store, and plain load then acquire fence, as {@link GuestMemory}'s
 * defaults, which {@link SparseGuestMemory} uses. The ring checked its placement inside guest memory when it was
 * set up and its offsets are masked slots: an offset outside the part is a bug of the ring, caught by the
 * array's own bounds check when it leaves the page.
 *
 * <p>Buffers a guest names in its descriptors (data, indirect tables the device reads) never go through a
 * resolved part: the device reads them through {@link #unresolved}, the checked path.
 */
final class RingPart {
    private static final VarHandle SHORT_LE =
            MethodHandles.byteArrayViewVarHandle(short[].class, ByteOrder.LITTLE_ENDIAN);
    private static final VarHandle INT_LE =
            MethodHandles.byteArrayViewVarHandle(int[].class, ByteOrder.LITTLE_ENDIAN);
    private static final VarHandle LONG_LE =
            MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);

    private final GuestMemory memory;
    private final long base;
    /** The page holding the whole part, or null: every access through {@link #memory}. */
    private final byte[] page;
    /** Where the ring's base address falls in {@link #page}: may be negative, the part's fields are not. */
    private final int pageBase;

    private RingPart(GuestMemory memory, long base, byte[] page, int pageBase) {
        this.memory = memory;
        this.base = base;
        this.page = page;
        this.pageBase = pageBase;
    }

    /**
     * The part of {@code length} bytes at {@code offset} from the ring's {@code base}, resolved to its page when
     * it lies within one page of a {@link SparseGuestMemory}.
     */
    static RingPart of(GuestMemory memory, long base, long offset, long length) {
        byte[] page = length > 0 && memory instanceof SparseGuestMemory sparse
                ? sparse.pageHolding(base + offset, length) : null;
        int pageBase = page == null ? 0 : SparseGuestMemory.pageOffset(base + offset) - (int) offset;
        return new RingPart(memory, base, page, pageBase);
    }

    /** All of {@code memory} at offsets from address 0, every access checked: for addresses the guest names. */
    static RingPart unresolved(GuestMemory memory) {
        return new RingPart(memory, 0, null, 0);
    }

    int readU16(long offset) {
        return page != null ? (short) SHORT_LE.get(page, pageBase + (int) offset) & 0xFFFF
                : memory.readU16(base + offset);
    }

    long readU32(long offset) {
        return page != null ? (int) INT_LE.get(page, pageBase + (int) offset) & 0xFFFF_FFFFL
                : memory.readU32(base + offset);
    }

    long readU64(long offset) {
        return page != null ? (long) LONG_LE.get(page, pageBase + (int) offset) : memory.readU64(base + offset);
    }

    void writeU16(long offset, int value) {
        if (page != null) {
            SHORT_LE.set(page, pageBase + (int) offset, (short) value);
        } else {
            memory.writeU16(base + offset, value);
        }
    }

    void writeU32(long offset, long value) {
        if (page != null) {
            INT_LE.set(page, pageBase + (int) offset, (int) value);
        } else {
            memory.writeU32(base + offset, value);
        }
    }

    void writeU64(long offset, long value) {
        if (page != null) {
            LONG_LE.set(page, pageBase + (int) offset, value);
        } else {
            memory.writeU64(base + offset, value);
        }
    }

    /** {@link GuestMemory#writeU16Release}: a release fence, then the store. */
    void writeU16Release(long offset, int value) {
        if (page != null) {
            VarHandle.releaseFence();
            SHORT_LE.set(page, pageBase + (int) offset, (short) value);
        } else {
            memory.writeU16Release(base + offset, value);
        }
    }

    /** {@link GuestMemory#readU16Acquire}: the load, then an acquire fence. */
    int readU16Acquire(long offset) {
        if (page != null) {
            int value = (short) SHORT_LE.get(page, pageBase + (int) offset) & 0xFFFF;
            VarHandle.acquireFence();
            return value;
        }
        return memory.readU16Acquire(base + offset);
    }

    /** Whether the part was resolved to one page (for tests and the benchmark's reader). */
    boolean resolved() {
        return page != null;
    }
}
