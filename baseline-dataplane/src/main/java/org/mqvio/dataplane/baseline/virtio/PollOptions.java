package org.mqvio.dataplane.baseline.virtio;

import java.util.Objects;

/**
 * How an IoThread polls for work before it sleeps.
 *
 * @param mode      never, adaptively (QEMU's {@code poll-max-ns}), or always (SPDK: no kicks at all)
 * @param maxNs     the adaptive window's ceiling in ns (QEMU {@code poll-max-ns}; default 32 µs)
 * @param initialNs the first window when growing from 0 (QEMU starts at 4 µs)
 * @param grow      factor by which the window grows when a block ended within the ceiling ({@code poll-grow}, 2)
 * @param shrink    divisor applied when a block outlasts the ceiling; 0 resets the window to 0 ({@code poll-shrink})
 */
public record PollOptions(Mode mode, long maxNs, long initialNs, int grow, int shrink) {
    /** When an IoThread polls. */
    public enum Mode { NONE, ADAPTIVE, ALWAYS }

    /** No polling: QEMU 2.1's data plane. */
    public static final PollOptions NONE = new PollOptions(Mode.NONE, 0, 0, 2, 0);

    public PollOptions {
        Objects.requireNonNull(mode, "mode");
        if (maxNs < 0 || initialNs < 0 || grow < 2 || shrink < 0) {
            throw new IllegalArgumentException("poll options need max >= 0 ns, initial >= 0 ns, grow >= 2 and"
                    + " shrink >= 0; got max=" + maxNs + " initial=" + initialNs + " grow=" + grow + " shrink=" + shrink);
        }
        if (mode == Mode.ADAPTIVE && (maxNs == 0 || initialNs == 0 || initialNs > maxNs)) {
            throw new IllegalArgumentException("adaptive polling needs 0 < initial (" + initialNs + " ns) <= max ("
                    + maxNs + " ns)");
        }
    }

    /** Adaptive polling with QEMU's defaults: start at 4 µs, double up to {@code maxNs}, reset on a long block. */
    public static PollOptions adaptive(long maxNs) {
        return new PollOptions(Mode.ADAPTIVE, maxNs, Math.min(4_000, maxNs), 2, 0);
    }
}
