package org.mqvio.harness.workload;

/**
 * What one clone (or a group of clones) did in one direction (read or write) inside its measurement window,
 * as fio's per-direction block reports it: I/Os, bytes, the window's length, submission latency (slat: the
 * I/O's preparation until its submission returned), completion latency (clat: from there until fio reaped
 * the completion) and total latency (lat = slat + clat), and per-interval IOPS and bandwidth samples.
 * Filled during a run, read after it.
 */
public final class DirectionStats {
    private final LatencyStats slat = new LatencyStats();
    private final LatencyStats clat = new LatencyStats();
    private final LatencyStats lat = new LatencyStats();
    private final IntervalSamples samples;
    private final CompletedIos completedIos;
    private long ios;
    private long bytes;
    private long runtimeNs;

    DirectionStats(long sampleIntervalNs) {
        this(sampleIntervalNs, false);
    }

    /** With {@code keepIos}, each I/O is kept as well ({@link #completedIos()}), for fio's per-I/O logs. */
    DirectionStats(long sampleIntervalNs, boolean keepIos) {
        this.samples = new IntervalSamples(sampleIntervalNs);
        this.completedIos = keepIos ? new CompletedIos() : null;
    }

    /**
     * One I/O reaped: prepared at {@code startNs}, submitted by {@code issuedNs} (-1: unknown), reaped at
     * {@code reapNs}, {@code windowOffsetNs} after the window's start; {@code offsetBytes} into the device.
     */
    void record(long startNs, long issuedNs, long reapNs, long length, long windowOffsetNs, long offsetBytes) {
        long issued = issuedNs < 0 ? startNs : issuedNs;
        if (completedIos != null) {
            completedIos.add(windowOffsetNs, issued - startNs, reapNs - issued, length, offsetBytes);
        }
        slat.record(issued - startNs);
        clat.record(reapNs - issued);
        lat.record(reapNs - startNs);
        samples.record(windowOffsetNs, length);
        ios++;
        bytes += length;
    }

    void close(long windowNs) {
        runtimeNs = windowNs;
        samples.close(windowNs);
    }

    /** A copy that later records into this one do not change (without the kept I/Os: a report needs none). */
    DirectionStats copy() {
        DirectionStats c = sum(java.util.List.of(this), samples.intervalNs());
        c.runtimeNs = runtimeNs;
        return c;
    }

    /**
     * The sum of {@code parts}, as fio's group reporting gives it: I/Os, bytes, latencies and samples add up;
     * the runtime is the longest. Samples of another width than {@code sampleIntervalNs} are left out.
     */
    public static DirectionStats sum(Iterable<DirectionStats> parts, long sampleIntervalNs) {
        DirectionStats s = new DirectionStats(sampleIntervalNs);
        for (DirectionStats p : parts) {
            s.slat.add(p.slat);
            s.clat.add(p.clat);
            s.lat.add(p.lat);
            if (p.samples.intervalNs() == sampleIntervalNs) {
                s.samples.add(p.samples);
            }
            s.ios += p.ios;
            s.bytes += p.bytes;
            s.runtimeNs = Math.max(s.runtimeNs, p.runtimeNs);
        }
        return s;
    }

    /** I/Os completed in the window. */
    public long ios() {
        return ios;
    }

    /** Bytes completed in the window. */
    public long bytes() {
        return bytes;
    }

    /** Length of the measurement window in ns. */
    public long runtimeNs() {
        return runtimeNs;
    }

    /** I/Os per second over the window (0 for an empty window). */
    public double iops() {
        return runtimeNs == 0 ? 0 : ios * 1e9 / runtimeNs;
    }

    /** Bytes per second over the window (0 for an empty window). */
    public double bytesPerSecond() {
        return runtimeNs == 0 ? 0 : bytes * 1e9 / runtimeNs;
    }

    public LatencyStats slat() {
        return slat;
    }

    public LatencyStats clat() {
        return clat;
    }

    public LatencyStats lat() {
        return lat;
    }

    public IntervalSamples samples() {
        return samples;
    }

    /** Each I/O of the window, when the job writes fio's per-I/O logs ({@link JobSpec#logIos()}); else empty. */
    public java.util.Optional<CompletedIos> completedIos() {
        return java.util.Optional.ofNullable(completedIos);
    }
}
