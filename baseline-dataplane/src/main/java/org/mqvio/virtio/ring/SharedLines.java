package org.mqvio.virtio.ring;

import java.util.Objects;
import org.mqvio.api.cost.Cost;
import org.mqvio.api.runtime.ExecutionContext;
import org.mqvio.api.runtime.Platform;
import org.mqvio.api.stats.Counter;
import org.mqvio.api.stats.Unit;

/**
 * Which CPU last touched each cache line of one virtqueue's shared state, and what moving a line costs. A
 * line touched by another context than the one that touched it last moves to the toucher (a transfer, at
 * {@code cacheline_transfer}); a context touching its own line again pays nothing. That is why requests that
 * one CPU adds in a row, or pops in one pass, share their lines' transfers, and why vCPUs that take turns on one
 * queue pay them over and over, inside the queue's lock.
 *
 * <p>The lines, per queue: the guest driver's private ring state (free list head, free count, shadow indices and
 * the per-descriptor tokens: Linux's {@code vring_virtqueue}), touched by every add and every used entry taken;
 * the available ring's index and its entries (2 bytes each, {@value #AVAIL_PER_LINE} to a line), written by the
 * driver's adds and read by the device's pops; the used ring's index and its entries (8 bytes each,
 * {@value #USED_PER_LINE} to a line), written by the device's pushes and read by the driver's completion handler.
 * The event-index fields travel with the index lines beside them. The descriptors and the request headers are
 * not tracked: the device reads each one right after the guest wrote it whoever wrote it, so their transfers are
 * part of the fixed per-request costs.
 *
 * <p>Simulation only: live, costs are not charged and nothing is tracked ({@link #touch} answers 0). Touches
 * come from the guest side under the queue's lock and from the one IoThread serving the queue, which the
 * simulation runs one at a time.
 */
public final class SharedLines {
    /** Cache-line moves of the virtqueues' shared state between CPUs. */
    public static final Counter TRANSFERS = Counter.declare("line_transfers", Unit.EVENTS,
            "cache lines of a virtqueue's shared state that moved to another CPU");
    /** Bytes of a cache line. */
    static final int LINE_BYTES = 64;
    /** Available ring entries (2 bytes) per line. */
    static final int AVAIL_PER_LINE = LINE_BYTES / 2;
    /** Used ring entries (8 bytes) per line. */
    static final int USED_PER_LINE = LINE_BYTES / 8;
    private static final int DRIVER_STATE = 0;
    private static final int AVAIL_IDX = 1;
    private static final int USED_IDX = 2;
    private static final int HEADERS = 3;

    private final boolean tracked;
    private final long transferNs;
    private final int size;
    private final int usedBase;
    private final ExecutionContext[] owner;
    private long transfers;
    private long added;
    private long popped;
    private long pushed;
    private long taken;

    /** Lines of a queue of {@code queueSize} entries, on {@code platform} (tracked in simulation only). */
    public SharedLines(Platform platform, int queueSize) {
        this.tracked = platform.isSimulated();
        this.transferNs = platform.costs().get(Cost.CACHELINE_TRANSFER);
        this.size = queueSize;
        int availLines = (queueSize + AVAIL_PER_LINE - 1) / AVAIL_PER_LINE;
        this.usedBase = HEADERS + availLines;
        this.owner = new ExecutionContext[tracked ? usedBase + (queueSize + USED_PER_LINE - 1) / USED_PER_LINE : 0];
    }

    /**
     * The driver adds a chain: its ring state and the next available entry. Each method answers the cost of the
     * lines that had to move to {@code who}; entries are taken in ring order, as both sides take them.
     */
    public long add(ExecutionContext who) {
        return touch(who, DRIVER_STATE) + touch(who, HEADERS + slot(added++) / AVAIL_PER_LINE);
    }

    /** The driver publishes its available index (and reads the device's event index beside the used index). */
    public long publishAvail(ExecutionContext who) {
        return touch(who, AVAIL_IDX);
    }

    /** The device pops the next chain: the available index and entry. */
    public long pop(ExecutionContext who) {
        return touch(who, AVAIL_IDX) + touch(who, HEADERS + slot(popped++) / AVAIL_PER_LINE);
    }

    /** The device pushes the next used entry and publishes the used index. */
    public long push(ExecutionContext who) {
        return touch(who, usedBase + slot(pushed++) / USED_PER_LINE) + touch(who, USED_IDX);
    }

    /** The driver takes the next used entry: the used index and entry, and its ring state (the freed chain). */
    public long takeUsed(ExecutionContext who) {
        return touch(who, USED_IDX) + touch(who, usedBase + slot(taken++) / USED_PER_LINE) + touch(who, DRIVER_STATE);
    }

    /** Transfers so far. */
    public long transfers() {
        return transfers;
    }

    private int slot(long index) {
        return (int) (index % size);
    }

    /** {@code who} touches {@code line}: the cost of moving it there, 0 if {@code who} touched it last. */
    private long touch(ExecutionContext who, int line) {
        if (!tracked) {
            return 0;
        }
        ExecutionContext last = owner[line];
        owner[line] = Objects.requireNonNull(who, "who");
        if (last == null || last == who) {
            return 0;
        }
        transfers++;
        return transferNs;
    }
}
