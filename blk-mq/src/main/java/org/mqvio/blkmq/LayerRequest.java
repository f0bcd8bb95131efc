package org.mqvio.blkmq;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.mqvio.api.BlockRequest;
import org.mqvio.api.Completion;
import org.mqvio.api.Operation;

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
 * <p>Confined to whichever context holds the queue it sits in; not thread-safe.
 */
final class LayerRequest {
    private final List<BlockRequest> originals = new ArrayList<>(1);
    private final Operation operation;
    private final boolean fua;
    private final int cpu;
    private long sector;
    private int length;
    private BlockRequest driverRequest;

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

    LayerRequest(BlockRequest first) {
        originals.add(first);
        this.operation = first.operation();
        this.fua = first.fua();
        this.cpu = first.cpu();
        this.sector = first.sector();
        this.length = first.length();
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

    /** One past the last sector. */
    long endSector() {
        return sector + length / BlockRequest.SECTOR_SIZE;
    }

    /** The submitted requests this one carries, in range order. */
    List<BlockRequest> originals() {
        return Collections.unmodifiableList(originals);
    }

    int size() {
        return originals.size();
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
        if (driverRequest != null || !mergeable(bio, maxBytes)) {
            return MergeKind.NONE;
        }
        long bioEnd = bio.sector() + bio.sectors();
        if (bio.sector() == endSector()) {
            originals.add(bio);
            length += bio.length();
            return MergeKind.BACK;
        }
        if (bioEnd == sector) {
            originals.add(0, bio);
            sector = bio.sector();
            length += bio.length();
            return MergeKind.FRONT;
        }
        return MergeKind.NONE;
    }

    private boolean mergeable(BlockRequest bio, int maxBytes) {
        return (operation == Operation.READ || operation == Operation.WRITE)
                && bio.operation() == operation
                && bio.fua() == fua
                && (bio.data() == null) == (originals.get(0).data() == null)
                && (long) length + bio.length() <= maxBytes;
    }

    /**
     * The request handed to the driver: built once, at the first dispatch attempt, and kept across busy
     * answers. An unmerged request carries its original's fields and buffer; a merged one the whole range
     * and, when the originals carry data, one buffer (a write's payloads concatenated, a read's to fill).
     */
    BlockRequest driverRequest(Completion onDone) {
        if (driverRequest == null) {
            BlockRequest first = originals.get(0);
            driverRequest = BlockRequest.builder(operation).id(first.id()).sector(sector).length(length).fua(fua)
                    .cpu(cpu).createdNs(first.createdNs()).data(combinedData()).completion(onDone).build();
            driverRequest.markSubmitted(first.submittedNs());
        }
        return driverRequest;
    }

    /** The derived request, or null before the first dispatch attempt. */
    BlockRequest dispatchedAs() {
        return driverRequest;
    }

    /** Records the dispatch time on the derived request and every original. */
    void markDispatched(long nowNs) {
        driverRequest.markDispatched(nowNs);
        for (BlockRequest o : originals) {
            o.markDispatched(nowNs);
        }
    }

    private byte[] combinedData() {
        if (originals.size() == 1) {
            return originals.get(0).data();
        }
        if (originals.get(0).data() == null) {
            return null;
        }
        byte[] all = new byte[length];
        if (operation == Operation.WRITE) {
            int at = 0;
            for (BlockRequest o : originals) {
                System.arraycopy(o.data(), 0, all, at, Math.min(o.data().length, o.length()));
                at += o.length();
            }
        }
        return all;
    }

    /** After completion: gives each original the data the driver returned for its part of the range. */
    void returnData() {
        byte[] result = driverRequest.data();
        if (originals.size() == 1) {
            BlockRequest o = originals.get(0);
            if (result != o.data()) {
                o.setData(result);
            }
            return;
        }
        if (operation != Operation.READ || result == null) {
            return;
        }
        int at = 0;
        for (BlockRequest o : originals) {
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
        return "LayerRequest[" + operation + " sector=" + sector + " length=" + length + " originals=" + originals.size()
                + " cpu=" + cpu + " seq=" + seq + "]";
    }

    /** How a bio joined a request. */
    enum MergeKind { NONE, BACK, FRONT }
}
