package org.mqvio.harness.workload;

import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A job's trace options: the I/Os it replays instead of generating them (fio's {@code read_iolog}), and the file
 * it records its issued I/Os to (fio's {@code write_iolog}).
 *
 * @param replay the traced I/Os in order; empty: the job generates its I/O from its options
 * @param record where the clone writes an iolog of what it issued; empty: nowhere
 */
public record IoLog(List<TracedIo> replay, Optional<Path> record) {
    /** Neither replaying nor recording. */
    public static final IoLog NONE = new IoLog(List.of(), Optional.empty());

    public IoLog {
        replay = List.copyOf(replay);
        Objects.requireNonNull(record, "record");
    }

    /** Whether the job replays a trace. */
    public boolean replays() {
        return !replay.isEmpty();
    }
}
