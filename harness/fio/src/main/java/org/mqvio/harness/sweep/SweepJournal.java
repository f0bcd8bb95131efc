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
 * A running sweep's files. When the first point finishes, {@code base.csv} and {@code base.jsonl} are started with
 * the header and the points kept from an interrupted run (written atomically); that point and each one after it is
 * appended to both, in the order the points finish, and flushed. So a sweep stopped at any moment keeps every
 * finished point, which {@code --resume} reads back ({@link SweepFiles#resumable}), and a sweep refused before any
 * point ran leaves the directory as it was. When every point is done, {@link SweepFiles#write} replaces both files
 * with the whole sweep in point order, exactly as a sweep that never stopped writes them.
 */
public final class SweepJournal implements AutoCloseable {
    private final Path dir;
    private final String base;
    private final SweepHeader header;
    private final List<PointRow> kept;
    private OutputStream csv;
    private OutputStream jsonl;

    /** The files of {@code header}'s sweep in {@code dir}, to start with the points {@code kept} (in point order). */
    public SweepJournal(Path dir, String base, SweepHeader header, List<PointRow> kept) {
        this.dir = dir;
        this.base = base;
        this.header = header;
        this.kept = List.copyOf(kept);
    }

    /** Appends a finished point to both files and flushes them (one point at a time, from any thread). */
    public synchronized void append(PointRow row) {
        try {
            if (jsonl == null) {
                open();
            }
            csv.write(SweepFiles.csvRows(header, List.of(row)).getBytes(StandardCharsets.UTF_8));
            csv.flush();
            jsonl.write(SweepFiles.jsonRow(row).getBytes(StandardCharsets.UTF_8));
            jsonl.flush();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot append point " + row.index() + " to the sweep's files in " + dir
                    + ": " + e.getMessage(), e);
        }
    }

    private void open() throws IOException {
        SweepFiles.write(dir, base, header, kept);
        csv = Files.newOutputStream(dir.resolve(base + ".csv"), StandardOpenOption.APPEND);
        jsonl = Files.newOutputStream(dir.resolve(base + ".jsonl"), StandardOpenOption.APPEND);
    }

    @Override
    public synchronized void close() {
        try (OutputStream c = csv; OutputStream j = jsonl) {
            // both closed (those opened), the first failure reported
        } catch (IOException e) {
            throw new UncheckedIOException("cannot close the sweep's files in " + dir + ": " + e.getMessage(), e);
        }
    }
}
