package org.mqvio.harness.fio;

import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.mqvio.harness.workload.Verification;
import org.mqvio.harness.workload.VerifyPattern;
import org.mqvio.harness.workload.VerifyType;

/** fio's verify options and {@code fill_device}, parsed with fio's syntax (fio 3.33's {@code options.c}, {@code lib/pattern.c}). */
final class VerifyOptions {
    /** fio's {@code MAX_PATTERN_SIZE}. */
    private static final int MAX_PATTERN_BYTES = 512;
    static final String PATTERN_ALLOWED = "hex numbers 0x..., decimal integers (stored little-endian in as few bytes"
            + " as they need), \"quoted text\" and %o (the block's offset, 8 bytes), concatenated, at most "
            + MAX_PATTERN_BYTES + " bytes; e.g. 0xdeadbeef or 0xff%o\"abcd\"-12";
    /** fio's {@code verify_interval} minimum: twice its header. */
    private static final long MIN_INTERVAL = 2L * VerifyType.HEADER_BYTES;

    private VerifyOptions() {
    }

    /** fio's {@code verify}: a type, or 0 for none. */
    static Optional<VerifyType> type(String value) throws BadValueException {
        String v = value.trim().toLowerCase(java.util.Locale.ROOT);
        if (v.equals("0")) {
            return Optional.empty();
        }
        Optional<VerifyType> t = VerifyType.parse(v);
        if (t.isEmpty()) {
            List<String> names = VerifyType.names();
            throw new BadValueException("0, " + String.join(", ", names), EditDistance.nearest(v, names));
        }
        return t;
    }

    /** fio's {@code verify_pattern} syntax ({@code parse_and_fill_pattern()}). */
    static VerifyPattern pattern(String value) throws BadValueException {
        String in = value.trim();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        List<Integer> offsets = new ArrayList<>();
        int i = 0;
        while (i < in.length()) {
            char c = in.charAt(i);
            if (c == '"') {
                int end = in.indexOf('"', i + 1);
                if (end < 0) {
                    throw new BadValueException(PATTERN_ALLOWED + " (a quote is not closed)");
                }
                out.writeBytes(in.substring(i + 1, end).getBytes(java.nio.charset.StandardCharsets.ISO_8859_1));
                i = end + 1;
            } else if (c == '%') {
                if (!in.startsWith("%o", i)) {
                    throw new BadValueException(PATTERN_ALLOWED + " (the only format is %o)");
                }
                offsets.add(out.size());
                out.writeBytes(new byte[VerifyPattern.OFFSET_BYTES]);
                i += 2;
            } else if (c == '\'') {
                throw new BadValueException(PATTERN_ALLOWED + " (fio's 'file' form reads a file on the real machine,"
                        + " which mqvio does not)");
            } else if (in.regionMatches(true, i, "0x", 0, 2)) {
                i = hex(in, i + 2, out);
            } else {
                i = decimal(in, i, out);
            }
        }
        if (out.size() == 0 || out.size() > MAX_PATTERN_BYTES) {
            throw new BadValueException(PATTERN_ALLOWED);
        }
        return new VerifyPattern(out.toByteArray(), offsets.stream().mapToInt(Integer::intValue).toArray());
    }

    /** Hex digits from {@code from}, stopping before a following 0x; an odd count gives a first byte of one digit. */
    private static int hex(String in, int from, ByteArrayOutputStream out) throws BadValueException {
        int end = from;
        while (end < in.length() && Character.digit(in.charAt(end), 16) >= 0) {
            end++;
        }
        if (end < in.length() && end > from && (in.charAt(end) == 'x' || in.charAt(end) == 'X')
                && in.charAt(end - 1) == '0') {
            end--;
        }
        if (end == from) {
            throw new BadValueException(PATTERN_ALLOWED + " (0x needs hex digits)");
        }
        int p = from;
        if ((end - from) % 2 == 1) {
            out.write(Character.digit(in.charAt(p), 16));
            p++;
        }
        for (; p < end; p += 2) {
            out.write(Integer.parseInt(in.substring(p, p + 2), 16));
        }
        return end;
    }

    /** A decimal integer in fio's int range, little-endian, as many bytes as its value needs (0 is one byte). */
    private static int decimal(String in, int from, ByteArrayOutputStream out) throws BadValueException {
        int end = from;
        if (end < in.length() && (in.charAt(end) == '-' || in.charAt(end) == '+')) {
            end++;
        }
        while (end < in.length() && Character.isDigit(in.charAt(end))
                && !(in.charAt(end) == '0' && end + 1 < in.length() && (in.charAt(end + 1) == 'x'
                || in.charAt(end + 1) == 'X'))) {
            end++;
        }
        long v;
        try {
            v = Long.parseLong(in.substring(from, end));
        } catch (NumberFormatException e) {
            throw new BadValueException(PATTERN_ALLOWED);
        }
        if (v > Integer.MAX_VALUE || v < Integer.MIN_VALUE) {
            throw new BadValueException(PATTERN_ALLOWED + " (a decimal must fit in 32 bits)");
        }
        int u = (int) v;
        do {
            out.write(u & 0xff);
            u >>>= 8;
        } while (u != 0);
        return end;
    }

    /**
     * The job's verification: fio's defaults for what is not set; a {@code verify_pattern} without {@code verify}
     * verifies the header and the pattern, as fio's option callback sets it.
     */
    static Verification of(Map<FioOption, Object> v) throws BadValueException {
        @SuppressWarnings("unchecked")
        Optional<VerifyType> type = (Optional<VerifyType>) v.getOrDefault(FioOption.VERIFY, Optional.empty());
        Optional<VerifyPattern> pattern = Optional.ofNullable((VerifyPattern) v.get(FioOption.VERIFY_PATTERN));
        if (pattern.isPresent() && !v.containsKey(FioOption.VERIFY)) {
            type = Optional.of(VerifyType.PATTERN_HDR);
        }
        long interval = (Long) v.getOrDefault(FioOption.VERIFY_INTERVAL, 0L);
        if (interval != 0 && interval < MIN_INTERVAL) {
            throw new BadValueException("verify_interval=" + interval + " is below fio's minimum; allowed: 0 (the"
                    + " block size) or >= " + MIN_INTERVAL);
        }
        long offset = (Long) v.getOrDefault(FioOption.VERIFY_OFFSET, 0L);
        return new Verification(type, (Boolean) v.getOrDefault(FioOption.DO_VERIFY, true), (int) interval,
                (int) offset, pattern, (Boolean) v.getOrDefault(FioOption.VERIFY_FATAL, false),
                (Long) v.getOrDefault(FioOption.VERIFY_BACKLOG, 0L),
                (Long) v.getOrDefault(FioOption.VERIFY_BACKLOG_BATCH, 0L),
                (Boolean) v.getOrDefault(FioOption.VERIFY_WRITE_SEQUENCE, true),
                (Boolean) v.getOrDefault(FioOption.VERIFY_HEADER_SEED, true),
                (Boolean) v.getOrDefault(FioOption.FILL_DEVICE, false));
    }
}
