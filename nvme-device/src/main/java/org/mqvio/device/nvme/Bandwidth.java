package org.mqvio.device.nvme;

/**
 * A resource that data crosses one transfer at a time, in arrival order: a direction of the PCIe link, or
 * the media's internal data path. A transfer of {@code b} bytes at {@code r} bytes per second occupies it
 * for {@code b / r} seconds, starting when the transfers before it are through. Since service is first come
 * first served with known durations, a transfer's end is known when it arrives: {@link #reserve} books it
 * and returns that end, and no event is needed until then.
 *
 * <p>Runs in device time only; not thread-safe.
 */
final class Bandwidth {
    private static final double NANOS_PER_SECOND = 1e9;
    private long freeAtNs;
    private long busyNs;
    private long bytes;

    /**
     * Books a transfer of {@code transferBytes} bytes arriving at {@code nowNs} at {@code bytesPerSecond}
     * and returns when it ends.
     */
    long reserve(long nowNs, long transferBytes, long bytesPerSecond) {
        long duration = (long) Math.ceil(transferBytes * NANOS_PER_SECOND / bytesPerSecond);
        long start = Math.max(nowNs, freeAtNs);
        freeAtNs = start + duration;
        busyNs += duration;
        bytes += transferBytes;
        return freeAtNs;
    }

    /** Time the resource spent (or is booked to spend) moving data. */
    long busyNs() {
        return busyNs;
    }

    /** Bytes booked so far. */
    long bytes() {
        return bytes;
    }
}
