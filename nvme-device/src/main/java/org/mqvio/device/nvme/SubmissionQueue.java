package org.mqvio.device.nvme;

/**
 * An NVMe submission queue: a ring of {@code size} 64-byte entries in host memory that the host fills and
 * the controller consumes (NVM Express Base 2.0, section 3.3.1).
 *
 * <p>Protocol. The host writes entries at its tail and then publishes the tail by writing the queue's tail
 * doorbell, once per batch. The controller fetches from its head up to the last doorbell value and reports
 * its head in every completion entry. The ring is full when the tail is one behind the head: it holds at
 * most {@code size - 1} entries. The host side never writes into a full ring (the driver keeps fewer
 * commands in flight than that, so a full ring here is a driver bug and throws). A doorbell value outside
 * the ring is an invalid doorbell write, which the controller ignores.
 *
 * <p>Each side's fields are written by that side only; the doorbell is the one field the host writes and
 * the controller reads. Not thread-safe by itself: the host side runs under its queue's lock and the
 * controller side on the controller.
 *
 * <p>Live, the controller (device time) and the host driver (its queue's contexts) use the ring at once: every
 * method is synchronized, which stands for the atomicity of one DMA write or register access.
 */
final class SubmissionQueue {
    private final int id;
    private final int size;
    private final byte[] entries;
    private int tail;
    private int reportedHead;
    private int doorbell;
    private int head;

    SubmissionQueue(int id, int size) {
        if (size < 2 || size > 65536) {
            throw new IllegalArgumentException("submission queue " + id + " size " + size + "; allowed: 2..65536");
        }
        this.id = id;
        this.size = size;
        this.entries = new byte[size * Command.BYTES];
    }

    synchronized int id() {
        return id;
    }

    synchronized int size() {
        return size;
    }

    // ---- host side ----

    /** Whether the host can place no entry: its tail is one behind the head the controller last reported. */
    synchronized boolean isFull() {
        return next(tail) == reportedHead;
    }

    /** Host: writes {@code command} at the tail and advances it (not yet visible to the controller). */
    synchronized void place(Command command) {
        requireRoom();
        command.writeTo(entries, tail * Command.BYTES);
        tail = next(tail);
    }

    /**
     * Host: writes a Read, Write or Write Zeroes ({@link Command#writeBlockCommand}) at the tail and advances it,
     * as {@link #place} does with the command object.
     */
    synchronized void placeBlockCommand(int opcode, int cid, long slba, int blocks, boolean fua, long prp1) {
        requireRoom();
        Command.writeBlockCommand(entries, tail * Command.BYTES, opcode, cid, slba, blocks, fua, prp1);
        tail = next(tail);
    }

    private void requireRoom() {
        if (isFull()) {
            throw new IllegalStateException("submission queue " + id + " is full (size " + size
                    + "): the driver placed more commands than it has room for");
        }
    }

    /** Host: the tail, the value to write to the doorbell. */
    synchronized int tail() {
        return tail;
    }

    /** Host: records the head the controller reported in a completion entry. */
    synchronized void headReported(int sqHead) {
        reportedHead = sqHead;
    }

    /** Entries the host has placed that the controller has not reported fetched. */
    synchronized int placed() {
        return Math.floorMod(tail - reportedHead, size);
    }

    // ---- the doorbell register ----

    /** The tail doorbell write; returns false (and ignores it) if the value is outside the ring. */
    synchronized boolean ringDoorbell(int value) {
        if (value < 0 || value >= size) {
            return false;
        }
        doorbell = value;
        return true;
    }

    // ---- controller side ----

    /** Controller: entries published by the doorbell and not yet fetched. */
    synchronized int available() {
        return Math.floorMod(doorbell - head, size);
    }

    /** Controller: decodes the entry at the head into {@code into} and advances the head. */
    synchronized void fetch(Command into) {
        if (available() == 0) {
            throw new IllegalStateException("submission queue " + id + " has no entry to fetch");
        }
        into.readFrom(entries, head * Command.BYTES);
        head = next(head);
    }

    /** Controller: whether a published, unfetched entry carries command id {@code cid}. */
    synchronized boolean holdsUnfetched(int cid) {
        for (int i = head; i != doorbell; i = next(i)) {
            if (Command.cidAt(entries, i * Command.BYTES) == cid) {
                return true;
            }
        }
        return false;
    }

    /** Controller: the head, reported in completion entries. */
    synchronized int head() {
        return head;
    }


    private int next(int index) {
        return index + 1 == size ? 0 : index + 1;
    }
}
