package org.mqvio.harness.fio;

import java.util.ArrayList;
import java.util.List;
import org.mqvio.api.Operation;
import org.mqvio.harness.workload.TracedIo;

/**
 * fio's text iolog, versions 2 and 3, as {@code read_iolog()} in fio's {@code iolog.c} reads it (formats in
 * fio's HOWTO, "Trace file format v2" and "v3"). The first line starts with {@code fio version 2 iolog} or
 * {@code fio version 3 iolog}. Version 2 lines are {@code FILE ACTION} (add, open, close) or
 * {@code FILE ACTION OFFSET LENGTH} (read, write, wait, sync, datasync, trim); version 3 puts a time in
 * microseconds first and has no {@code wait}.
 *
 * <p>Times: a version 3 line's delay is its time minus the previous line's ({@code delay_since_ttime()}); file
 * actions wait out their delay too ({@code ipo_special()}), so theirs is added to the next I/O's. A version 2
 * {@code wait N} holds the next I/O until N milliseconds after the start of the run, as
 * {@code read_iolog_get()} compares it with {@code mtime_since_genesis()}; {@code replay_no_stall} drops waits.
 *
 * <p>Where fio logs a bad line and goes on, mqvio refuses the file, naming the line. File names are not
 * checked: every I/O goes to the modelled device, as with fio's {@code replay_redirect}. sync, datasync and
 * trim are refused: mqvio's jobs do not model them.
 */
final class IoLogText {
    static final String VERSION_2 = "fio version 2 iolog";
    static final String VERSION_3 = "fio version 3 iolog";

    private IoLogText() {
    }

    static List<TracedIo> read(List<String> lines, ReplayOptions options) {
        String first = lines.isEmpty() ? "" : lines.get(0);
        int version;
        if (first.startsWith(VERSION_2)) {
            version = 2;
        } else if (first.startsWith(VERSION_3)) {
            version = 3;
        } else {
            throw new IllegalArgumentException("line 1: '" + abbreviate(first) + "' is not an iolog header; allowed:"
                    + " '" + VERSION_2 + "', '" + VERSION_3 + "' or a blktrace binary file (fio reads no version 1)");
        }
        List<TracedIo> ios = new ArrayList<>();
        long lastTime = 0;
        long pendingDelayUs = 0;
        long notBeforeNs = 0;
        for (int i = 1; i < lines.size(); i++) {
            String line = lines.get(i).strip();
            if (line.isEmpty()) {
                continue;
            }
            String where = "line " + (i + 1);
            String[] f = line.split("\\s+");
            int fields = f.length - (version == 3 ? 1 : 0);
            if (fields != 2 && fields != 4) {
                throw new IllegalArgumentException(where + ": '" + abbreviate(line) + "' has " + f.length
                        + " fields; allowed: " + (version == 3 ? "TIME FILE add|open|close or TIME FILE read|write"
                        + " OFFSET LENGTH" : "FILE add|open|close or FILE read|write|wait OFFSET LENGTH"));
            }
            if (version == 3) {
                long time = number(where, "time", f[0]);
                pendingDelayUs += options.delay(lastTime, time);
                lastTime = time;
            }
            String action = f[f.length - fields + 1];
            if (fields == 2) {
                if (!List.of("add", "open", "close").contains(action)) {
                    throw badAction(where, action, "add, open, close");
                }
                continue;
            }
            long offset = number(where, "offset", f[f.length - 2]);
            long length = number(where, "length", f[f.length - 1]);
            switch (action) {
                case "read", "write" -> {
                    Operation op = action.equals("read") ? Operation.READ : Operation.WRITE;
                    ios.add(TraceFiles.io(where, op, options.offset(offset), length, pendingDelayUs * 1000,
                            notBeforeNs));
                    pendingDelayUs = 0;
                    notBeforeNs = 0;
                }
                case "wait" -> {
                    if (version == 3) {
                        throw new IllegalArgumentException(where + ": 'wait' is not allowed in a version 3 iolog;"
                                + " allowed: read, write (the times say when)");
                    }
                    if (!options.noStall()) {
                        notBeforeNs = Math.multiplyExact(offset, 1_000_000L);
                    }
                }
                case "sync", "datasync", "trim" -> throw new IllegalArgumentException(where + ": action '" + action
                        + "' is not modelled; allowed: read, write" + (version == 2 ? ", wait" : ""));
                default -> throw badAction(where, action, "read, write" + (version == 2 ? ", wait" : ""));
            }
        }
        return ios;
    }

    private static IllegalArgumentException badAction(String where, String action, String allowed) {
        return new IllegalArgumentException(where + ": '" + abbreviate(action) + "' is not an iolog action here;"
                + " allowed: " + allowed);
    }

    private static long number(String where, String what, String text) {
        try {
            long v = Long.parseLong(text);
            if (v >= 0) {
                return v;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new IllegalArgumentException(where + ": " + what + " '" + abbreviate(text) + "' is invalid; allowed:"
                + " an integer >= 0");
    }

    static String abbreviate(String s) {
        return s.length() <= 60 ? s : s.substring(0, 57) + "...";
    }
}
