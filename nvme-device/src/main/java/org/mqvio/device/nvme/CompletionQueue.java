package org.mqvio.device.nvme;

/**
 * An NVMe completion queue: a ring of {@code size} 16-byte entries in host memory that the controller
 * fills and the host consumes (NVM Express Base 2.0, section 3.3.1 and 4.6).
 *
 * <p>Protocol. The ring starts zeroed. The controller writes each entry at its tail with the current phase
 * tag, which starts at 1 and flips every time the tail wraps to 0, so the host tells a new entry from a
 * stale one by its phase alone. The host consumes entries at its head while their phase matches the phase
 * it expects (also starting at 1 and flipping when its head wraps), then writes the head doorbell, which
 * frees the slots for the controller. The controller never overwrites an entry the host has not released:
 * the ring is full when the tail is one behind the last head doorbell value, so it holds at most
 * {@code size - 1} entries. A head doorbell value outside the ring is ignored.
 *
 * <p>Live, the controller (device time) and the host driver (its queue's contexts) use the ring at once: every
 * method is synchronized, which stands for the atomicity of one DMA write or register access.
 */
final class CompletionQueue {
    private final int id;
    private final int size;
    private final byte[] entries;
    private int tail;
    private int phase = 1;
    private int headDoorbell;
    private int head;
    private int expectedPhase = 1;
    private long wraps;

    CompletionQueue(int id, int size) {
        if (size < 2 || size > 65536) {
            throw new IllegalArgumentException("completion queue " + id + " size " + size + "; allowed: 2..65536");
        }
        this.id = id;
        this.size = size;
        this.entries = new byte[size * CompletionEntry.BYTES];
    }

    synchronized int id() {
        return id;
    }

    synchronized int size() {
        return size;
    }

    // ---- controller side ----

    /** Controller: whether posting would overwrite an entry the host has not released. */
    synchronized boolean isFull() {
        return next(tail) == headDoorbell;
    }

    /** Controller: posts {@code entry} at the tail with the current phase; false (nothing written) if full. */
    synchronized boolean post(CompletionEntry entry) {
        return post(entry.dw0(), entry.sqHead(), entry.sqid(), entry.cid(), entry.status());
    }

    /**
     * Controller: posts the entry of these fields ({@link CompletionEntry}) at the tail with the current phase;
     * false (nothing written) if full.
     */
    synchronized boolean post(int dw0, int sqHead, int sqid, int cid, int status) {
        if (isFull()) {
            return false;
        }
        CompletionEntry.write(entries, tail * CompletionEntry.BYTES, phase, dw0, sqHead, sqid, cid, status);
        tail = next(tail);
        if (tail == 0) {
            phase ^= 1;
            wraps++;
        }
        return true;
    }

    /** Entries posted and not yet released by a head doorbell. */
    synchronized int occupied() {
        return Math.floorMod(tail - headDoorbell, size);
    }

    /** How many times the controller's tail went round the ring (and the phase flipped). */
    synchronized long wraps() {
        return wraps;
    }

    // ---- the doorbell register ----

    /** The head doorbell write; returns false (and ignores it) if the value is outside the ring. */
    synchronized boolean ringHeadDoorbell(int value) {
        if (value < 0 || value >= size) {
            return false;
        }
        headDoorbell = value;
        return true;
    }


    // ---- host side ----

    /**
     * Host: if the entry at the head is new by its phase tag, decodes it into {@code into}, advances the head
     * and returns true; else false, {@code into} untouched.
     */
    synchronized boolean poll(CompletionEntry into) {
        int offset = head * CompletionEntry.BYTES;
        if (CompletionEntry.phaseAt(entries, offset) != expectedPhase) {
            return false;
        }
        into.readFrom(entries, offset);
        head = next(head);
        if (head == 0) {
            expectedPhase ^= 1;
        }
        return true;
    }

    /** Host: the head, the value to write to the doorbell after consuming entries. */
    synchronized int head() {
        return head;
    }

    private int next(int index) {
        return index + 1 == size ? 0 : index + 1;
    }
}
