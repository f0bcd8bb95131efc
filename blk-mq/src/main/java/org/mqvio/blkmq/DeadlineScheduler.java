package org.mqvio.blkmq;

import java.util.ArrayDeque;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.TreeSet;
import org.mqvio.api.BlockRequest;
import org.mqvio.api.Operation;

/**
 * The deadline scheduler (Linux's mq-deadline; also the single-queue layer's {@code deadline} elevator).
 *
 * <p>Reads and writes wait in two directions, each sorted by sector and in a FIFO with a deadline (insertion
 * plus {@code read_expire} or {@code write_expire}). Requests go out in batches of up to {@code fifo_batch}:
 * a batch sweeps one direction in ascending sector order from where that direction's last batch stopped
 * (from its FIFO head when the sweep has run off the end). Between batches the direction is chosen as
 * Linux does: reads, unless writes have waited through {@code writes_starved} read batches. Bios merge at
 * either end of a waiting request of their direction. FLUSH and GET_ID carry no sectors to sort: they bypass
 * the directions and go first, in their order.
 *
 * <p>Expiry: when a batch starts and some request has expired, the batch serves expired requests instead,
 * earliest deadline first, across both directions, until none is left or the batch is full (then the next
 * batch does the same). This is stricter than Linux, which checks the expiry of the chosen direction's FIFO
 * head only and lets the starvation count delay an expired write; it gives the bound this model promises:
 * <b>once a request has expired, at most one batch ({@code fifo_batch - 1} requests, the rest of the batch in
 * progress) with a later deadline is dispatched before it.</b>
 */
final class DeadlineScheduler implements Scheduler {
    private static final int READ = 0;
    private static final int WRITE = 1;
    private static final Comparator<LayerRequest> BY_SECTOR =
            Comparator.comparingLong(LayerRequest::sector).thenComparingLong(r -> r.seq);

    /** The bio behind each direction's sweep position: never submitted. */
    private static final BlockRequest POSITION = BlockRequest.builder(Operation.READ).completion((c, r) -> { })
            .build();

    private final DeadlineTunables tunables;
    private final Merging merging;
    private final ArrayDeque<LayerRequest> bypass = new ArrayDeque<>();
    private final Direction[] directions = {new Direction(), new Direction()};
    private int size;
    private int batchDirection = -1;
    private int batching;
    private boolean expiryBatch;
    private int starved;

    DeadlineScheduler(DeadlineTunables tunables, Merging merging) {
        this.tunables = tunables;
        this.merging = merging;
    }

    /** One direction's waiting requests: by deadline, by sector, and indexed by their ends for merging. */
    private static final class Direction {
        final LinkedHashSet<LayerRequest> fifo = new LinkedHashSet<>();
        final TreeSet<LayerRequest> sorted = new TreeSet<>(BY_SECTOR);
        final Map<Long, LayerRequest> byStart = new HashMap<>();
        final Map<Long, LayerRequest> byEnd = new HashMap<>();
        /**
         * Where the sweep stands: the sector and sequence of the request this direction dispatched last, kept in
         * a request of its own (that request itself is reused once done with); meaningful once {@link #swept}.
         */
        final LayerRequest last = new LayerRequest(POSITION);
        boolean swept;

        void index(LayerRequest r) {
            byStart.put(r.sector(), r);
            byEnd.put(r.endSector(), r);
        }

        void unindex(LayerRequest r) {
            byStart.remove(r.sector(), r);
            byEnd.remove(r.endSector(), r);
        }

        LayerRequest fifoHead() {
            return fifo.isEmpty() ? null : fifo.iterator().next();
        }
    }

    private static int directionOf(Operation op) {
        return switch (op) {
            case READ -> READ;
            case WRITE, DISCARD, WRITE_ZEROES -> WRITE;
            case FLUSH, GET_ID -> -1;
        };
    }

    @Override
    public boolean merge(BlockRequest bio, int cpu) {
        int d = directionOf(bio.operation());
        if (!merging.enabled() || d < 0) {
            return false;
        }
        Direction dir = directions[d];
        LayerRequest back = dir.byEnd.get(bio.sector());
        if (back != null) {
            dir.unindex(back);
            LayerRequest.MergeKind kind = merging.tryMerge(back, bio);
            dir.index(back);
            if (kind != LayerRequest.MergeKind.NONE) {
                return true;
            }
        }
        LayerRequest front = dir.byStart.get(bio.sector() + bio.sectors());
        if (front != null) {
            dir.unindex(front);
            dir.sorted.remove(front);
            LayerRequest.MergeKind kind = merging.tryMerge(front, bio);
            dir.sorted.add(front);
            dir.index(front);
            return kind != LayerRequest.MergeKind.NONE;
        }
        return false;
    }

    @Override
    public void insert(LayerRequest request, long nowNs) {
        request.insertedNs = nowNs;
        int d = directionOf(request.operation());
        size++;
        if (d < 0) {
            bypass.addLast(request);
            return;
        }
        request.deadlineNs = nowNs + (d == READ ? tunables.readExpireNs() : tunables.writeExpireNs());
        Direction dir = directions[d];
        if (!dir.sorted.add(request)) {
            throw new IllegalStateException("two waiting requests share sector and sequence: " + request);
        }
        dir.fifo.add(request);
        dir.index(request);
    }

    @Override
    public LayerRequest next(long nowNs) {
        if (!bypass.isEmpty()) {
            size--;
            return bypass.pollFirst();
        }
        if (size == 0) {
            return null;
        }
        if (batchDirection >= 0 && batching < tunables.fifoBatch()) {
            LayerRequest r = expiryBatch ? earliestExpired(nowNs) : following(directions[batchDirection]);
            if (r != null) {
                return take(r);
            }
        }
        batching = 0;
        LayerRequest expired = earliestExpired(nowNs);
        if (expired != null) {
            expiryBatch = true;
            countStarvation(directionOf(expired.operation()));
            return take(expired);
        }
        expiryBatch = false;
        int d = chooseDirection();
        Direction dir = directions[d];
        LayerRequest r = following(dir);
        return take(r != null ? r : dir.fifoHead());
    }

    /** The request after the direction's last dispatched one in sector order, or null at the end. */
    private static LayerRequest following(Direction dir) {
        if (dir.sorted.isEmpty()) {
            return null;
        }
        return dir.swept ? dir.sorted.higher(dir.last) : dir.sorted.first();
    }

    /** The expired FIFO head with the earliest deadline (reads first on a tie), or null. */
    private LayerRequest earliestExpired(long nowNs) {
        LayerRequest read = directions[READ].fifoHead();
        LayerRequest write = directions[WRITE].fifoHead();
        LayerRequest first = read == null ? write
                : write == null ? read
                : write.deadlineNs < read.deadlineNs ? write : read;
        return first != null && first.deadlineNs <= nowNs ? first : null;
    }

    /** Linux's choice between batches: reads, unless writes have been passed over writes_starved times. */
    private int chooseDirection() {
        boolean reads = !directions[READ].fifo.isEmpty();
        boolean writes = !directions[WRITE].fifo.isEmpty();
        if (reads && writes && starved >= tunables.writesStarved()) {
            starved = 0;
            return WRITE;
        }
        if (reads) {
            if (writes) {
                starved++;
            }
            return READ;
        }
        starved = 0;
        return WRITE;
    }

    private void countStarvation(int chosen) {
        if (chosen == WRITE) {
            starved = 0;
        } else if (!directions[WRITE].fifo.isEmpty()) {
            starved++;
        }
    }

    private LayerRequest take(LayerRequest r) {
        int d = directionOf(r.operation());
        Direction dir = directions[d];
        dir.fifo.remove(r);
        dir.sorted.remove(r);
        dir.unindex(r);
        dir.last.takePosition(r);
        dir.swept = true;
        batchDirection = d;
        batching++;
        size--;
        return r;
    }

    @Override
    public int size() {
        return size;
    }

    @Override
    public int someCpu() {
        LayerRequest r = bypass.peekFirst();
        if (r == null) {
            r = directions[READ].fifoHead();
        }
        if (r == null) {
            r = directions[WRITE].fifoHead();
        }
        return r == null ? -1 : r.cpu();
    }
}
