package org.mqvio.harness.sweep;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;

/**
 * A running sweep's files: {@code base.csv} and {@code base.jsonl} start with the header and the points kept from an
 * interrupted run (written atomically), and each point that finishes is appended to both at once, in the order the
 * points finish, and flushed: a sweep stopped at any moment keeps every finished point, and {@code --resume} reads them
 * back ({@link SweepFiles#resumable}). When every point is done, {@link SweepFiles#write} replaces both files with
 * the whole sweep in point order, exactly as a sweep that never stopped writes them.
 */
public final class SweepJournal implements AutoCloseable {
    private final OutputStream csv;
    private final OutputStream jsonl;
    private final SweepHeader header;

    private SweepJournal(OutputStream csv, OutputStream jsonl, SweepHeader header) {
        this.csv = csv;
        this.jsonl = jsonl;
        this.header = header;
    }

    /** Starts the files of {@code header}'s sweep in {@code dir} with the points {@code kept} (in point order). */
    public static SweepJournal start(Path dir, String base, SweepHeader header, List<PointRow> kept) {
        SweepFiles.write(dir, base, header, kept);
        try {
            OutputStream csv = Files.newOutputStream(dir.resolve(base + ".csv"), StandardOpenOption.APPEND);
            try {
                return new SweepJournal(csv, Files.newOutputStream(dir.resolve(base + ".jsonl"),
                        StandardOpenOption.APPEND), header);
            } catch (IOException e) {
                csv.close();
                throw e;
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot append to the sweep's files in " + dir + ": " + e.getMessage(), e);
        }
    }

    /** Appends a finished point to both files and flushes them (one point at a time, from any thread). */
    public synchronized void append(PointRow row) {
        try {
            csv.write(SweepFiles.csvRows(header, List.of(row)).getBytes(StandardCharsets.UTF_8));
            csv.flush();
            jsonl.write(SweepFiles.jsonRow(row).getBytes(StandardCharsets.UTF_8));
            jsonl.flush();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot append point " + row.index() + " to the sweep's files: "
                    + e.getMessage(), e);
        }
    }

    @Override
    public synchronized void close() {
        try (OutputStream c = csv; OutputStream j = jsonl) {
            // both closed, the first failure reported
        } catch (IOException e) {
            throw new UncheckedIOException("cannot close the sweep's files: " + e.getMessage(), e);
        }
    }
}
