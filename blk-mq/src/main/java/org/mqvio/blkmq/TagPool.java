package org.mqvio.blkmq;

/**
 * A set of driver tags: {@code depth} tags, of which the first {@code reserved} are kept for requests that
 * must not wait behind ordinary I/O (Linux's reserved tags, allocated with {@code BLK_MQ_REQ_RESERVED}). An
 * ordinary request takes only an ordinary tag; a reserved-class request takes a reserved tag when one is free
 * and an ordinary one otherwise. One pool serves one hardware queue, or every hardware queue when tags are
 * shared.
 *
 * <p>Contract: a tag is in use from {@link #tryGet} until its {@link #put}; putting a tag that is not in
 * use throws.
 *
 * <p>Thread-safe (synchronized; innermost of the block layer's monitors): a shared tag set is used by every
 * hardware queue at once, as Linux's sbitmap is.
 */
final class TagPool {
    private final int depth;
    private final int reserved;
    private final int[] freeReserved;
    private final int[] freeNormal;
    private final boolean[] inUse;
    private int reservedTop;
    private int normalTop;
    private int used;
    private int maxUsed;

    /**
     * @throws IllegalArgumentException if {@code depth < 1} or {@code reserved} is not in {@code [0, depth - 1]}
     */
    TagPool(int depth, int reserved) {
        if (depth < 1) {
            throw new IllegalArgumentException("a tag set needs a depth of at least 1, was " + depth);
        }
        if (reserved < 0 || reserved >= depth) {
            throw new IllegalArgumentException(reserved + " reserved tags leave no tag for I/O in a depth of " + depth
                    + "; allowed: 0 to " + (depth - 1));
        }
        this.depth = depth;
        this.reserved = reserved;
        this.freeReserved = new int[reserved];
        this.freeNormal = new int[depth - reserved];
        this.inUse = new boolean[depth];
        for (int t = reserved - 1; t >= 0; t--) {
            freeReserved[reservedTop++] = t;
        }
        for (int t = depth - 1; t >= reserved; t--) {
            freeNormal[normalTop++] = t;
        }
    }

    /** Takes a tag, or returns -1 when none of the allowed class is free. */
    synchronized int tryGet(boolean reservedClass) {
        int tag;
        if (reservedClass && reservedTop > 0) {
            tag = freeReserved[--reservedTop];
        } else if (normalTop > 0) {
            tag = freeNormal[--normalTop];
        } else {
            return -1;
        }
        inUse[tag] = true;
        used++;
        maxUsed = Math.max(maxUsed, used);
        return tag;
    }

    /** Frees {@code tag}. */
    synchronized void put(int tag) {
        if (tag < 0 || tag >= depth || !inUse[tag]) {
            throw new IllegalStateException("tag " + tag + " is not in use (depth " + depth + ")");
        }
        inUse[tag] = false;
        used--;
        if (tag < reserved) {
            freeReserved[reservedTop++] = tag;
        } else {
            freeNormal[normalTop++] = tag;
        }
    }

    /** Whether a request of the class could get a tag now. */
    synchronized boolean hasFree(boolean reservedClass) {
        return normalTop > 0 || (reservedClass && reservedTop > 0);
    }

    int depth() {
        return depth;
    }

    int reserved() {
        return reserved;
    }

    /** Tags in use now. */
    synchronized int inUse() {
        return used;
    }

    /** The most tags ever in use at once. */
    synchronized int maxInUse() {
        return maxUsed;
    }
}
