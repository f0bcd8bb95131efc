package org.mqvio.harness.workload;

import java.util.Comparator;
import java.util.List;
import java.util.random.RandomGenerator;

/**
 * The sizes of one direction's I/Os, as fio chooses them ({@code get_next_buflen()} in fio's {@code io_u.c}): one
 * size ({@code bs}), a range ({@code bsrange}: {@code min + max * u}, rounded down to a multiple of {@code min} and
 * capped at {@code max}, so every multiple of {@code min} up to {@code max} is equally likely when {@code max} is
 * one), or a split ({@code bssplit}: entries drawn by their percentages; the draw is rounded down to a multiple of
 * the smallest entry as well). A size that would run past the region is drawn again, as fio redraws.
 *
 * @param min    smallest size in bytes, a multiple of 512
 * @param max    largest size in bytes, {@code >= min}, a multiple of 512
 * @param splits the split's entries sorted by percentage (fio sorts them so), empty for a size or a range
 */
public record BlockSizes(int min, int max, List<Split> splits) {
    /**
     * One entry of a {@code bssplit}.
     *
     * @param size    bytes, a multiple of 512
     * @param percent share of the I/Os in percent, 0..100 (0: never drawn)
     */
    public record Split(int size, int percent) {
        public Split {
            sector("bssplit", size);
            if (percent < 0 || percent > 100) {
                throw new IllegalArgumentException("bssplit percentage " + percent + " is invalid; allowed: 0..100");
            }
        }
    }

    public BlockSizes {
        sector("bs", min);
        sector("bs", max);
        if (max < min) {
            throw new IllegalArgumentException("bsrange=" + min + "-" + max + " is invalid; allowed: low-high with"
                    + " low <= high");
        }
        splits = splits.stream().sorted(Comparator.comparingInt(Split::percent)).toList();
        if (!splits.isEmpty() && splits.stream().mapToInt(Split::percent).sum() == 0) {
            throw new IllegalArgumentException("bssplit has no entry with a percentage above 0; allowed: entries"
                    + " SIZE/PERCENT whose percentages add up to 100");
        }
    }

    /** One size. */
    public static BlockSizes fixed(int size) {
        return new BlockSizes(size, size, List.of());
    }

    /** fio's {@code bsrange=min-max}. */
    public static BlockSizes range(int min, int max) {
        return new BlockSizes(min, max, List.of());
    }

    /** fio's {@code bssplit}, with every entry's percentage already resolved. */
    public static BlockSizes split(List<Split> splits) {
        if (splits.isEmpty()) {
            throw new IllegalArgumentException("bssplit is empty; allowed: entries SIZE/PERCENT separated by ':'");
        }
        return new BlockSizes(splits.stream().mapToInt(Split::size).min().orElseThrow(),
                splits.stream().mapToInt(Split::size).max().orElseThrow(), splits);
    }

    private static void sector(String option, int size) {
        if (size < 512 || size % 512 != 0) {
            throw new IllegalArgumentException(option + "=" + size + " is invalid; allowed: a multiple of 512 bytes,"
                    + " >= 512");
        }
    }

    /**
     * The next size: one that fits in {@code room} bytes, or 0 when not even {@link #min} does (fio fails that
     * I/O's size; the caller moves to the region's start).
     */
    int next(RandomGenerator random, long room) {
        if (min == max) {
            return room >= min ? min : 0;
        }
        if (room < max && room < smallestDrawn()) {
            return 0;
        }
        while (true) {
            double u = random.nextDouble();
            long size;
            if (splits.isEmpty()) {
                size = min + (long) (max * u);
            } else {
                size = 0;
                int cumulative = 0;
                for (Split s : splits) {
                    if (s.percent() == 0) {
                        continue;
                    }
                    size = s.size();
                    cumulative += s.percent();
                    if (u * 100 < cumulative && s.size() <= room) {
                        break;
                    }
                }
            }
            size = Math.min(aligned(size), max);
            if (size <= room) {
                return (int) size;
            }
        }
    }

    /** The smallest size a draw can give (an entry of percentage 0 is never drawn). */
    private long smallestDrawn() {
        return splits.isEmpty() ? min
                : splits.stream().filter(s -> s.percent() > 0).mapToLong(s -> aligned(s.size())).min().orElseThrow();
    }

    /** fio rounds a drawn size down to a multiple of the smallest ({@code bs_unaligned} is not modelled). */
    private long aligned(long size) {
        return size - size % min;
    }
}
