package org.mqvio.harness.workload;

import java.util.function.LongConsumer;
import org.HdrHistogram.Histogram;
import org.mqvio.api.BlockRequest;
import org.mqvio.api.Operation;

/**
 * Counts what a job did inside the measurement window and records total latency (creation to completion,
 * fio's {@code lat}) in an HdrHistogram with 3 significant digits. Every completion, in or out of the
 * window, is folded into the trace so a run's outcome is pinned by its digest.
 */
final class Recorder {
    private final long windowStartNs;
    private final long windowEndNs;
    private final LongConsumer trace;
    private final Histogram latency = new Histogram(3);
    private long issued;
    private long completedTotal;
    private long reads;
    private long writes;
    private long readBytes;
    private long writeBytes;
    private long errors;

    Recorder(long windowStartNs, long windowEndNs, LongConsumer trace) {
        this.windowStartNs = windowStartNs;
        this.windowEndNs = windowEndNs;
        this.trace = trace;
    }

    void issued() {
        issued++;
    }

    void completed(BlockRequest r, long nowNs) {
        completedTotal++;
        trace.accept(r.id() * 31 + r.sector() * 17 + r.status().ordinal() * 7 + nowNs);
        if (!r.status().isOk()) {
            errors++;
        }
        if (nowNs < windowStartNs || nowNs > windowEndNs) {
            return;
        }
        if (r.operation() == Operation.READ) {
            reads++;
            readBytes += r.length();
        } else {
            writes++;
            writeBytes += r.length();
        }
        latency.recordValue(Math.max(0, nowNs - r.createdNs()));
    }

    long issuedTotal() {
        return issued;
    }

    long completedTotal() {
        return completedTotal;
    }

    long reads() {
        return reads;
    }

    long writes() {
        return writes;
    }

    long readBytes() {
        return readBytes;
    }

    long writeBytes() {
        return writeBytes;
    }

    long errors() {
        return errors;
    }

    Histogram latency() {
        return latency;
    }
}
