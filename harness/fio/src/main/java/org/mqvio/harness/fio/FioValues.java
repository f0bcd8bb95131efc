package org.mqvio.harness.fio;

import com.google.common.base.Splitter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * fio's value syntax: sizes with k/m/g/t/p/e suffixes (fio's default {@code kb_base=1024}: {@code 4k} and
 * {@code 4kb} are 4096, {@code 4kib} is 4000, as fio's compatibility mode has it), times with
 * us/ms/s/m/h/d suffixes, booleans, CPU lists and percentile lists.
 */
final class FioValues {
    static final String SIZE_ALLOWED = "a whole number of bytes with an optional suffix k, m, g, t, p"
            + " (powers of 1024; kib, mib, ... powers of 1000, as fio's kb_base=1024), e.g. 4k";
    static final String BOOL_ALLOWED = "0 or 1 (or true/false, yes/no, on/off; a bare name means 1)";
    static final String CPU_LIST_ALLOWED = "CPU numbers and ranges separated by commas, e.g. 0-3,6";
    static final String PERCENTILES_ALLOWED = "up to 20 percentiles in (0, 100] separated by ':', e.g. 50:99:99.9";

    static final String PER_DIRECTION_ALLOWED = "READ[,WRITE[,TRIM]]: sizes with an optional suffix k, m, g (one"
            + " value applies to both directions, an empty part leaves that direction unset), e.g. 1m,500k";

    static final String PERCENT_ALLOWED = "a number in [0, 100], e.g. 99.9";

    private static final Pattern SIZE = Pattern.compile("(0x[0-9a-f]+|[0-9]+)(?:([kmgtpe])(i)?)?(b)?");
    private static final Pattern TIME = Pattern.compile("([0-9]+)(ns|nsec|us|usec|ms|msec|s|sec|m|min|h|hr|d)?");

    private FioValues() {
    }

    /** A size in bytes, with {@code kbBase} 1024 (fio's default) or 1000. */
    static long size(String text, int kbBase) throws BadValueException {
        Matcher m = SIZE.matcher(text.trim().toLowerCase(Locale.ROOT));
        if (!m.matches()) {
            throw new BadValueException(SIZE_ALLOWED);
        }
        try {
            String digits = m.group(1);
            long v = digits.startsWith("0x") ? Long.parseLong(digits.substring(2), 16) : Long.parseLong(digits);
            if (m.group(2) != null) {
                int power = "kmgtpe".indexOf(m.group(2).charAt(0)) + 1;
                boolean iec = m.group(3) != null;
                long base = (kbBase == 1024) != iec ? 1024 : 1000;
                for (int i = 0; i < power; i++) {
                    v = Math.multiplyExact(v, base);
                }
            }
            return v;
        } catch (ArithmeticException | NumberFormatException e) {
            throw new BadValueException(SIZE_ALLOWED + " (at most 2^63 - 1 bytes)");
        }
    }

    /**
     * A time in nanoseconds; a bare number is in {@code bareUnitNs} (seconds for runtime and ramp_time,
     * milliseconds for iopsavgtime and bwavgtime).
     */
    static long time(String text, long bareUnitNs) throws BadValueException {
        String allowed = "a whole number with an optional unit us, ms, s, m, h, d (a bare number is "
                + (bareUnitNs == 1_000_000L ? "milliseconds" : bareUnitNs == 1_000L ? "microseconds" : "seconds")
                + "), e.g. 100ms";
        Matcher m = TIME.matcher(text.trim().toLowerCase(Locale.ROOT));
        if (!m.matches()) {
            throw new BadValueException(allowed);
        }
        long factor = switch (m.group(2) == null ? "" : m.group(2)) {
            case "" -> bareUnitNs;
            case "ns", "nsec" -> 1L;
            case "us", "usec" -> 1_000L;
            case "ms", "msec" -> 1_000_000L;
            case "s", "sec" -> 1_000_000_000L;
            case "m", "min" -> 60_000_000_000L;
            case "h", "hr" -> 3_600_000_000_000L;
            default -> 86_400_000_000_000L;
        };
        try {
            return Math.multiplyExact(Long.parseLong(m.group(1)), factor);
        } catch (ArithmeticException | NumberFormatException e) {
            throw new BadValueException(allowed + " (at most 292 years)");
        }
    }

    /**
     * A per-direction value as fio writes it ({@code rate=1m,500k}): one value sets reads and writes; parts separated by
     * commas set reads, writes and trims in turn, an empty part leaving its direction unset (0). Trims are not
     * modelled, so a trim part is checked and dropped.
     */
    static org.mqvio.harness.workload.PerDirection perDirection(String text, int kbBase) throws BadValueException {
        List<String> parts = Splitter.on(',').trimResults().splitToList(text);
        if (parts.size() > 3 || parts.stream().allMatch(String::isEmpty)) {
            throw new BadValueException(PER_DIRECTION_ALLOWED);
        }
        long[] v = new long[3];
        for (int i = 0; i < parts.size(); i++) {
            try {
                v[i] = parts.get(i).isEmpty() ? 0 : size(parts.get(i), kbBase);
            } catch (BadValueException e) {
                throw new BadValueException(PER_DIRECTION_ALLOWED);
            }
        }
        return parts.size() == 1 ? org.mqvio.harness.workload.PerDirection.both(v[0])
                : new org.mqvio.harness.workload.PerDirection(v[0], v[1]);
    }

    /** A time, or a range {@code LOW-HIGH} of two ({@code startdelay=5-10}): nanoseconds {low, high}, high 0 for one. */
    static long[] timeRange(String text, long bareUnitNs) throws BadValueException {
        int dash = text.indexOf('-');
        if (dash < 0) {
            return new long[] {time(text, bareUnitNs), 0};
        }
        long low = time(text.substring(0, dash), bareUnitNs);
        long high = time(text.substring(dash + 1), bareUnitNs);
        if (high < low) {
            throw new BadValueException("a range LOW-HIGH with LOW <= HIGH, e.g. 5-10");
        }
        return new long[] {low, high};
    }

    /** A percentage that may have decimals ({@code latency_percentile=99.9}). */
    static double percent(String text) throws BadValueException {
        try {
            double v = Double.parseDouble(text.trim());
            if (!(v >= 0 && v <= 100)) {
                throw new BadValueException(PERCENT_ALLOWED);
            }
            return v;
        } catch (NumberFormatException e) {
            throw new BadValueException(PERCENT_ALLOWED);
        }
    }

    /** A boolean; null (a bare option name) is true. */
    static boolean bool(String text) throws BadValueException {
        if (text == null) {
            return true;
        }
        return switch (text.trim().toLowerCase(Locale.ROOT)) {
            case "1", "true", "yes", "on" -> true;
            case "0", "false", "no", "off" -> false;
            default -> throw new BadValueException(BOOL_ALLOWED);
        };
    }

    /** A whole number in {@code [min, max]} (decimal or 0x hexadecimal). */
    static long integer(String text, long min, long max) throws BadValueException {
        String allowed = max == Long.MAX_VALUE ? "an integer >= " + min : "an integer in [" + min + ", " + max + "]";
        String t = text.trim().toLowerCase(Locale.ROOT);
        try {
            long v = t.startsWith("0x") ? Long.parseLong(t.substring(2), 16) : Long.parseLong(t);
            if (v < min || v > max) {
                throw new BadValueException(allowed);
            }
            return v;
        } catch (NumberFormatException e) {
            throw new BadValueException(allowed);
        }
    }

    /** An unsigned 64-bit seed (fio's randseed). */
    static long unsigned(String text) throws BadValueException {
        try {
            return Long.parseUnsignedLong(text.trim());
        } catch (NumberFormatException e) {
            throw new BadValueException("an unsigned 64-bit integer");
        }
    }

    /** A CPU list: {@code 0-3,6}; sorted, without duplicates. */
    static List<Integer> cpuList(String text) throws BadValueException {
        TreeSet<Integer> cpus = new TreeSet<>();
        for (String p : Splitter.on(',').trimResults().split(text)) {
            try {
                int dash = p.indexOf('-');
                int lo = Integer.parseInt(dash < 0 ? p : p.substring(0, dash).trim());
                int hi = dash < 0 ? lo : Integer.parseInt(p.substring(dash + 1).trim());
                if (lo < 0 || hi < lo || hi > 4095) {
                    throw new BadValueException(CPU_LIST_ALLOWED + " (CPUs 0-4095, ranges low-high)");
                }
                for (int c = lo; c <= hi; c++) {
                    cpus.add(c);
                }
            } catch (NumberFormatException e) {
                throw new BadValueException(CPU_LIST_ALLOWED);
            }
        }
        return List.copyOf(cpus);
    }

    /** A percentile list: {@code 50:99:99.9}; sorted ascending, as fio sorts it. */
    static double[] percentiles(String text) throws BadValueException {
        List<String> parts = Splitter.on(':').trimResults().splitToList(text);
        if (parts.size() > 20) {
            throw new BadValueException(PERCENTILES_ALLOWED);
        }
        List<Double> values = new ArrayList<>();
        for (String p : parts) {
            try {
                double v = Double.parseDouble(p);
                if (!(v > 0 && v <= 100)) {
                    throw new BadValueException(PERCENTILES_ALLOWED);
                }
                values.add(v);
            } catch (NumberFormatException e) {
                throw new BadValueException(PERCENTILES_ALLOWED);
            }
        }
        return values.stream().mapToDouble(Double::doubleValue).sorted().toArray();
    }
}
