package org.mqvio.virtio.ring;

/**
 * Where every field of a virtio 1.x split virtqueue lives (virtio spec, "Split Virtqueues"): the one place
 * that knows the byte layout. All fields are little-endian. Offsets are in bytes from the ring's base
 * address; the three parts are laid out contiguously, each at its required alignment:
 *
 * <pre>
 * offset 0                 descriptor table, 16-byte aligned, 16 * size bytes
 *                            struct virtq_desc { le64 addr; le32 len; le16 flags; le16 next; }
 * availOffset()            available ring (driver to device), 2-byte aligned, 6 + 2 * size bytes
 *                            le16 flags; le16 idx; le16 ring[size]; le16 used_event;
 * usedOffset()             used ring (device to driver), 4-byte aligned, 6 + 8 * size bytes
 *                            le16 flags; le16 idx; struct { le32 id; le32 len; } ring[size]; le16 avail_event;
 * totalSize()              end of the ring
 * </pre>
 *
 * <p>An instance describes one queue size (a power of two from 1 to {@value #MAX_QUEUE_SIZE}); it is
 * immutable. The constants and {@link #needEvent} are the spec's.
 */
public final class SplitRingLayout {

    /** Largest queue size the split ring allows. */
    public static final int MAX_QUEUE_SIZE = 32768;

    /** Bytes per descriptor. */
    public static final int DESC_SIZE = 16;
    /** Offset of {@code le64 addr} in a descriptor. */
    public static final int DESC_ADDR = 0;
    /** Offset of {@code le32 len} in a descriptor. */
    public static final int DESC_LEN = 8;
    /** Offset of {@code le16 flags} in a descriptor. */
    public static final int DESC_FLAGS = 12;
    /** Offset of {@code le16 next} in a descriptor. */
    public static final int DESC_NEXT = 14;
    /** Descriptor flag VIRTQ_DESC_F_NEXT: the chain continues at {@code next}. */
    public static final int DESC_F_NEXT = 1;
    /** Descriptor flag VIRTQ_DESC_F_WRITE: the buffer is device-writable. */
    public static final int DESC_F_WRITE = 2;
    /** Descriptor flag VIRTQ_DESC_F_INDIRECT: the buffer is a table of descriptors. */
    public static final int DESC_F_INDIRECT = 4;

    /** Offset of {@code le16 flags} in the available ring. */
    public static final int AVAIL_FLAGS = 0;
    /** Offset of {@code le16 idx} in the available ring. */
    public static final int AVAIL_IDX = 2;
    /** Offset of {@code le16 ring[0]} in the available ring. */
    public static final int AVAIL_RING = 4;
    /** Bytes per available ring entry. */
    public static final int AVAIL_ELEM_SIZE = 2;
    /** Available ring flag VIRTQ_AVAIL_F_NO_INTERRUPT: the driver asks not to be interrupted. */
    public static final int AVAIL_F_NO_INTERRUPT = 1;

    /** Offset of {@code le16 flags} in the used ring. */
    public static final int USED_FLAGS = 0;
    /** Offset of {@code le16 idx} in the used ring. */
    public static final int USED_IDX = 2;
    /** Offset of the first used element in the used ring. */
    public static final int USED_RING = 4;
    /** Bytes per used element. */
    public static final int USED_ELEM_SIZE = 8;
    /** Offset of {@code le32 id} in a used element. */
    public static final int USED_ELEM_ID = 0;
    /** Offset of {@code le32 len} in a used element. */
    public static final int USED_ELEM_LEN = 4;
    /** Used ring flag VIRTQ_USED_F_NO_NOTIFY: the device asks not to be kicked. */
    public static final int USED_F_NO_NOTIFY = 1;

    // ---- fields that lie side by side, accessed as one little-endian 64-bit word ----
    // A descriptor's len, flags and next fill its last 8 bytes, a used element's id and len its 8 bytes: the ring
    // reads and writes each group in one access (as QEMU reads a descriptor and writes a used element whole).

    /** A descriptor's word at {@link #DESC_LEN}: {@code len} in bits 0-31, {@code flags} 32-47, {@code next} 48-63. */
    static long descTail(long len, int flags, int next) {
        return (len & 0xFFFF_FFFFL) | (long) (flags & 0xFFFF) << 32 | (long) (next & 0xFFFF) << 48;
    }

    /** {@code len} of a descriptor's word at {@link #DESC_LEN}. */
    static long tailLen(long tail) {
        return tail & 0xFFFF_FFFFL;
    }

    /** {@code flags} of a descriptor's word at {@link #DESC_LEN}. */
    static int tailFlags(long tail) {
        return (int) (tail >>> 32) & 0xFFFF;
    }

    /** {@code next} of a descriptor's word at {@link #DESC_LEN}. */
    static int tailNext(long tail) {
        return (int) (tail >>> 48);
    }

    /** A used element as one word: {@code id} in bits 0-31, {@code len} in 32-63. */
    static long usedElem(long id, long len) {
        return (id & 0xFFFF_FFFFL) | (len & 0xFFFF_FFFFL) << 32;
    }

    /** {@code id} of a used element's word. */
    static long usedElemId(long elem) {
        return elem & 0xFFFF_FFFFL;
    }

    /** {@code len} of a used element's word. */
    static long usedElemLen(long elem) {
        return elem >>> 32;
    }

    /** Required alignment of the descriptor table. */
    public static final int DESC_ALIGN = 16;
    /** Required alignment of the available ring. */
    public static final int AVAIL_ALIGN = 2;
    /** Required alignment of the used ring. */
    public static final int USED_ALIGN = 4;

    private final int queueSize;
    private final long availOffset;
    private final long usedOffset;

    /**
     * The layout of a ring of {@code queueSize} descriptors.
     *
     * @throws IllegalArgumentException unless {@code queueSize} is a power of two from 1 to 32768
     */
    public SplitRingLayout(int queueSize) {
        checkQueueSize(queueSize);
        this.queueSize = queueSize;
        this.availOffset = alignUp((long) DESC_SIZE * queueSize, AVAIL_ALIGN);
        this.usedOffset = alignUp(availOffset + AVAIL_RING + (long) AVAIL_ELEM_SIZE * queueSize + 2, USED_ALIGN);
    }

    /** Whether {@code queueSize} is a power of two from 1 to {@value #MAX_QUEUE_SIZE}. */
    public static boolean isValidQueueSize(int queueSize) {
        return queueSize >= 1 && queueSize <= MAX_QUEUE_SIZE && Integer.bitCount(queueSize) == 1;
    }

    /** Throws {@link IllegalArgumentException} with the allowed range unless {@code queueSize} is valid. */
    public static void checkQueueSize(int queueSize) {
        if (!isValidQueueSize(queueSize)) {
            throw new IllegalArgumentException("virtqueue size must be a power of two from 1 to "
                    + MAX_QUEUE_SIZE + " (1, 2, 4, ..., 32768), was " + queueSize);
        }
    }

    /**
     * The spec's {@code vring_need_event}: whether moving an index from {@code oldIdx} to {@code newIdx}
     * crosses the other side's {@code eventIdx}, i.e. whether {@code eventIdx} lies in
     * {@code [oldIdx, newIdx)} in 16-bit wrapping arithmetic. All three are 16-bit ring indices.
     */
    public static boolean needEvent(int eventIdx, int newIdx, int oldIdx) {
        return ((newIdx - eventIdx - 1) & 0xFFFF) < ((newIdx - oldIdx) & 0xFFFF);
    }

    /** {@code value} rounded up to a multiple of {@code alignment} (a power of two). */
    public static long alignUp(long value, int alignment) {
        return (value + alignment - 1) & -alignment;
    }

    /** Number of descriptors. */
    public int queueSize() {
        return queueSize;
    }

    /** Offset of descriptor {@code index} (0 &lt;= index &lt; size). */
    public long descOffset(int index) {
        return (long) DESC_SIZE * index;
    }

    /** Bytes of the descriptor table. */
    public long descTableSize() {
        return (long) DESC_SIZE * queueSize;
    }

    /** Offset of the available ring. */
    public long availOffset() {
        return availOffset;
    }

    /** Offset of the available ring's {@code idx}. */
    public long availIdxOffset() {
        return availOffset + AVAIL_IDX;
    }

    /** Offset of available ring entry {@code slot} (0 &lt;= slot &lt; size: a ring index masked by size - 1). */
    public long availEntryOffset(int slot) {
        return availOffset + AVAIL_RING + (long) AVAIL_ELEM_SIZE * slot;
    }

    /** Offset of {@code used_event}, the last field of the available ring (VIRTIO_RING_F_EVENT_IDX). */
    public long usedEventOffset() {
        return availEntryOffset(queueSize);
    }

    /** Bytes of the available ring, {@code used_event} included. */
    public long availSize() {
        return AVAIL_RING + (long) AVAIL_ELEM_SIZE * queueSize + 2;
    }

    /** Offset of the used ring. */
    public long usedOffset() {
        return usedOffset;
    }

    /** Offset of the used ring's {@code idx}. */
    public long usedIdxOffset() {
        return usedOffset + USED_IDX;
    }

    /** Offset of used element {@code slot} (0 &lt;= slot &lt; size). */
    public long usedElemOffset(int slot) {
        return usedOffset + USED_RING + (long) USED_ELEM_SIZE * slot;
    }

    /** Offset of {@code avail_event}, the last field of the used ring (VIRTIO_RING_F_EVENT_IDX). */
    public long availEventOffset() {
        return usedElemOffset(queueSize);
    }

    /** Bytes of the used ring, {@code avail_event} included. */
    public long usedSize() {
        return USED_RING + (long) USED_ELEM_SIZE * queueSize + 2;
    }

    /** Bytes from the base address to the end of the used ring. */
    public long totalSize() {
        return usedOffset + usedSize();
    }

    @Override
    public String toString() {
        return "SplitRingLayout[size=" + queueSize + ", avail@" + availOffset + ", used@" + usedOffset
                + ", total=" + totalSize() + "]";
    }
}
