package org.mqvio.blkmq;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Objects;
import org.mqvio.api.BlockRequest;
import org.mqvio.api.Completion;
import org.mqvio.api.Operation;
import org.mqvio.api.Status;
import org.mqvio.api.runtime.ExecutionContext;

/**
 * A request as a block layer holds it (Linux's {@code struct request}): one or more submitted requests, its
 * <em>originals</em> (Linux's bios), covering one contiguous sector range, and the layer's bookkeeping while it
 * waits and while the driver has it.
 *
 * <p>The driver never sees an original: at the first dispatch attempt the layer derives one
 * {@link BlockRequest} covering the whole range, whose completion comes back to the layer; the layer then
 * completes every original exactly once with the status the driver gave the derived request. For a merged
 * read the data the driver returns is split back into the originals' buffers.
 *
 * <p>FUA over a driver that does not honour it ({@link org.mqvio.api.block.BlockDriver#honoursFua}): the derived
 * request of a FUA write goes to the driver without FUA, and when it completes OK the layer issues a
 * {@link #postFlushBio post-flush}, a FLUSH request of its own that carries no original; the write's originals
 * complete with the flush's status when the flush completes (Linux's block/blk-flush.c: the data step, then the
 * post-flush step, then the original ends). A write that fails ends there, with its own status.
 *
 * <p>Lifetime: a request comes from its hardware queue's {@link StaticRequests} when a bio starts one, and goes
 * back there once it is done with (its originals completed, or for a FUA write emulated with a flush, once that
 * flush's originals completed); it is then re-initialised ({@link #reuse}) for the next bio that starts one.
 *
 * <p>Confined to whichever context holds the queue it sits in; not thread-safe.
 */
final class LayerRequest implements Completion {
    /** The first original while there is one only (the common case, no list allocated); else null. */
    private BlockRequest only;
    /** Every original in range order once a merge brought a second one; else null. */
    private List<BlockRequest> merged;
    private Operation operation;
    private boolean fua;
    private int cpu;
    private long sector;
    private int length;
    /**
     * The request handed to the driver: made with the first one and, like this request, reused (rebuilt) for each
     * later one once done with, so it is the driver's per-request data behind a Linux static request.
     */
    private BlockRequest driverRequest;
    /**
     * What {@link #driverRequest} is built from, kept for every use of this request (every field is set before each
     * use), so that deriving allocates nothing.
     */
    private final BlockRequest.Builder fields = BlockRequest.builder(Operation.READ);
    /** Whether {@link #driverRequest} was derived for this request (at its first dispatch attempt). */
    private boolean derived;
    /** Whether this FUA write went to the driver without FUA, so that a post-flush must follow it. */
    private boolean fuaEmulated;
    /** For a post-flush: the write whose originals it completes; null otherwise. */
    private LayerRequest flushFor;
    /** Whether it waits in its queue's {@link StaticRequests} for reuse, and the next one waiting there. */
    boolean free;
    LayerRequest nextFree;

    /** Insertion order in its hardware queue (FIFO across software queues). */
    long seq;
    /** When the request entered its scheduler, and when it expires (mq-deadline). */
    long insertedNs;
    long deadlineNs;
    /** The hardware queue it maps to. */
    int hwQueue;
    /** The driver tag while dispatched, else -1. */
    int tag = -1;
    /**
     * The hardware queue's count of tag shortages when the request entered it (-1 if the queue was short
     * then): a different count at dispatch means it waited for a tag.
     */
    long shortagesAtInsert;
    /** Whether its tag wait was counted. */
    boolean tagWaitCounted;
    /** Single-queue: the driver completed it and a post-flush is to be entered in the round that finishes it. */
    boolean postFlushDue;
    /** Where the derived request's completion goes: given at the first dispatch attempt. */
    private Finisher finisher;

    /** What a layer does when the driver completes the request derived from a {@link LayerRequest}. */
    interface Finisher {
        void finish(ExecutionContext context, LayerRequest request, Status status);
    }

    LayerRequest(BlockRequest first) {
        start(first);
    }

    /**
     * Re-initialises this request, which is done with, for the bio {@code first} that starts a new one (Linux's
     * {@code blk_mq_rq_ctx_init} on a static request): every field as a new request has it.
     *
     * @throws IllegalStateException if the request is not free (still in use)
     */
    void reuse(BlockRequest first) {
        if (!free) {
            throw new IllegalStateException("reuse of a request still in use: " + this);
        }
        start(first);
    }

    private void start(BlockRequest first) {
        this.flushFor = null;
        this.only = first;
        this.merged = null;
        this.operation = first.operation();
        this.fua = first.fua();
        this.cpu = first.cpu();
        this.sector = first.sector();
        this.length = first.length();
        this.derived = false;
        this.fuaEmulated = false;
        this.finisher = null;
        this.seq = 0;
        this.insertedNs = 0;
        this.deadlineNs = 0;
        this.hwQueue = 0;
        this.tag = -1;
        this.shortagesAtInsert = 0;
        this.tagWaitCounted = false;
        this.postFlushDue = false;
        this.free = false;
        this.nextFree = null;
    }

    Operation operation() {
        return operation;
    }

    boolean fua() {
        return fua;
    }

    /** The CPU whose request created this one: its software queue, and where queue runs for it go. */
    int cpu() {
        return cpu;
    }

    long sector() {
        return sector;
    }

    /** Length in bytes. */
    int length() {
        return length;
    }

    /** Takes the place of {@code other} in sector order (its sector and sequence): a sweep's position. */
    void takePosition(LayerRequest other) {
        sector = other.sector;
        seq = other.seq;
    }

    /** One past the last sector. */
    long endSector() {
        return sector + length / BlockRequest.SECTOR_SIZE;
    }

    /** The submitted requests this one carries, in range order. */
    List<BlockRequest> originals() {
        return merged != null ? Collections.unmodifiableList(merged) : List.of(only);
    }

    /** Number of originals. */
    int size() {
        return merged != null ? merged.size() : 1;
    }

    /** Original {@code i} in range order, {@code 0 <= i < size()}. */
    BlockRequest original(int i) {
        if (merged != null) {
            return merged.get(i);
        }
        Objects.checkIndex(i, 1);
        return only;
    }

    /** Whether the request should take a reserved tag when one is free (requests that must not starve). */
    boolean wantsReservedTag() {
        return operation == Operation.FLUSH || operation == Operation.GET_ID;
    }

    /**
     * Merges {@code bio} at the end ({@link MergeKind#BACK}) or the front ({@link MergeKind#FRONT}) when the
     * ranges touch and the merge is allowed; returns {@link MergeKind#NONE} and changes nothing otherwise.
     */
    MergeKind tryMerge(BlockRequest bio, int maxBytes) {
        if (derived || !mergeable(bio, maxBytes)) {
            return MergeKind.NONE;
        }
        long bioEnd = bio.sector() + bio.sectors();
        if (bio.sector() == endSector()) {
            mergedList().add(bio);
            length += bio.length();
            return MergeKind.BACK;
        }
        if (bioEnd == sector) {
            mergedList().add(0, bio);
            sector = bio.sector();
            length += bio.length();
            return MergeKind.FRONT;
        }
        return MergeKind.NONE;
    }

    private List<BlockRequest> mergedList() {
        if (merged == null) {
            merged = new ArrayList<>(4);
            merged.add(only);
            only = null;
        }
        return merged;
    }

    private boolean mergeable(BlockRequest bio, int maxBytes) {
        return (operation == Operation.READ || operation == Operation.WRITE)
                && bio.operation() == operation
                && bio.fua() == fua
                && (bio.data() == null) == (original(0).data() == null)
                && (long) length + bio.length() <= maxBytes;
    }

    /**
     * The request handed to the driver: built once, at the first dispatch attempt, and kept across busy
     * answers. An unmerged request carries its original's fields and buffer; a merged one the whole range
     * and, when the originals carry data, one buffer (a write's payloads concatenated, a read's to fill).
     */
    BlockRequest driverRequest(Finisher onDone) {
        return driverRequest(onDone, false);
    }

    /**
     * As {@link #driverRequest(Completion)}; with {@code emulateFua} (the driver does not honour FUA) a FUA write
     * is derived without FUA and marked for a {@link #postFlushBio post-flush}. Only the first call decides.
     */
    BlockRequest driverRequest(Finisher onDone, boolean emulateFua) {
        if (!derived) {
            derived = true;
            finisher = onDone;
            BlockRequest first = original(0);
            fuaEmulated = fua && emulateFua;
            // The previous one is done with: the driver completed it, and this request has been reused since.
            driverRequest = driverFields(first).buildOrRebuild(driverRequest);
            driverRequest.markSubmitted(first.submittedNs());
        }
        return driverRequest;
    }

    /** What the request for the driver is made of: the range, led by {@code first}, and this as its completion. */
    private BlockRequest.Builder driverFields(BlockRequest first) {
        return fields.operation(operation).id(first.id()).sector(sector).length(length).fua(fua && !fuaEmulated)
                .cpu(cpu).createdNs(first.createdNs()).data(combinedData()).completion(this);
    }

    /** Whether the driver got this FUA write without FUA: a post-flush must follow when it completes OK. */
    boolean fuaEmulated() {
        return fuaEmulated;
    }

    /** Whether, the driver having completed this request with {@code status}, a post-flush must follow. */
    boolean needsPostFlush(org.mqvio.api.Status status) {
        return fuaEmulated && status.isOk();
    }

    /**
     * The bio of the flush that completes this emulated FUA write: a FLUSH of the layer's own on the same CPU,
     * bearing the id of the write's first original, submitted at {@code nowNs}. The request it starts is made the
     * write's post-flush with {@link #follow}; it carries no original of its own, and {@link #completes()} of it
     * are this write's originals.
     */
    BlockRequest postFlushBio(long nowNs) {
        if (!fuaEmulated) {
            throw new IllegalStateException("a post-flush follows only a FUA write sent without FUA, not " + this);
        }
        BlockRequest first = original(0);
        BlockRequest flush = BlockRequest.builder(Operation.FLUSH).id(first.id()).cpu(cpu).createdNs(nowNs)
                .completion((ctx, r) -> { }).build();
        flush.markSubmitted(nowNs);
        return flush;
    }

    /** Makes this request, started by {@code write}'s {@link #postFlushBio}, that write's post-flush. */
    void follow(LayerRequest write) {
        flushFor = write;
    }

    /** For a post-flush, the write it completes; else null. */
    LayerRequest flushFor() {
        return flushFor;
    }

    /** The derived request completed: the layer's {@link Finisher} takes it from here. */
    @Override
    public void completed(ExecutionContext context, BlockRequest request) {
        finisher.finish(context, this, request.status());
    }

    /**
     * The request whose originals to complete when the driver completes this one (and no post-flush follows):
     * this one, or for a post-flush the write it follows.
     */
    LayerRequest completes() {
        return flushFor != null ? flushFor : this;
    }

    /** The derived request, or null before the first dispatch attempt. */
    BlockRequest dispatchedAs() {
        return derived ? driverRequest : null;
    }

    /** Records the dispatch time on the derived request and every original. */
    void markDispatched(long nowNs) {
        driverRequest.markDispatched(nowNs);
        for (int i = 0, n = size(); i < n; i++) {
            original(i).markDispatched(nowNs);
        }
    }

    private byte[] combinedData() {
        if (merged == null) {
            return only.data();
        }
        if (merged.get(0).data() == null) {
            return null;
        }
        byte[] all = new byte[length];
        if (operation == Operation.WRITE) {
            int at = 0;
            for (BlockRequest o : merged) {
                System.arraycopy(o.data(), 0, all, at, Math.min(o.data().length, o.length()));
                at += o.length();
            }
        }
        return all;
    }

    /** After completion: gives each original the data the driver returned for its part of the range. */
    void returnData() {
        byte[] result = driverRequest.data();
        if (merged == null) {
            BlockRequest o = only;
            if (result != o.data()) {
                o.setData(result);
            }
            return;
        }
        if (operation != Operation.READ || result == null) {
            return;
        }
        int at = 0;
        for (BlockRequest o : merged) {
            byte[] part = o.data() != null && o.data().length >= o.length() ? o.data() : new byte[o.length()];
            System.arraycopy(result, at, part, 0, Math.min(o.length(), Math.max(0, result.length - at)));
            if (part != o.data()) {
                o.setData(part);
            }
            at += o.length();
        }
    }

    @Override
    public String toString() {
        return "LayerRequest[" + operation + " sector=" + sector + " length=" + length + " originals=" + size()
                + " cpu=" + cpu + " seq=" + seq + "]";
    }

    /** How a bio joined a request. */
    enum MergeKind { NONE, BACK, FRONT }
}
