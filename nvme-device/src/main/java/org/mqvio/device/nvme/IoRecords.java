package org.mqvio.device.nvme;

import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import org.mqvio.api.BlockRequest;

/**
 * An I/O queue's records of I/O commands ({@link InFlight}), made on first need and reused, as Linux's nvme driver
 * keeps its per-command {@code nvme_iod} in the driver data blk-mq allocates behind each tag: a record is taken
 * when the driver accepts a request (after it reserved room in the queue) and given back once the driver has read
 * what it needs of it, just before it hands the request upward ({@link InFlight#run}) and gives back the room. So no more records are ever in use than
 * the queue has room, and that is how many are made at most.
 *
 * <p>Taken by every submitting context and given back by every completing one, outside the queue's lock: a
 * lock-free stack whose head packs the top record's index with a version that every change bumps, so that a
 * record popped and pushed again between another thread's read and its compare-and-set cannot be mistaken for
 * an unchanged head.
 */
final class IoRecords {
    private static final long INDEX = 0xFFFF_FFFFL;

    private final InFlight[] records;
    /** Version in the high 32 bits; index + 1 of the top free record in the low ones, 0 when none is free. */
    private final AtomicLong head = new AtomicLong();
    private final AtomicInteger made = new AtomicInteger();
    private final Consumer<InFlight> upward;

    /**
     * @param capacity the queue's room: the most records ever in use at once
     * @param upward   what each record runs to complete its request upward
     */
    IoRecords(int capacity, Consumer<InFlight> upward) {
        this.records = new InFlight[capacity];
        this.upward = upward;
    }

    /**
     * A free record, made the record of a new command for {@code request}.
     *
     * @throws IllegalStateException if every record the queue's room allows is in use
     */
    InFlight take(BlockRequest request) {
        while (true) {
            long h = head.get();
            int top = (int) (h & INDEX);
            if (top == 0) {
                return make(request);
            }
            InFlight f = records[top - 1];
            if (head.compareAndSet(h, next(h, f.nextFree))) {
                return f.reuse(request);
            }
        }
    }

    /** Gives back {@code f}, taken from here, whose fields the driver has read before handing its request upward. */
    void give(InFlight f) {
        f.completedUpward();
        while (true) {
            long h = head.get();
            f.nextFree = (int) (h & INDEX);
            if (head.compareAndSet(h, next(h, f.index + 1))) {
                return;
            }
        }
    }

    /** Records made so far. */
    int made() {
        return made.get();
    }

    private InFlight make(BlockRequest request) {
        int index = made.getAndIncrement();
        if (index >= records.length) {
            made.decrementAndGet();
            throw new IllegalStateException("all " + records.length + " I/O records of the queue are in use");
        }
        InFlight f = InFlight.io(request, upward, index);
        records[index] = f;
        return f;
    }

    private static long next(long head, int top) {
        return ((head >>> 32) + 1) << 32 | (top & INDEX);
    }
}
