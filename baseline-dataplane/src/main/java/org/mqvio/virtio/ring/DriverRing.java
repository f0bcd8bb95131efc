package org.mqvio.virtio.ring;

import static org.mqvio.virtio.ring.SplitRingLayout.AVAIL_F_NO_INTERRUPT;
import static org.mqvio.virtio.ring.SplitRingLayout.DESC_ADDR;
import static org.mqvio.virtio.ring.SplitRingLayout.DESC_F_INDIRECT;
import static org.mqvio.virtio.ring.SplitRingLayout.DESC_F_NEXT;
import static org.mqvio.virtio.ring.SplitRingLayout.DESC_F_WRITE;
import static org.mqvio.virtio.ring.SplitRingLayout.DESC_LEN;
import static org.mqvio.virtio.ring.SplitRingLayout.DESC_SIZE;
import static org.mqvio.virtio.ring.SplitRingLayout.USED_F_NO_NOTIFY;

import java.util.List;
import java.util.Objects;
import org.mqvio.api.virtio.GuestBuffer;
import org.mqvio.api.virtio.GuestMemory;
import org.mqvio.api.virtio.UsedBuffer;

/**
 * The driver (guest) half of a split ring, after Linux's {@code drivers/virtio/virtio_ring.c}. It trusts
 * itself: the free list and chain links live in a private shadow array ({@code next}, Linux's
 * {@code desc_extra}), never read back from guest memory. Everything it shares with the device goes
 * through guest memory; the avail index is published only in {@link #publishAvailIdx}.
 *
 * <p>Memory order (live: the driver runs on vCPU threads under the queue's lock, the device on an IoThread):
 * <ul>
 *   <li>descriptors and avail entries are plain writes, published by a <b>release</b> store of
 *   {@code avail->idx} ({@link GuestMemory#writeU16Release}, Linux's {@code virtio_store_mb}/{@code wmb});</li>
 *   <li>{@code used->idx} is read with <b>acquire</b> ({@link GuestMemory#readU16Acquire}, Linux's
 *   {@code virtio_rmb} after the read) before the used elements it covers;</li>
 *   <li>a <b>full fence</b> separates the index store from the read of {@code avail_event} (or the used
 *   flags) in {@link #kickPrepare}, and the {@code used_event} store from the re-read of {@code used->idx} in
 *   {@link #enableCallback} (Linux's {@code virtio_mb}): without it both sides could read stale values and
 *   each wait for the other's notification.</li>
 * </ul>
 * Every other field is the driver's own and guarded by the queue's lock.
 */
final class DriverRing<T> extends RingSidePadding {

    /** With event idx, disabling callbacks parks {@code used_event} this far ahead of the last used index. */
    private static final int FAR_AHEAD = 0x8000;

    private final GuestMemory memory;
    private final SplitRingLayout layout;
    private final RingPart desc;
    private final RingPart avail;
    private final RingPart used;
    /** The driver's indirect tables: its own memory, after the ring. */
    private final RingPart indirectTables;
    private final int size;
    private final int mask;
    private final boolean eventIdx;
    private final int indirectMaxChain;
    private final long indirectBase;

    private final int[] next;
    private final int[] chainDescriptors;
    private final Object[] tokens;
    private int freeHead;
    private int numFree;

    private int availIdxShadow;
    private int publishedAvailIdx;
    private int lastUsedIdx;
    /** The device's used index as last read: entries up to it may be taken without reading it again. */
    private int shadowUsedIdx;
    private boolean callbacksEnabled = true;

    private long added;
    private long kicks;
    private long kickSuppressed;

    DriverRing(GuestMemory memory, SplitRingLayout layout, long base, RingFeatures features, long indirectBase,
               int initialIndex) {
        this.memory = memory;
        this.layout = layout;
        this.size = layout.queueSize();
        this.mask = size - 1;
        this.eventIdx = features.has(RingFeature.EVENT_IDX);
        this.indirectMaxChain = features.indirectMaxChain();
        this.indirectBase = indirectBase;
        this.desc = RingPart.of(memory, base, layout.descOffset(0), layout.descTableSize());
        this.avail = RingPart.of(memory, base, layout.availOffset(), layout.availSize());
        this.used = RingPart.of(memory, base, layout.usedOffset(), layout.usedSize());
        this.indirectTables = RingPart.of(memory, indirectBase, 0, (long) size * indirectMaxChain * DESC_SIZE);
        this.next = new int[size];
        for (int i = 0; i < size - 1; i++) {
            next[i] = i + 1;
        }
        this.chainDescriptors = new int[size];
        this.tokens = new Object[size];
        this.numFree = size;
        this.availIdxShadow = initialIndex;
        this.publishedAvailIdx = initialIndex;
        this.lastUsedIdx = initialIndex;
        this.shadowUsedIdx = initialIndex;
        avail.writeU16(layout.availOffset() + SplitRingLayout.AVAIL_FLAGS, 0);
        avail.writeU16(layout.availIdxOffset(), initialIndex);
        avail.writeU16(layout.usedEventOffset(), initialIndex);
    }

    int freeDescriptors() {
        return numFree;
    }

    /**
     * Adds a chain in one pass over its buffers: each is checked as its descriptor is written, as Linux's
     * {@code virtqueue_add_split} maps each buffer as it fills its descriptor. The descriptors written belong to
     * the driver until the avail entry below offers them, so a buffer refused half-way leaves the ring as it was:
     * the free list, the avail ring and every count are changed only once the whole chain is written. A chain
     * that finds too few free descriptors has its buffers checked first, so that a bad buffer is refused whether
     * or not the queue has room.
     */
    boolean add(List<GuestBuffer> readable, List<GuestBuffer> writable, T token) {
        Objects.requireNonNull(token, "token");
        int readableCount = readable.size();
        int count = readableCount + writable.size();
        boolean indirect = count > 1 && count <= indirectMaxChain;
        int needed = indirect ? 1 : count;
        if (count == 0 || needed > numFree) {
            return addNoRoom(readable, writable, count, needed);
        }
        int head = freeHead;
        if (indirect) {
            writeIndirect(head, readable, writable, readableCount, count);
            freeHead = next[head];
        } else {
            freeHead = writeDirect(head, readable, writable, readableCount, count);
        }
        numFree -= needed;
        chainDescriptors[head] = needed;
        tokens[head] = token;
        avail.writeU16(layout.availEntryOffset(availIdxShadow & mask), head);
        availIdxShadow = (availIdxShadow + 1) & 0xFFFF;
        added++;
        return true;
    }

    /**
     * {@link #add} of a chain of {@code count} buffers needing {@code needed} descriptors, more than are free (or
     * no buffer at all): refused with the first bad buffer, readable ones first, else with no buffer or a chain
     * too long for the queue; else not added now.
     */
    private boolean addNoRoom(List<GuestBuffer> readable, List<GuestBuffer> writable, int count, int needed) {
        checkBuffers(readable);
        checkBuffers(writable);
        if (count == 0) {
            throw new IllegalArgumentException("a descriptor chain needs at least one buffer");
        }
        if (needed > size) {
            throw neverFits(count, needed);
        }
        return false;
    }

    private IllegalStateException badUsedElement(long id, long written) {
        return id >= size || tokens[(int) id] == null
                ? new IllegalStateException("device returned used id " + id + " which is not a chain in flight")
                : new IllegalStateException("device returned a used length of " + written + " bytes");
    }

    private IllegalArgumentException neverFits(int count, int needed) {
        return new IllegalArgumentException("a chain of " + count + " buffers needs " + needed
                + " descriptors and can never fit a queue of " + size);
    }

    /** Writes a chain into free descriptors from {@code head} on, linked as the free list links them; answers the
     *  first descriptor after the chain (the new free list head). */
    private int writeDirect(int head, List<GuestBuffer> readable, List<GuestBuffer> writable, int readableCount,
                            int count) {
        int d = head;
        for (int i = 0; i < count; i++) {
            int following = next[d];
            writeDescriptor(desc, layout.descOffset(d), readable, writable, readableCount, count, i, following);
            d = following;
        }
        return d;
    }

    /** Writes a chain into {@code head}'s indirect table and one indirect descriptor pointing at it in {@code head}. */
    private void writeIndirect(int head, List<GuestBuffer> readable, List<GuestBuffer> writable, int readableCount,
                               int count) {
        long table = (long) head * indirectMaxChain * DESC_SIZE;
        for (int i = 0; i < count; i++) {
            writeDescriptor(indirectTables, table + (long) DESC_SIZE * i, readable, writable, readableCount, count, i,
                    i + 1);
        }
        writeDescriptor(desc, layout.descOffset(head), indirectBase + table, count * DESC_SIZE, DESC_F_INDIRECT, 0);
    }

    boolean kickPrepare() {
        int newIdx = availIdxShadow;
        int oldIdx = publishedAvailIdx;
        if (newIdx == oldIdx) {
            return false;
        }
        publishAvailIdx(newIdx);
        boolean kick = eventIdx
                ? SplitRingLayout.needEvent(used.readU16(layout.availEventOffset()), newIdx, oldIdx)
                : (used.readU16(layout.usedOffset() + SplitRingLayout.USED_FLAGS) & USED_F_NO_NOTIFY) == 0;
        if (kick) {
            kicks++;
        } else {
            kickSuppressed++;
        }
        return kick;
    }

    boolean getUsed(UsedBuffer<T> into) {
        if (shadowUsedIdx == lastUsedIdx && readUsedIdx() == lastUsedIdx) {
            return false;
        }
        long element = layout.usedElemOffset(lastUsedIdx & mask);
        long elem = used.readU64(element);
        long id = SplitRingLayout.usedElemId(elem);
        long written = SplitRingLayout.usedElemLen(elem);
        if (id >= size || tokens[(int) id] == null || written > Integer.MAX_VALUE) {
            throw badUsedElement(id, written);
        }
        int head = (int) id;
        @SuppressWarnings("unchecked")
        T token = (T) tokens[head];
        tokens[head] = null;
        free(head);
        lastUsedIdx = (lastUsedIdx + 1) & 0xFFFF;
        if (eventIdx) {
            writeUsedEvent();
        }
        into.set(token, (int) written);
        return true;
    }

    void disableCallback() {
        if (!callbacksEnabled) {
            return;
        }
        callbacksEnabled = false;
        if (eventIdx) {
            writeUsedEvent();
        } else {
            avail.writeU16(layout.availOffset() + SplitRingLayout.AVAIL_FLAGS, AVAIL_F_NO_INTERRUPT);
        }
    }

    boolean enableCallback() {
        if (!callbacksEnabled) {
            callbacksEnabled = true;
            if (!eventIdx) {
                avail.writeU16(layout.availOffset() + SplitRingLayout.AVAIL_FLAGS, 0);
            }
        }
        if (eventIdx) {
            writeUsedEvent();
        }
        memory.fullFence();
        return readUsedIdx() == lastUsedIdx;
    }

    long added() {
        return added;
    }

    long kicks() {
        return kicks;
    }

    long kickSuppressed() {
        return kickSuppressed;
    }

    int availIdx() {
        return availIdxShadow;
    }

    int lastUsedIdx() {
        return lastUsedIdx;
    }

    // ---- the indices shared with the device: one place each ----

    /**
     * Makes every chain added so far visible to the device: a release store (descriptors and avail entries
     * before the index) followed by a full fence (the index before the read of {@code avail_event} or the
     * used flags).
     */
    private void publishAvailIdx(int idx) {
        avail.writeU16Release(layout.availIdxOffset(), idx);
        memory.fullFence();
        publishedAvailIdx = idx;
    }

    /**
     * The device's used index: an acquire load (used elements after the index), remembered in
     * {@code shadowUsedIdx} so that {@link #getUsed} reads the shared index again only once it has taken every
     * entry the last read covered (the consumer-side index cache of Agrona's and JCTools' queues).
     */
    private int readUsedIdx() {
        int idx = used.readU16Acquire(layout.usedIdxOffset());
        shadowUsedIdx = idx;
        return idx;
    }

    /**
     * With event idx: asks for an interrupt after the next used entry when callbacks are enabled, and parks
     * {@code used_event} half the index space ahead when they are not, where the device's
     * {@code vring_need_event} check cannot reach it while at most {@code size} entries are outstanding.
     * (Linux writes 0 instead, which fires spuriously whenever the used index passes 0.)
     */
    private void writeUsedEvent() {
        int event = callbacksEnabled ? lastUsedIdx : lastUsedIdx + FAR_AHEAD;
        avail.writeU16(layout.usedEventOffset(), event & 0xFFFF);
    }

    // ---- descriptors ----

    /**
     * Writes buffer {@code i} of a chain of {@code count} (the {@code readableCount} readable ones first) as the
     * descriptor at {@code at} in {@code part}, linked to {@code nextIndex} unless it is the last.
     */
    private static void writeDescriptor(RingPart part, long at, List<GuestBuffer> readable,
                                        List<GuestBuffer> writable, int readableCount, int count, int i,
                                        int nextIndex) {
        boolean write = i >= readableCount;
        GuestBuffer buffer = write ? writable.get(i - readableCount) : readable.get(i);
        if (buffer == null || buffer.length() == 0) {
            throw badBuffer(buffer);
        }
        boolean last = i + 1 == count;
        int flags = (last ? 0 : DESC_F_NEXT) | (write ? DESC_F_WRITE : 0);
        writeDescriptor(part, at, buffer.address(), buffer.length(), flags, last ? 0 : nextIndex);
    }

    private static void writeDescriptor(RingPart part, long at, long address, int length, int flags, int nextIndex) {
        part.writeU64(at + DESC_ADDR, address);
        part.writeU64(at + DESC_LEN, SplitRingLayout.descTail(length, flags, nextIndex));
    }

    /** Returns a chain's descriptors to the free list: they are linked already, so only the tail moves. */
    private void free(int head) {
        int count = chainDescriptors[head];
        int tail = head;
        for (int i = 1; i < count; i++) {
            tail = next[tail];
        }
        next[tail] = freeHead;
        freeHead = head;
        numFree += count;
    }

    /** Throws for the first buffer that is null or empty. */
    private static void checkBuffers(List<GuestBuffer> buffers) {
        for (int i = 0, n = buffers.size(); i < n; i++) {
            GuestBuffer buffer = buffers.get(i);
            if (buffer == null || buffer.length() == 0) {
                throw badBuffer(buffer);
            }
        }
    }

    /** Why a buffer of a chain is refused: it is null or empty. */
    private static RuntimeException badBuffer(GuestBuffer buffer) {
        return buffer == null ? new NullPointerException("buffer")
                : new IllegalArgumentException("zero-length buffer " + buffer + ": devices reject them");
    }
}
