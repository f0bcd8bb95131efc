package org.mqvio.harness.workload;

import java.util.List;

/**
 * A value per data direction, as fio's per-direction options hold it ({@code rate=R,W}).
 *
 * @param read  for reads, {@code >= 0}
 * @param write for writes, {@code >= 0}
 */
public record PerDirection(long read, long write) {
    /** Zero both ways. */
    public static final PerDirection ZERO = new PerDirection(0, 0);

    static final List<String> NAMES = List.of("read", "write");

    public PerDirection {
        if (read < 0 || write < 0) {
            throw new IllegalArgumentException("a per-direction value " + read + "," + write + " is invalid; allowed:"
                    + " values >= 0");
        }
    }

    /** The same value both ways. */
    public static PerDirection both(long value) {
        return new PerDirection(value, value);
    }

    /** Whether either value is positive. */
    public boolean any() {
        return read > 0 || write > 0;
    }

    /** The value of direction {@code d}: 0 read, 1 write. */
    long get(int d) {
        return d == 0 ? read : write;
    }
}
