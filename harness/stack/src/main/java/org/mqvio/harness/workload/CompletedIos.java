package org.mqvio.harness.workload;

import java.util.Arrays;

/**
 * Every I/O one clone completed in one direction inside its window, in reap order, kept only for a job that
 * writes fio's per-I/O logs ({@link JobSpec#logIos()}): when it was reaped (from the window's start), its
 * submission and completion latencies, its length and its offset. Filled during a run, read after it.
 */
public final class CompletedIos {
    private long[] reapNs = new long[64];
    private long[] slatNs = new long[64];
    private long[] clatNs = new long[64];
    private long[] length = new long[64];
    private long[] offset = new long[64];
    private int size;

    void add(long reapOffsetNs, long slat, long clat, long bytes, long offsetBytes) {
        if (size == reapNs.length) {
            int n = size * 2;
            reapNs = Arrays.copyOf(reapNs, n);
            slatNs = Arrays.copyOf(slatNs, n);
            clatNs = Arrays.copyOf(clatNs, n);
            length = Arrays.copyOf(length, n);
            offset = Arrays.copyOf(offset, n);
        }
        reapNs[size] = reapOffsetNs;
        slatNs[size] = slat;
        clatNs[size] = clat;
        length[size] = bytes;
        offset[size] = offsetBytes;
        size++;
    }

    /** How many I/Os. */
    public int size() {
        return size;
    }

    /** When I/O {@code i} was reaped, in ns from the start of the window. */
    public long reapNs(int i) {
        return reapNs[i];
    }

    /** When I/O {@code i}'s submission returned, in ns from the start of the window (negative: before it). */
    public long issueNs(int i) {
        return reapNs[i] - clatNs[i];
    }

    public long slatNs(int i) {
        return slatNs[i];
    }

    public long clatNs(int i) {
        return clatNs[i];
    }

    /** Total latency: slat + clat. */
    public long latNs(int i) {
        return slatNs[i] + clatNs[i];
    }

    public long bytes(int i) {
        return length[i];
    }

    public long offsetBytes(int i) {
        return offset[i];
    }
}
