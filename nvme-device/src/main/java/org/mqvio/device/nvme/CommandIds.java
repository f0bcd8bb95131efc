package org.mqvio.device.nvme;

/**
 * A submission queue's command identifiers on the host side: each command in flight holds a distinct id,
 * which the controller echoes in its completion entry, so the driver maps the entry back to its request.
 * Ids are 0 to {@code capacity - 1}; a freed id is the next one handed out. Guarded by the queue's lock.
 */
final class CommandIds {
    private final InFlight[] slots;
    private final int[] free;
    private int freeCount;

    CommandIds(int capacity) {
        if (capacity < 1 || capacity > 65536) {
            throw new IllegalArgumentException("command ids: capacity " + capacity + "; allowed: 1..65536");
        }
        slots = new InFlight[capacity];
        free = new int[capacity];
        for (int i = 0; i < capacity; i++) {
            free[i] = capacity - 1 - i;
        }
        freeCount = capacity;
    }

    boolean hasFree() {
        return freeCount > 0;
    }

    /** Gives {@code f} a free id and returns it. */
    int allocate(InFlight f) {
        if (freeCount == 0) {
            throw new IllegalStateException("no free command id among " + slots.length);
        }
        int cid = free[--freeCount];
        slots[cid] = f;
        f.cid = cid;
        return cid;
    }

    /** The command holding {@code cid}, or null if none does (or the id is out of range). */
    InFlight get(int cid) {
        return cid >= 0 && cid < slots.length ? slots[cid] : null;
    }

    /** Frees {@code cid}. */
    void release(int cid) {
        if (get(cid) == null) {
            throw new IllegalStateException("command id " + cid + " is not in use");
        }
        slots[cid] = null;
        free[freeCount++] = cid;
    }

    /** Ids held now. */
    int inUse() {
        return slots.length - freeCount;
    }
}
