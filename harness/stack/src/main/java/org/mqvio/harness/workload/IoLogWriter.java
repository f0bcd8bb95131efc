package org.mqvio.harness.workload;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.mqvio.api.Operation;

/**
 * Records what a clone issued as fio 3.33 does for {@code write_iolog}: an iolog of version 3 (first line
 * {@code fio version 3 iolog}, written by {@code init_iolog_write()} in fio's {@code iolog.c}), the file's
 * {@code add} and {@code open}, one line {@code TIME FILE read|write OFFSET LENGTH} per issued I/O
 * ({@code log_io_u()}), then {@code close}. Times are microseconds since the start of the run, as fio writes
 * microseconds since the log was opened. The device is named {@link #FILE_NAME}; a replay ignores file names.
 */
final class IoLogWriter {
    /** The file name written on every line: the modelled device. */
    static final String FILE_NAME = "/dev/mqvio";

    private final Path path;
    private final StringBuilder text = new StringBuilder("fio version 3 iolog\n");

    private IoLogWriter(Path path) {
        this.path = path;
        line(0, "add");
        line(0, "open");
    }

    /** A writer for the job's {@code write_iolog}, or {@code null} when it records nothing. */
    static IoLogWriter forJob(IoLog ioLog) {
        return ioLog.record().map(IoLogWriter::new).orElse(null);
    }

    private void line(long nowNs, String action) {
        text.append(nowNs / 1000).append(' ').append(FILE_NAME).append(' ').append(action).append('\n');
    }

    void issued(long nowNs, Operation op, long offsetBytes, int length) {
        text.append(nowNs / 1000).append(' ').append(FILE_NAME).append(' ')
                .append(op == Operation.READ ? "read" : "write").append(' ').append(offsetBytes).append(' ')
                .append(length).append('\n');
    }

    /** Writes the log, ending with the file's {@code close}. */
    void close(long nowNs) {
        line(nowNs, "close");
        try {
            Files.writeString(path, text, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("write_iolog=" + path + ": cannot write: " + e.getMessage(), e);
        }
    }
}
