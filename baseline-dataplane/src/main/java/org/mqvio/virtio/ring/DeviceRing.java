package org.mqvio.virtio.ring;

import static org.mqvio.virtio.ring.SplitRingLayout.AVAIL_FLAGS;
import static org.mqvio.virtio.ring.SplitRingLayout.AVAIL_F_NO_INTERRUPT;
import static org.mqvio.virtio.ring.SplitRingLayout.USED_ELEM_ID;
import static org.mqvio.virtio.ring.SplitRingLayout.USED_ELEM_LEN;
import static org.mqvio.virtio.ring.SplitRingLayout.USED_FLAGS;
import static org.mqvio.virtio.ring.SplitRingLayout.USED_F_NO_NOTIFY;

import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.mqvio.api.virtio.GuestBuffer;
import org.mqvio.api.virtio.GuestMemory;
import org.mqvio.api.virtio.VirtqueueElement;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The device (host) half of a split ring, after QEMU's {@code hw/virtio/virtio.c}. Everything it reads
 * from guest memory is untrusted: a malformed ring puts it in a broken state with a reason (QEMU's
 * {@code virtio_error}); it then pops nothing, drops pushes and never notifies. No guest input makes it
 * throw or loop without bound. The used index is published only in {@link #publishUsedIdx}; the avail
 * index is read only in {@link #readAvailIdx}.
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

    private final GuestMemory memory;
    private final SplitRingLayout layout;
    private final long base;
    private final int queueIndex;
    private final int size;
    private final int mask;
    private final boolean eventIdx;
    private final ChainReader chains;

    private final boolean[] inFlight;
    private int inUse;
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
        this.base = base;
        this.queueIndex = queueIndex;
        this.size = layout.queueSize();
        this.mask = size - 1;
        this.eventIdx = features.has(RingFeature.EVENT_IDX);
        this.chains = new ChainReader(memory, base + layout.descOffset(0), size, features);
        this.inFlight = new boolean[size];
        this.lastAvailIdx = initialIndex;
        this.shadowAvailIdx = initialIndex;
        this.usedIdx = initialIndex;
        this.signalledUsed = initialIndex;
    }

    /** Writes the device's ring headers as for a ring just set up: no flags, the used and avail-event indices. */
    void initHeaders() {
        memory.writeU16(base + layout.usedOffset() + USED_FLAGS, 0);
        memory.writeU16(base + layout.usedIdxOffset(), usedIdx);
        memory.writeU16(base + layout.availEventOffset(), usedIdx);
    }

    /** The used index the device side last published in the ring, read back from guest memory. */
    static int publishedUsedIdx(GuestMemory memory, SplitRingLayout layout, long base) {
        return memory.readU16Acquire(base + layout.usedIdxOffset());
    }

    Optional<VirtqueueElement> pop() {
        if (brokenReason != null) {
            return Optional.empty();
        }
        try {
            if (!available()) {
                return Optional.empty();
            }
            int head = memory.readU16(base + layout.availEntryOffset(lastAvailIdx & mask));
            if (head >= size) {
                throw new BadRingException("avail ring entry " + lastAvailIdx + " offers head " + head
                        + ", but the queue has " + size + " descriptors");
            }
            if (inFlight[head]) {
                throw new BadRingException("avail ring entry " + lastAvailIdx + " offers head " + head
                        + ", which the device has popped and not pushed back");
            }
            lastAvailIdx = (lastAvailIdx + 1) & 0xFFFF;
            if (eventIdx && notification) {
                memory.writeU16(base + layout.availEventOffset(), lastAvailIdx);
            }
            VirtqueueElement element = chains.read(head);
            inFlight[head] = true;
            inUse++;
            popped++;
            return Optional.of(element);
        } catch (BadRingException e) {
            breakWith(e.getMessage());
        } catch (RuntimeException e) {
            // A check missed above: still the guest's doing (the ring is all guest data), so still only a break.
            breakWith("reading the chain failed: " + e);
        }
        return Optional.empty();
    }

    void push(VirtqueueElement element, int written) {
        Objects.requireNonNull(element, "element");
        int head = element.head();
        if (head < 0 || head >= size || !inFlight[head]) {
            throw new IllegalStateException("queue " + queueIndex + ": element with head " + head
                    + " is not in flight (popped and not yet pushed)");
        }
        long capacity = 0;
        List<GuestBuffer> writable = element.writable();
        for (int i = 0, n = writable.size(); i < n; i++) {
            capacity += writable.get(i).length();
        }
        if (written < 0 || written > capacity) {
            throw new IllegalArgumentException("written must be from 0 to the chain's " + capacity
                    + " device-writable bytes, was " + written);
        }
        inFlight[head] = false;
        inUse--;
        if (brokenReason != null) {
            return;
        }
        long slot = base + layout.usedElemOffset(usedIdx & mask);
        memory.writeU32(slot + USED_ELEM_ID, head);
        memory.writeU32(slot + USED_ELEM_LEN, written);
        publishUsedIdx((usedIdx + 1) & 0xFFFF);
        pushed++;
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
                ? SplitRingLayout.needEvent(memory.readU16(base + layout.usedEventOffset()), usedIdx, old)
                : (memory.readU16(base + layout.availOffset() + AVAIL_FLAGS) & AVAIL_F_NO_INTERRUPT) == 0;
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
                    memory.writeU16(base + layout.availEventOffset(), readAvailIdx());
                } catch (BadRingException e) {
                    breakWith(e.getMessage());
                }
            }
        } else {
            memory.writeU16(base + layout.usedOffset() + USED_FLAGS, enabled ? 0 : USED_F_NO_NOTIFY);
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

    int inUse() {
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
        memory.writeU16Release(base + layout.usedIdxOffset(), idx);
        usedIdx = idx;
    }

    /**
     * The driver's avail index, checked: it may run at most {@code size} chains ahead of the device. An
     * acquire load (avail entries and descriptors after the index).
     */
    private int readAvailIdx() throws BadRingException {
        int idx = memory.readU16Acquire(base + layout.availIdxOffset());
        int ahead = (idx - lastAvailIdx) & 0xFFFF;
        if (ahead > size) {
            throw new BadRingException("avail idx moved to " + idx + ", " + ahead
                    + " chains ahead of the device's " + lastAvailIdx + ": more than the queue size " + size);
        }
        shadowAvailIdx = idx;
        return idx;
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
