package org.mqvio.harness.fio;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.mqvio.harness.workload.AccessPattern;
import org.mqvio.harness.workload.BlockCoverage;
import org.mqvio.harness.workload.BlockSizes;
import org.mqvio.harness.workload.RandomDistribution;
import org.mqvio.harness.workload.ReadWrite;
import org.mqvio.harness.workload.StridedZones;

/**
 * fio's syntax of the options that say where I/Os fall and how large they are (fio's {@code options.c}:
 * {@code str_bssplit_cb()}, {@code split_parse_ddir()}, {@code str_random_distribution_cb()},
 * {@code parse_zoned_distribution()}, {@code str_rw_cb()}), and the {@link AccessPattern} they make.
 */
final class AccessOptions {
    static final String BSSPLIT_ALLOWED = "SIZE/PERCENT entries separated by ':' (an entry without a percentage"
            + " shares what is left), per direction separated by ',', e.g. 4k/60:64k/40";
    static final String BSRANGE_ALLOWED = "LOW-HIGH sizes, per direction separated by ',', e.g. 4k-64k";
    static final String DISTRIBUTION_ALLOWED = "random, zipf[:THETA[:CENTER]], pareto[:H[:CENTER]],"
            + " normal[:DEV[:CENTER]] (or gauss), zoned:ACCESS/PERCENT:..., zoned_abs:ACCESS/SIZE:..."
            + " (fio's sequence is not modelled)";
    /** fio's defaults for a distribution given without its value ({@code FIO_DEF_ZIPF}, {@code FIO_DEF_PARETO}). */
    private static final double DEFAULT_THETA = 1.1;
    private static final double DEFAULT_H = 0.2;

    private AccessOptions() {
    }

    /**
     * A value of {@code rw}: the pattern and its {@code :N} modifier (0 when none).
     *
     * @param rw       the pattern
     * @param modifier a count (random jobs) or a signed size in bytes (sequential jobs)
     */
    record RwChoice(ReadWrite rw, long modifier) {
    }

    /** {@code bs=R,W}: sizes per direction. */
    static ByDirection<Long> sizes(String value, int kbBase) throws BadValueException {
        return ByDirection.parse(value, p -> FioValues.size(p, kbBase));
    }

    /** {@code bsrange=LOW-HIGH,...} (fio also takes ':' between them). */
    static ByDirection<long[]> ranges(String value, int kbBase) throws BadValueException {
        return ByDirection.parse(value, p -> {
            String[] lh = p.split("[-:]", -1);
            if (lh.length != 2) {
                throw new BadValueException(BSRANGE_ALLOWED);
            }
            return new long[] {FioValues.size(lh[0], kbBase), FioValues.size(lh[1], kbBase)};
        });
    }

    /**
     * {@code bssplit}: entries SIZE/PERCENT; entries without a percentage share what the others leave of 100,
     * equally and rounded down; percentages above 100 count as 100, and 0 as none given ({@code bssplit_ddir()}).
     */
    static ByDirection<List<BlockSizes.Split>> bssplit(String value, int kbBase) throws BadValueException {
        return ByDirection.parse(value, p -> {
            List<long[]> entries = new ArrayList<>();
            int given = 0;
            int missing = 0;
            for (String e : p.split(":")) {
                if (e.isBlank()) {
                    break;
                }
                int slash = e.indexOf('/');
                long size = FioValues.size(slash < 0 ? e : e.substring(0, slash), kbBase);
                long perc = -1;
                if (slash >= 0) {
                    perc = Math.min(100, FioValues.integer(e.substring(slash + 1), 0, Long.MAX_VALUE));
                    perc = perc == 0 ? -1 : perc;
                }
                if (perc < 0) {
                    missing++;
                } else {
                    given += (int) perc;
                }
                entries.add(new long[] {size, perc});
            }
            if (given > 100 && missing > 1) {
                throw new BadValueException(BSSPLIT_ALLOWED + " (the percentages add up to more than 100)");
            }
            int share = missing == 1 && entries.size() == 1 ? 100 : missing == 0 ? 0 : (100 - given) / missing;
            List<BlockSizes.Split> splits = new ArrayList<>();
            for (long[] e : entries) {
                try {
                    splits.add(new BlockSizes.Split(Math.toIntExact(e[0]), e[1] < 0 ? Math.max(0, share) : (int) e[1]));
                } catch (IllegalArgumentException | ArithmeticException ex) {
                    throw new BadValueException(BSSPLIT_ALLOWED + " (sizes multiples of 512 bytes)");
                }
            }
            return splits;
        });
    }

    /** {@code percentage_random=R,W}. */
    static ByDirection<Long> percents(String value) throws BadValueException {
        return ByDirection.parse(value, p -> FioValues.integer(p, 0, 100));
    }

    /** {@code random_distribution}. */
    static RandomDistribution distribution(String value, int kbBase) throws BadValueException {
        String v = value.trim().toLowerCase(Locale.ROOT);
        int colon = v.indexOf(':');
        String kind = colon < 0 ? v : v.substring(0, colon);
        String rest = colon < 0 ? null : v.substring(colon + 1);
        try {
            return switch (kind) {
                case "random" -> RandomDistribution.UNIFORM;
                case "zipf" -> {
                    double[] p = valueAndCenter(rest, DEFAULT_THETA);
                    yield new RandomDistribution.Zipf(p[0], p[1]);
                }
                case "pareto" -> {
                    double[] p = valueAndCenter(rest, DEFAULT_H);
                    yield new RandomDistribution.Pareto(p[0], p[1]);
                }
                case "normal", "gauss" -> {
                    double[] p = valueAndCenter(rest, 0);
                    yield new RandomDistribution.Normal(p[0], p[1]);
                }
                case "zoned", "zoned_abs" -> zoned(rest, kind.equals("zoned_abs"), kbBase);
                default -> throw new BadValueException(DISTRIBUTION_ALLOWED, EditDistance.nearest(kind,
                        List.of("random", "zipf", "pareto", "normal", "gauss", "zoned", "zoned_abs")));
            };
        } catch (IllegalArgumentException e) {
            String m = e.getMessage();
            throw new BadValueException(m.substring(m.indexOf("allowed: ") + "allowed: ".length()));
        }
    }

    private static double[] valueAndCenter(String rest, double fallback) throws BadValueException {
        if (rest == null) {
            return new double[] {fallback, RandomDistribution.NO_CENTER};
        }
        String[] parts = rest.split(":", -1);
        if (parts.length > 2) {
            throw new BadValueException(DISTRIBUTION_ALLOWED);
        }
        try {
            return new double[] {Double.parseDouble(parts[0]),
                    parts.length == 2 ? Double.parseDouble(parts[1]) : RandomDistribution.NO_CENTER};
        } catch (NumberFormatException e) {
            throw new BadValueException(DISTRIBUTION_ALLOWED);
        }
    }

    /**
     * {@code zoned:ACCESS/SIZE:...}: a zone's size is percent of the region (zoned) or bytes (zoned_abs); zoned
     * sizes not given share what is left, as {@code zone_split_ddir()} does.
     */
    private static RandomDistribution zoned(String rest, boolean absolute, int kbBase) throws BadValueException {
        if (rest == null || rest.isBlank()) {
            throw new BadValueException(DISTRIBUTION_ALLOWED + " (zoned needs ACCESS/SIZE entries)");
        }
        ByDirection<List<RandomDistribution.Zone>> zones = ByDirection.parse(rest, p -> {
            List<long[]> entries = new ArrayList<>();
            for (String e : p.split(":")) {
                if (e.isBlank()) {
                    break;
                }
                int slash = e.indexOf('/');
                long access = FioValues.integer(slash < 0 ? e : e.substring(0, slash), 0, 100);
                long size = slash < 0 ? -1 : absolute ? FioValues.size(e.substring(slash + 1), kbBase)
                        : FioValues.integer(e.substring(slash + 1), 0, 100);
                entries.add(new long[] {access, size});
            }
            long given = entries.stream().filter(e -> e[1] >= 0).mapToLong(e -> e[1]).sum();
            long missing = entries.stream().filter(e -> e[1] < 0).count();
            long share = absolute || missing == 0 ? 0 : missing == 1 && entries.size() == 1 ? 100
                    : Math.max(0, (100 - given) / missing);
            return entries.stream().map(e -> new RandomDistribution.Zone((int) e[0], e[1] < 0 ? share : e[1]))
                    .toList();
        });
        return new RandomDistribution.Zoned(absolute, zones.readOr(List.of()), zones.writeOr(List.of()));
    }

    /**
     * The {@code rw=...:N} modifier: for a random job a count (a new random offset every N I/Os), for a
     * sequential one a signed size (a hole, or a step backwards), as {@code str_rw_cb()} reads it.
     */
    static long rwModifier(String text, boolean random, int kbBase) throws BadValueException {
        if (random) {
            try {
                return FioValues.integer(text, 1, 0xFFFF_FFFFL);
            } catch (BadValueException e) {
                throw new BadValueException("a count in [1, 4294967295] after ':' for a random job, e.g. randread:8");
            }
        }
        String t = text.trim();
        boolean negative = t.startsWith("-");
        long size = FioValues.size(negative ? t.substring(1) : t, kbBase);
        return negative ? -size : size;
    }

    /** The access pattern of a job's typed values ({@code bs} already resolved per direction). */
    static AccessPattern pattern(Map<FioOption, Object> v, ReadWrite rw, long rwModifier, int defaultBs) {
        @SuppressWarnings("unchecked")
        ByDirection<Long> bs = (ByDirection<Long>) v.getOrDefault(FioOption.BS, new ByDirection<Long>(null, null));
        BlockSizes read = BlockSizes.fixed(Math.toIntExact(bs.readOr((long) defaultBs)));
        BlockSizes write = BlockSizes.fixed(Math.toIntExact(bs.writeOr((long) defaultBs)));
        @SuppressWarnings("unchecked")
        ByDirection<long[]> range = (ByDirection<long[]>) v.get(FioOption.BSRANGE);
        if (range != null) {
            read = range.read() == null ? read : BlockSizes.range(intSize(range.read()[0]), intSize(range.read()[1]));
            write = range.write() == null ? write
                    : BlockSizes.range(intSize(range.write()[0]), intSize(range.write()[1]));
        }
        @SuppressWarnings("unchecked")
        ByDirection<List<BlockSizes.Split>> split = (ByDirection<List<BlockSizes.Split>>) v.get(FioOption.BSSPLIT);
        if (split != null) {
            read = split.read() == null || split.read().isEmpty() ? read : BlockSizes.split(split.read());
            write = split.write() == null || split.write().isEmpty() ? write : BlockSizes.split(split.write());
        }
        @SuppressWarnings("unchecked")
        ByDirection<Long> align = (ByDirection<Long>) v.getOrDefault(FioOption.BLOCKALIGN, new ByDirection<Long>(null,
                null));
        @SuppressWarnings("unchecked")
        ByDirection<Long> pct = (ByDirection<Long>) v.getOrDefault(FioOption.PERCENTAGE_RANDOM,
                new ByDirection<Long>(null, null));
        Optional<StridedZones> zones = Optional.empty();
        if ("strided".equals(v.get(FioOption.ZONEMODE)) || (!v.containsKey(FioOption.ZONEMODE)
                && v.containsKey(FioOption.ZONESIZE))) {
            long size = (Long) v.getOrDefault(FioOption.ZONESIZE, 0L);
            zones = Optional.of(new StridedZones(size, (Long) v.getOrDefault(FioOption.ZONERANGE, size),
                    (Long) v.getOrDefault(FioOption.ZONESKIP, 0L)));
        }
        return new AccessPattern(Optional.of(read), Optional.of(write),
                (Boolean) v.getOrDefault(FioOption.BS_IS_SEQ_RAND, false), align.readOr(0L), align.writeOr(0L),
                (RandomDistribution) v.getOrDefault(FioOption.RANDOM_DISTRIBUTION, RandomDistribution.UNIFORM),
                (int) (long) pct.readOr(100L), (int) (long) pct.writeOr(100L), rw.random() ? 0 : rwModifier,
                rw.random() ? Math.max(1, rwModifier) : 1, "identical".equals(v.get(FioOption.RW_SEQUENCER)),
                (Long) v.getOrDefault(FioOption.OFFSET_INCREMENT, 0L), zones, coverage(v));
    }

    /** fio's {@code init_random_map()}: an LFSR when asked for, else the random map unless {@code norandommap}. */
    private static BlockCoverage coverage(Map<FioOption, Object> v) {
        if ("lfsr".equals(v.get(FioOption.RANDOM_GENERATOR))) {
            return BlockCoverage.LFSR;
        }
        return (Boolean) v.getOrDefault(FioOption.NORANDOMMAP, false) ? BlockCoverage.WITH_REPLACEMENT
                : BlockCoverage.RANDOM_MAP;
    }

    private static int intSize(long bytes) {
        if (bytes > 16L << 20) {
            throw new IllegalArgumentException("block size " + bytes + " is invalid; allowed: at most 16m");
        }
        return (int) bytes;
    }
}
