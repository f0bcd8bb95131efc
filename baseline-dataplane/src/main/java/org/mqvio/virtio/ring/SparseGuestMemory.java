package org.mqvio.virtio.ring;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.util.Arrays;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicInteger;
import org.mqvio.api.virtio.GuestMemory;

/**
 * A flat, little-endian guest-physical address space of a fixed size, backed sparsely by 4 KiB pages.
 *
 * <p>Pages hang off a two-level directory (chunks of 65536 pages, allocated on demand too), so even a
 * 2<sup>46</sup>-byte address space costs about a megabyte until it is written.
 *
 * <p>Contract:
 * <ul>
 *   <li>Addresses run from 0 to {@link #size()} - 1. Every access is bounds-checked: an access that does not
 *       lie wholly inside the address space throws {@link IndexOutOfBoundsException} naming the access and
 *       the size, and changes nothing.</li>
 *   <li>A page is allocated on the first write that touches it; reading an untouched page returns zeros and
 *       allocates nothing, so a large address space costs only what is written.</li>
 *   <li>Writes store the low 8, 16 or 32 bits of their {@code value}, as a C cast would; reads return the
 *       unsigned value ({@code readU32} as a non-negative {@code long}; {@code readU64} as the raw 64 bits).</li>
 *   <li>Accesses may be unaligned and may cross page boundaries.</li>
 * </ul>
 *
 * <p>Concurrency: page allocation is safe when threads race on an untouched page (one page wins and no
 * write is lost); a page (and its chunk of the directory) is published by a compare-and-exchange, and a
 * thread that finds a page another thread allocated sees it zeroed (the look-up itself is two plain loads: see
 * {@code page}). The plain accessors have no ordering; code that shares guest memory between threads (a
 * virtqueue's driver and device) publishes with {@link #writeU16Release}, observes with
 * {@link #readU16Acquire} and fences with {@link #fullFence} (the interface's fence-based defaults: byte-array
 * views of 16-bit values offer no release or acquire access modes), which order every access around them.
 */
public final class SparseGuestMemory implements GuestMemory {

    /** Bytes per backing page. */
    public static final int PAGE_SIZE = 4096;

    /** Largest address space: 2^48 bytes (256 TiB). */
    public static final long MAX_SIZE = 1L << 48;

    private static final int PAGE_SHIFT = 12;
    private static final int PAGE_MASK = PAGE_SIZE - 1;
    private static final int CHUNK_SHIFT = 16;
    private static final int CHUNK_PAGES = 1 << CHUNK_SHIFT;
    private static final int CHUNK_MASK = CHUNK_PAGES - 1;

    private static final VarHandle SHORT_LE =
            MethodHandles.byteArrayViewVarHandle(short[].class, ByteOrder.LITTLE_ENDIAN);
    private static final VarHandle INT_LE =
            MethodHandles.byteArrayViewVarHandle(int[].class, ByteOrder.LITTLE_ENDIAN);
    private static final VarHandle LONG_LE =
            MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);
    private static final VarHandle PAGE_SLOT = MethodHandles.arrayElementVarHandle(byte[][].class);
    private static final VarHandle CHUNK_SLOT = MethodHandles.arrayElementVarHandle(byte[][][].class);

    private final long size;
    private final long pageCount;
    private final byte[][][] chunks;
    private final AtomicInteger allocatedPages = new AtomicInteger();

    /**
     * Creates an address space of {@code size} bytes, all zero.
     *
     * @param size bytes, from 1 to {@link #MAX_SIZE}
     * @throws IllegalArgumentException if {@code size} is out of that range
     */
    public SparseGuestMemory(long size) {
        if (size <= 0 || size > MAX_SIZE) {
            throw new IllegalArgumentException("guest memory size must be from 1 to " + MAX_SIZE
                    + " bytes (2^48), was " + size);
        }
        this.size = size;
        this.pageCount = (size + PAGE_MASK) >>> PAGE_SHIFT;
        this.chunks = new byte[(int) ((pageCount + CHUNK_MASK) >>> CHUNK_SHIFT)][][];
    }

    @Override
    public long size() {
        return size;
    }

    /** Number of 4 KiB pages written so far (the memory this instance really holds). */
    public int allocatedPages() {
        return allocatedPages.get();
    }

    // ---- scalar accessors: a fast path inside one page, a byte-wise path across pages ----

    @Override
    public int readU8(long address) {
        check(address, 1);
        byte[] page = pageOrNull(address);
        return page == null ? 0 : page[offset(address)] & 0xFF;
    }

    @Override
    public int readU16(long address) {
        check(address, 2);
        int offset = offset(address);
        if (offset <= PAGE_SIZE - 2) {
            byte[] page = pageOrNull(address);
            return page == null ? 0 : (short) SHORT_LE.get(page, offset) & 0xFFFF;
        }
        return (int) readSpanning(address, 2);
    }

    @Override
    public long readU32(long address) {
        check(address, 4);
        int offset = offset(address);
        if (offset <= PAGE_SIZE - 4) {
            byte[] page = pageOrNull(address);
            return page == null ? 0 : (int) INT_LE.get(page, offset) & 0xFFFF_FFFFL;
        }
        return readSpanning(address, 4);
    }

    @Override
    public long readU64(long address) {
        check(address, 8);
        int offset = offset(address);
        if (offset <= PAGE_SIZE - 8) {
            byte[] page = pageOrNull(address);
            return page == null ? 0 : (long) LONG_LE.get(page, offset);
        }
        return readSpanning(address, 8);
    }

    @Override
    public void writeU8(long address, int value) {
        check(address, 1);
        page(address)[offset(address)] = (byte) value;
    }

    @Override
    public void writeU16(long address, int value) {
        check(address, 2);
        int offset = offset(address);
        if (offset <= PAGE_SIZE - 2) {
            SHORT_LE.set(page(address), offset, (short) value);
        } else {
            writeSpanning(address, 2, value);
        }
    }

    @Override
    public void writeU32(long address, long value) {
        check(address, 4);
        int offset = offset(address);
        if (offset <= PAGE_SIZE - 4) {
            INT_LE.set(page(address), offset, (int) value);
        } else {
            writeSpanning(address, 4, value);
        }
    }

    @Override
    public void writeU64(long address, long value) {
        check(address, 8);
        int offset = offset(address);
        if (offset <= PAGE_SIZE - 8) {
            LONG_LE.set(page(address), offset, value);
        } else {
            writeSpanning(address, 8, value);
        }
    }

    // ---- bulk accessors ----

    @Override
    public void read(long address, byte[] destination, int offset, int length) {
        Objects.checkFromIndexSize(offset, length, destination.length);
        check(address, length);
        while (length > 0) {
            int inPage = offset(address);
            int chunk = Math.min(length, PAGE_SIZE - inPage);
            byte[] page = pageOrNull(address);
            if (page == null) {
                Arrays.fill(destination, offset, offset + chunk, (byte) 0);
            } else {
                System.arraycopy(page, inPage, destination, offset, chunk);
            }
            address += chunk;
            offset += chunk;
            length -= chunk;
        }
    }

    @Override
    public void write(long address, byte[] source, int offset, int length) {
        Objects.checkFromIndexSize(offset, length, source.length);
        check(address, length);
        while (length > 0) {
            int inPage = offset(address);
            int chunk = Math.min(length, PAGE_SIZE - inPage);
            System.arraycopy(source, offset, page(address), inPage, chunk);
            address += chunk;
            offset += chunk;
            length -= chunk;
        }
    }

    @Override
    public String toString() {
        return "SparseGuestMemory[size=0x" + Long.toHexString(size) + ", allocatedPages=" + allocatedPages() + "]";
    }

    // ---- for a ring's own parts (RingPart) ----

    /**
     * The page holding all {@code length} bytes at {@code address}, allocated if untouched (a page never moves once
     * allocated), or null when they cross a page boundary.
     *
     * @throws IndexOutOfBoundsException if the range is not wholly inside the address space, as any access
     */
    byte[] pageHolding(long address, long length) {
        check(address, length);
        return offset(address) + length > PAGE_SIZE ? null : page(address);
    }

    /** Where {@code address} falls in its page. */
    static int pageOffset(long address) {
        return offset(address);
    }

    // ---- internals ----

    private void check(long address, long length) {
        if (address < 0 || length < 0 || address > size - length) {
            throw new IndexOutOfBoundsException("guest memory access of " + length + " bytes at 0x"
                    + Long.toHexString(address) + " is outside [0, 0x" + Long.toHexString(size) + ")");
        }
    }

    private static int offset(long address) {
        return (int) address & PAGE_MASK;
    }

    /**
     * The page holding {@code address}, or null if it was never written (as far as this thread can tell: a page
     * another thread is allocating at the same moment reads as zeros either way). Plain loads: see
     * {@link #page}.
     */
    private byte[] pageOrNull(long address) {
        byte[][] chunk = chunks[(int) (address >>> (PAGE_SHIFT + CHUNK_SHIFT))];
        return chunk == null ? null : chunk[(int) (address >>> PAGE_SHIFT) & CHUNK_MASK];
    }

    /**
     * The page holding {@code address}, allocated (with its chunk) if this is its first write. The look-up is two
     * plain loads, as in {@link #pageOrNull}: a page found that way is zeroed for every thread (the default
     * values of a new array are visible to all, JLS 17.4.4), and whatever was written to it since is ordered by
     * the caller's own fences (a ring's release and acquire of its indices), as any guest memory access is. Only
     * a page not found so goes through the compare-and-exchange that decides which thread allocates it.
     */
    private byte[] page(long address) {
        byte[][] known = chunks[(int) (address >>> (PAGE_SHIFT + CHUNK_SHIFT))];
        if (known != null) {
            byte[] page = known[(int) (address >>> PAGE_SHIFT) & CHUNK_MASK];
            if (page != null) {
                return page;
            }
        }
        return allocatePage(address);
    }

    /** {@link #page}'s slow path: the page (and its chunk) allocated, or the one another thread allocated first. */
    private byte[] allocatePage(long address) {
        int chunkIndex = (int) (address >>> (PAGE_SHIFT + CHUNK_SHIFT));
        byte[][] chunk = (byte[][]) CHUNK_SLOT.getAcquire(chunks, chunkIndex);
        if (chunk == null) {
            long firstPage = (long) chunkIndex << CHUNK_SHIFT;
            byte[][] fresh = new byte[(int) Math.min(CHUNK_PAGES, pageCount - firstPage)][];
            byte[][] winner = (byte[][]) CHUNK_SLOT.compareAndExchange(chunks, chunkIndex, (byte[][]) null, fresh);
            chunk = winner == null ? fresh : winner;
        }
        int pageIndex = (int) (address >>> PAGE_SHIFT) & CHUNK_MASK;
        byte[] page = (byte[]) PAGE_SLOT.getAcquire(chunk, pageIndex);
        if (page != null) {
            return page;
        }
        byte[] fresh = new byte[PAGE_SIZE];
        byte[] winner = (byte[]) PAGE_SLOT.compareAndExchange(chunk, pageIndex, (byte[]) null, fresh);
        if (winner != null) {
            return winner;
        }
        allocatedPages.incrementAndGet();
        return fresh;
    }

    private long readSpanning(long address, int width) {
        long value = 0;
        for (int i = 0; i < width; i++) {
            byte[] page = pageOrNull(address + i);
            long b = page == null ? 0 : page[offset(address + i)] & 0xFF;
            value |= b << (8 * i);
        }
        return value;
    }

    private void writeSpanning(long address, int width, long value) {
        for (int i = 0; i < width; i++) {
            page(address + i)[offset(address + i)] = (byte) (value >>> (8 * i));
        }
    }
}
