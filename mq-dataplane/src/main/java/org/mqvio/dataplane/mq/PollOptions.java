package org.mqvio.dataplane.mq;

import java.util.Objects;

/**
 * How a polling IoThread polls for work before it sleeps.
 *
 * @param mode      adaptively (QEMU's {@code poll-max-ns}), or always (SPDK: no kicks at all)
 * @param maxNs     the adaptive window's ceiling in ns (QEMU {@code poll-max-ns}; default 32 µs)
 * @param initialNs the first window when growing from 0 (QEMU starts at 4 µs)
 * @param grow      factor by which the window grows when a block ended within the ceiling ({@code poll-grow}, 2)
 * @param shrink    divisor applied when a block outlasts the ceiling; 0 resets the window to 0 ({@code poll-shrink})
 */
record PollOptions(Mode mode, long maxNs, long initialNs, int grow, int shrink) {
    /** When an IoThread polls. */
    enum Mode { ADAPTIVE, ALWAYS }

    PollOptions {
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

    /** Adaptive polling starting at 4 µs (or {@code maxNs} if lower), as QEMU does. */
    static PollOptions adaptive(long maxNs, int grow, int shrink) {
        return new PollOptions(Mode.ADAPTIVE, maxNs, Math.min(4_000, maxNs), grow, shrink);
    }

    /** Polling that never ends (SPDK-style): the IoThread never needs a kick and burns its CPU. */
    static PollOptions always() {
        return new PollOptions(Mode.ALWAYS, 0, 0, 2, 0);
    }
}
