package org.mqvio.virtio.blk.backend;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.mqvio.api.Operation;

/**
 * Merges the reads and the writes popped in one pass into runs of adjacent sectors, as QEMU's virtio-blk
 * does since 2.3 ({@code virtio_blk_submit_multireq}): requests of one direction are sorted by sector and a
 * run grows while the next request starts where the run ends, up to {@link #MAX_REQUESTS} requests and
 * {@link #MAX_BYTES} bytes. Other operations are never merged and keep their place.
 */
final class RequestMerger {
    /** Most requests in one merged request (QEMU's {@code VIRTIO_BLK_MAX_MERGE_REQS}). */
    static final int MAX_REQUESTS = 32;
    /** Most bytes in one merged request. */
    static final int MAX_BYTES = 4 << 20;

    private RequestMerger() {
    }

    /** Groups {@code batch} into the requests to submit; each group is one host request. */
    static List<List<ParsedRequest>> merge(List<ParsedRequest> batch) {
        List<List<ParsedRequest>> out = new ArrayList<>();
        List<ParsedRequest> reads = new ArrayList<>();
        List<ParsedRequest> writes = new ArrayList<>();
        for (ParsedRequest r : batch) {
            if (r.op() == Operation.READ) {
                reads.add(r);
            } else if (r.op() == Operation.WRITE) {
                writes.add(r);
            } else {
                out.add(List.of(r));
            }
        }
        runs(reads, out);
        runs(writes, out);
        return out;
    }

    private static void runs(List<ParsedRequest> sameDirection, List<List<ParsedRequest>> out) {
        sameDirection.sort(Comparator.comparingLong(ParsedRequest::sector));
        List<ParsedRequest> run = new ArrayList<>();
        long runBytes = 0;
        for (ParsedRequest r : sameDirection) {
            boolean joins = !run.isEmpty() && run.get(run.size() - 1).endSector() == r.sector()
                    && run.size() < MAX_REQUESTS && runBytes + r.length() <= MAX_BYTES;
            if (!joins && !run.isEmpty()) {
                out.add(run);
                run = new ArrayList<>();
                runBytes = 0;
            }
            run.add(r);
            runBytes += r.length();
        }
        if (!run.isEmpty()) {
            out.add(run);
        }
    }
}
