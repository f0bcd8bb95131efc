package org.mqvio.virtio.ring;

import static org.mqvio.virtio.ring.SplitRingLayout.AVAIL_FLAGS;
import static org.mqvio.virtio.ring.SplitRingLayout.AVAIL_F_NO_INTERRUPT;
import static org.mqvio.virtio.ring.SplitRingLayout.USED_FLAGS;
import static org.mqvio.virtio.ring.SplitRingLayout.USED_F_NO_NOTIFY;

import java.util.Arrays;
import java.util.Optional;
import org.mqvio.api.virtio.DescriptorChain;
import org.mqvio.api.virtio.GuestMemory;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The device (host) half of a split ring, after QEMU's {@code hw/virtio/virtio.c}. Everything it reads
 * from guest memory is untrusted: a malformed ring puts it in a broken state with a reason (QEMU's
 * {@code virtio_error}); it then pops nothing, drops pushes and never notifies. No guest input makes it
 * throw or loop without bound. The used index is published only in {@link #publishUsedIdx}; the avail
 * index is read only in {@link #readAvailIdx}. A pop reads the chain into the caller's {@link DescriptorChain}
 * and keeps per head one word, not in flight or in flight with the chain's writable bytes (to check a push):
 * the round trip allocates nothing.
 *
 * <p>Memory order (live: the device runs on its IoThread, the driver on vCPU threads):
 * <ul>
 *   <li>{@code avail->idx} is read with <b>acquire</b> ({@link GuestMemory#readU16Acquire}, QEMU's
 *   {@code smp_rmb} after it) before the avail entries and descriptors it covers;</li>
 *   <li>used elements, status bytes and read data are plain writes, published by a <b>release</b> store of
 *   {@code used->idx} ({@link GuestMemory#writeU16Release}, QEMU's {@code smp_wmb} before it);</li>
 *   <li>a <b>full fence</b> separates the used index store from the read of {@code used_event} (or the
 *   avail flags) in {@link #shouldNotify}, and enabling notifications from the caller's re-check of the
 *   avail index in {@link #setNotification} (QEMU's {@code smp_mb}).</li>
 * </ul>
 * Every other field belongs to the IoThread that serves the queue.
 */
final class DeviceRing extends RingSidePadding {
    private static final Logger LOG = LoggerFactory.getLogger(DeviceRing.class);

    /** {@link #inFlightWritable}'s mark of a head that is not in flight (a chain's writable bytes are never negative). */
    private static final long NOT_IN_FLIGHT = -1;

    private final GuestMemory memory;
    private final SplitRingLayout layout;
    private final RingPart avail;
    private final RingPart used;
    private final int queueIndex;
    private final int size;
    private final int mask;
    private final boolean eventIdx;
    private final ChainReader chains;

    /**
     * Per head: {@link #NOT_IN_FLIGHT}, or the chain is in flight (popped, not yet pushed) with this many
     * device-writable bytes, the most its push may say were written.
     */
    private final long[] inFlightWritable;
    private int lastAvailIdx;
    private int shadowAvailIdx;
    private int usedIdx;
    private int signalledUsed;
    private boolean notification = true;
    private String brokenReason;

    private long popped;
    private long pushed;
    private long notifies;
    private long notifySuppressed;

    DeviceRing(GuestMemory memory, SplitRingLayout layout, long base, int queueIndex, RingFeatures features,
               int initialIndex) {
        this.memory = memory;
        this.layout = layout;
        this.avail = RingPart.of(memory, base, layout.availOffset(), layout.availSize());
        this.used = RingPart.of(memory, base, layout.usedOffset(), layout.usedSize());
        this.queueIndex = queueIndex;
        this.size = layout.queueSize();
        this.mask = size - 1;
        this.eventIdx = features.has(RingFeature.EVENT_IDX);
        this.chains = new ChainReader(memory, RingPart.of(memory, base, layout.descOffset(0), layout.descTableSize()),
                layout, features);
        this.inFlightWritable = new long[size];
        Arrays.fill(inFlightWritable, NOT_IN_FLIGHT);
        this.lastAvailIdx = initialIndex;
        this.shadowAvailIdx = initialIndex;
        this.usedIdx = initialIndex;
        this.signalledUsed = initialIndex;
    }

    /** Writes the device's ring headers as for a ring just set up: no flags, the used and avail-event indices. */
    void initHeaders() {
        used.writeU16(layout.usedOffset() + USED_FLAGS, 0);
        used.writeU16(layout.usedIdxOffset(), usedIdx);
        used.writeU16(layout.availEventOffset(), usedIdx);
    }

    /** The used index the device side last published in the ring, read back from guest memory. */
    static int publishedUsedIdx(GuestMemory memory, SplitRingLayout layout, long base) {
        return memory.readU16Acquire(base + layout.usedIdxOffset());
    }

    boolean pop(DescriptorChain into) {
        if (brokenReason == null) {
            try {
                if (available()) {
                    popAvailable(into);
                    return true;
                }
            } catch (BadRingException | RuntimeException e) {
                breakWith(whyPopFailed(e));
            }
        }
        into.clear();
        return false;
    }

    /** Pops the chain the next avail entry offers into {@code into}: one is available. */
    private void popAvailable(DescriptorChain into) throws BadRingException {
        int head = avail.readU16(layout.availEntryOffset(lastAvailIdx & mask));
        long[] inFlight = inFlightWritable;
        // The array has one word per descriptor: bounding head by its length is the queue size check, and lets the
        // JIT drop the array's own bounds checks below.
        if (head >= inFlight.length || inFlight[head] != NOT_IN_FLIGHT) {
            throw badHead(head);
        }
        lastAvailIdx = (lastAvailIdx + 1) & 0xFFFF;
        if (eventIdx && notification) {
            used.writeU16(layout.availEventOffset(), lastAvailIdx);
        }
        chains.read(head, into);
        inFlight[head] = into.writableBytes();
        popped++;
    }

    /**
     * Why a pop failed: a refusal's reason, or a check missed (still the guest's doing, since the ring is all guest
     * data, so still only a break). One handler for both keeps the compiled pop small.
     */
    private static String whyPopFailed(Exception e) {
        return e instanceof BadRingException ? e.getMessage() : "reading the chain failed: " + e;
    }

    void push(int head, int written) {
        long capacity = head < 0 || head >= size ? NOT_IN_FLIGHT : inFlightWritable[head];
        if (capacity == NOT_IN_FLIGHT) {
            throw notInFlight(head);
        }
        if (written < 0 || written > capacity) {
            throw writtenOutOfRange(capacity, written);
        }
        inFlightWritable[head] = NOT_IN_FLIGHT;
        if (brokenReason != null) {
            return;
        }
        long slot = layout.usedElemOffset(usedIdx & mask);
        used.writeU64(slot, SplitRingLayout.usedElem(head, written));
        publishUsedIdx((usedIdx + 1) & 0xFFFF);
        pushed++;
    }

    /** Why the avail entry at {@code lastAvailIdx} offering {@code head} is refused. */
    private BadRingException badHead(int head) {
        return new BadRingException("avail ring entry " + lastAvailIdx + " offers head " + head
                + (head >= size ? ", but the queue has " + size + " descriptors"
                : ", which the device has popped and not pushed back"));
    }

    private static IllegalArgumentException writtenOutOfRange(long capacity, int written) {
        return new IllegalArgumentException("written must be from 0 to the chain's " + capacity
                + " device-writable bytes, was " + written);
    }

    private IllegalStateException notInFlight(int head) {
        return new IllegalStateException("queue " + queueIndex + ": chain with head " + head
                + " is not in flight (popped and not yet pushed)");
    }

    /**
     * QEMU's {@code virtio_should_notify}, asked after pushing: false if nothing was pushed since the last
     * call; otherwise, with event idx, whether the used index crossed {@code used_event} since the last
     * call, else whether the driver left NO_INTERRUPT clear. Either way the last call's used index becomes
     * the new reference.
     */
    boolean shouldNotify() {
        if (brokenReason != null || usedIdx == signalledUsed) {
            return false;
        }
        memory.fullFence();
        int old = signalledUsed;
        signalledUsed = usedIdx;
        boolean notify = eventIdx
                ? SplitRingLayout.needEvent(avail.readU16(layout.usedEventOffset()), usedIdx, old)
                : (avail.readU16(layout.availOffset() + AVAIL_FLAGS) & AVAIL_F_NO_INTERRUPT) == 0;
        if (notify) {
            notifies++;
        } else {
            notifySuppressed++;
        }
        return notify;
    }

    /**
     * QEMU's {@code virtio_queue_set_notification}: with event idx, enabling asks for a kick on the next
     * chain after the current avail index and disabling writes nothing (pops stop moving
     * {@code avail_event}); without it, clears or sets NO_NOTIFY in the used flags. After enabling, the
     * caller must re-check {@link #hasAvailable()} before sleeping.
     */
    void setNotification(boolean enabled) {
        notification = enabled;
        if (brokenReason != null) {
            return;
        }
        if (eventIdx) {
            if (enabled) {
                try {
                    used.writeU16(layout.availEventOffset(), readAvailIdx());
                } catch (BadRingException e) {
                    breakWith(e.getMessage());
                }
            }
        } else {
            used.writeU16(layout.usedOffset() + USED_FLAGS, enabled ? 0 : USED_F_NO_NOTIFY);
        }
        if (enabled) {
            memory.fullFence();
        }
    }

    boolean hasAvailable() {
        if (brokenReason != null) {
            return false;
        }
        try {
            return available();
        } catch (BadRingException e) {
            breakWith(e.getMessage());
            return false;
        }
    }

    Optional<String> brokenReason() {
        return Optional.ofNullable(brokenReason);
    }

    /** Chains in flight (popped, not yet pushed), counted when asked: for diagnostics, off the pop and push path. */
    int inUse() {
        int inUse = 0;
        for (long writable : inFlightWritable) {
            if (writable != NOT_IN_FLIGHT) {
                inUse++;
            }
        }
        return inUse;
    }

    int lastAvailIdx() {
        return lastAvailIdx;
    }

    int usedIdx() {
        return usedIdx;
    }

    long popped() {
        return popped;
    }

    long pushed() {
        return pushed;
    }

    long notifies() {
        return notifies;
    }

    long notifySuppressed() {
        return notifySuppressed;
    }

    // ---- the indices shared with the driver: one place each ----

    /** Makes a used element visible to the driver: a release store. */
    private void publishUsedIdx(int idx) {
        used.writeU16Release(layout.usedIdxOffset(), idx);
        usedIdx = idx;
    }

    /**
     * The driver's avail index, checked: it may run at most {@code size} chains ahead of the device. An
     * acquire load (avail entries and descriptors after the index).
     */
    private int readAvailIdx() throws BadRingException {
        int idx = avail.readU16Acquire(layout.availIdxOffset());
        if (((idx - lastAvailIdx) & 0xFFFF) > size) {
            throw tooFarAhead(idx);
        }
        shadowAvailIdx = idx;
        return idx;
    }

    private BadRingException tooFarAhead(int idx) {
        return new BadRingException("avail idx moved to " + idx + ", " + ((idx - lastAvailIdx) & 0xFFFF)
                + " chains ahead of the device's " + lastAvailIdx + ": more than the queue size " + size);
    }

    private boolean available() throws BadRingException {
        return shadowAvailIdx != lastAvailIdx || readAvailIdx() != lastAvailIdx;
    }

    /** Enters the broken state with {@code reason}, logged once; a queue broken already keeps its first reason. */
    void breakWith(String reason) {
        if (brokenReason != null) {
            return;
        }
        brokenReason = "virtqueue " + queueIndex + ": " + reason;
        LOG.warn("{}; the queue is broken: it serves nothing more until the device is reset", brokenReason);
    }
}
