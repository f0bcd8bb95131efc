package org.mqvio.harness.fio;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.mqvio.harness.workload.TracedIo;

/**
 * Reads a {@code read_iolog} file as fio's {@code init_iolog()} in {@code iolog.c} does: a blktrace binary file
 * when its first record has blktrace's magic ({@code is_blktrace()} in {@code blktrace.c}), otherwise a text
 * iolog whose first line names its version 2 or 3.
 */
final class TraceFiles {
    private TraceFiles() {
    }

    /**
     * The traced I/Os of {@code file} with the replay options applied.
     *
     * @throws IllegalArgumentException one line naming the file, where in it and what is allowed
     */
    static List<TracedIo> read(Path file, ReplayOptions options) {
        byte[] head = new byte[4];
        int n;
        try (InputStream in = Files.newInputStream(file)) {
            n = in.readNBytes(head, 0, 4);
        } catch (IOException e) {
            throw new IllegalArgumentException("read_iolog=" + file + ": cannot read the file (" + e.getMessage()
                    + "); allowed: a readable iolog or blktrace file");
        }
        try {
            List<TracedIo> ios = n == 4 && BlktraceFile.hasMagic(head)
                    ? BlktraceFile.read(Files.readAllBytes(file), options)
                    : IoLogText.read(Files.readAllLines(file), options);
            if (ios.isEmpty()) {
                throw new IllegalArgumentException("the trace has no read or write; allowed: a trace with at least one");
            }
            return ios;
        } catch (IOException e) {
            throw new IllegalArgumentException("read_iolog=" + file + ": cannot read the file (" + e.getMessage() + ")");
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("read_iolog=" + file + ": " + e.getMessage(), e);
        }
    }

    /** A traced I/O, or the reason it cannot be one, naming {@code where}. */
    static TracedIo io(String where, org.mqvio.api.Operation op, long offset, long length, long delayNs,
                       long notBeforeNs) {
        if (offset % 512 != 0 || length % 512 != 0 || length <= 0 || length > Integer.MAX_VALUE) {
            throw new IllegalArgumentException(where + ": " + length + " bytes at offset " + offset
                    + " is not sector-aligned; allowed: offsets and lengths that are multiples of 512 (replay_align=512"
                    + " aligns offsets)");
        }
        return new TracedIo(op, offset, (int) length, delayNs, notBeforeNs);
    }
}
