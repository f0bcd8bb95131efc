package org.mqvio.device.nvme;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * A set of LBA ranges (the bad blocks of {@code nvme.badblocks}), written as comma-separated inclusive
 * ranges {@code FIRST-LAST} or single LBAs, in 512-byte sectors: {@code 1000-1999,5000-5007,77}.
 * Immutable.
 */
final class LbaRanges {
    private static final LbaRanges NONE = new LbaRanges(new long[0], new long[0]);

    private final long[] first;
    private final long[] last;

    private LbaRanges(long[] first, long[] last) {
        this.first = first;
        this.last = last;
    }

    /** No range. */
    static LbaRanges none() {
        return NONE;
    }

    /**
     * Parses {@code text} for a device of {@code capacitySectors}.
     *
     * @throws IllegalArgumentException naming the bad element and the syntax, or a range past the end
     */
    static LbaRanges parse(String parameter, String text, long capacitySectors) {
        if (text.isBlank()) {
            return NONE;
        }
        List<long[]> ranges = new ArrayList<>();
        for (String part : text.split(",")) {
            String p = part.trim();
            int dash = p.indexOf('-');
            long a;
            long b;
            try {
                a = Long.parseLong(dash < 0 ? p : p.substring(0, dash).trim());
                b = dash < 0 ? a : Long.parseLong(p.substring(dash + 1).trim());
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException(parameter + ": '" + p + "' is not a range; allowed: comma-separated "
                        + "sector ranges FIRST-LAST or single sectors, for example 1000-1999,5000-5007");
            }
            if (a < 0 || b < a) {
                throw new IllegalArgumentException(parameter + ": range " + p + " is empty or negative; allowed: "
                        + "0 <= FIRST <= LAST");
            }
            if (b >= capacitySectors) {
                throw new IllegalArgumentException(parameter + ": range " + p + " lies past the end of the device; "
                        + "allowed: sectors 0.." + (capacitySectors - 1));
            }
            ranges.add(new long[] {a, b});
        }
        ranges.sort(Comparator.comparingLong(r -> r[0]));
        long[] f = new long[ranges.size()];
        long[] l = new long[ranges.size()];
        for (int i = 0; i < f.length; i++) {
            f[i] = ranges.get(i)[0];
            l[i] = ranges.get(i)[1];
        }
        return new LbaRanges(f, l);
    }

    /** Whether any range shares a sector with {@code [start, start + count)}. */
    boolean overlaps(long start, long count) {
        long end = start + count - 1;
        for (int i = 0; i < first.length && first[i] <= end; i++) {
            if (last[i] >= start) {
                return true;
            }
        }
        return false;
    }

    boolean isEmpty() {
        return first.length == 0;
    }

    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < first.length; i++) {
            sb.append(i == 0 ? "" : ",").append(first[i]).append('-').append(last[i]);
        }
        return sb.toString();
    }
}
