package org.mqvio.harness.fio;

import java.util.List;
import java.util.Locale;

/**
 * Converts a block trace in the MSR Cambridge CSV format (the "MSR Cambridge Traces" set in SNIA's IOTTA
 * repository, iotta.snia.org/traces/block-io/388: one file per disk, one line per I/O) to a fio iolog of version 3.
 * Each line has seven comma-separated fields: {@code Timestamp} (a Windows filetime: 100 ns ticks since
 * 1601-01-01), {@code Hostname}, {@code DiskNumber}, {@code Type} ({@code Read} or {@code Write}), {@code Offset}
 * and {@code Size} (bytes), {@code ResponseTime} (100 ns ticks; not carried over: a replay measures its own).
 *
 * <p>The iolog's times are microseconds from the first record, plus one: fio's {@code delay_since_ttime()}
 * ({@code iolog.c}) waits nothing after a line whose time is 0, which would drop the first gap. A header line
 * starting with {@code Timestamp} is skipped; every other line must be a record of one and the same disk.
 */
public final class MsrTrace {
    private static final int FIELDS = 7;

    private MsrTrace() {
    }

    /**
     * The iolog (version 3) of the records in {@code lines}.
     *
     * @throws IllegalArgumentException one line naming the line number, what was wrong and what is allowed
     */
    public static String toIoLog(List<String> lines) {
        StringBuilder out = new StringBuilder(IoLogText.VERSION_3).append('\n');
        String file = null;
        long firstTicks = -1;
        long lastUs = 0;
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i).strip();
            String where = "line " + (i + 1);
            if (line.isEmpty() || (i == 0 && line.regionMatches(true, 0, "Timestamp", 0, 9))) {
                continue;
            }
            String[] f = line.split(",", -1);
            if (f.length != FIELDS) {
                throw new IllegalArgumentException(where + ": " + f.length + " fields; allowed: " + FIELDS
                        + " (Timestamp,Hostname,DiskNumber,Type,Offset,Size,ResponseTime)");
            }
            long ticks = number(where, "Timestamp", f[0]);
            String disk = f[1].strip() + "-" + number(where, "DiskNumber", f[2]);
            String type = f[3].strip().toLowerCase(Locale.ROOT);
            if (!type.equals("read") && !type.equals("write")) {
                throw new IllegalArgumentException(where + ": Type '" + IoLogText.abbreviate(f[3].strip())
                        + "' is invalid; allowed: Read, Write");
            }
            long offset = number(where, "Offset", f[4]);
            long size = number(where, "Size", f[5]);
            number(where, "ResponseTime", f[6]);
            if (size == 0) {
                throw new IllegalArgumentException(where + ": Size 0 is invalid; allowed: a size > 0 bytes");
            }
            if (file == null) {
                file = "/dev/msr-" + disk;
                firstTicks = ticks;
                out.append("0 ").append(file).append(" add\n0 ").append(file).append(" open\n");
            } else if (!file.equals("/dev/msr-" + disk)) {
                throw new IllegalArgumentException(where + ": disk " + disk + " differs from the first record's "
                        + file.substring("/dev/msr-".length()) + "; allowed: one disk per file, as SNIA publishes them");
            }
            if (ticks < firstTicks) {
                throw new IllegalArgumentException(where + ": Timestamp " + ticks + " is before the first record's "
                        + firstTicks + "; allowed: records in time order");
            }
            lastUs = Math.max(lastUs, (ticks - firstTicks) / 10 + 1);
            out.append((ticks - firstTicks) / 10 + 1).append(' ').append(file).append(' ').append(type).append(' ')
                    .append(offset).append(' ').append(size).append('\n');
        }
        if (file == null) {
            throw new IllegalArgumentException("the trace has no record; allowed: lines"
                    + " Timestamp,Hostname,DiskNumber,Type,Offset,Size,ResponseTime");
        }
        return out.append(lastUs).append(' ').append(file).append(" close\n").toString();
    }

    private static long number(String where, String field, String text) {
        try {
            long v = Long.parseLong(text.strip());
            if (v >= 0) {
                return v;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new IllegalArgumentException(where + ": " + field + " '" + IoLogText.abbreviate(text.strip())
                + "' is invalid; allowed: an integer >= 0");
    }
}
