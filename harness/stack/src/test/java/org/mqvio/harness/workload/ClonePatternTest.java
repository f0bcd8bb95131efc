package org.mqvio.harness.workload;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.SplittableRandom;
import java.util.random.RandomGenerator;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.mqvio.api.Operation;

/** Offsets and sizes a clone draws, against fio's definitions and the distributions' own figures. */
class ClonePatternTest {
    private static final long GIB = 1L << 30;
    private static final int DRAWS = 100_000;

    private static JobSpec job(ReadWrite rw, long size, long offset, int numjobs, AccessPattern access) {
        return new JobSpec("t", rw, 4096, 1, numjobs, 1_000_000, 0, size, 50, offset, 0, 0, OptionalLong.empty(),
                List.of(), 0).withAccess(access);
    }

    private static ClonePattern clone(JobSpec spec, int k) {
        return new ClonePattern(spec, k, 16 * GIB, new SplittableRandom(42 + k),
                name -> new SplittableRandom(name.hashCode() * 31L + k));
    }

    private static AccessPattern pattern(RandomDistribution d) {
        return AccessPattern.DEFAULT.withDistribution(d);
    }

    /** Sizes alone, drawn with replacement (fio's norandommap): no I/O is shortened to free blocks of the map. */
    private static AccessPattern sizesOnly(BlockSizes read, BlockSizes write) {
        return AccessPattern.DEFAULT.withSizes(read, write).withCoverage(BlockCoverage.WITH_REPLACEMENT);
    }

    @Test
    void bssplitMeanSizeIsTheConfiguredMeanWithin2Percent() {
        List<BlockSizes.Split> split = List.of(new BlockSizes.Split(4096, 60), new BlockSizes.Split(16384, 30),
                new BlockSizes.Split(65536, 10));
        double configured = split.stream().mapToDouble(s -> s.size() * s.percent() / 100.0).sum();
        BlockSizes sizes = BlockSizes.split(split);
        ClonePattern c = clone(job(ReadWrite.RANDREAD, GIB, 0, 1, sizesOnly(sizes, sizes)), 0);
        long bytes = 0;
        Map<Integer, Integer> counts = new HashMap<>();
        for (int i = 0; i < DRAWS; i++) {
            c.next(Operation.READ);
            bytes += c.length();
            counts.merge(c.length(), 1, Integer::sum);
        }
        assertThat(counts).containsOnlyKeys(4096, 16384, 65536);
        assertThat((double) bytes / DRAWS).isCloseTo(configured, within(configured * 0.02));
    }

    @Test
    void bsrangeDrawsEveryMultipleOfTheSmallestEquallyOften() {
        BlockSizes sizes = BlockSizes.range(4096, 65536);
        ClonePattern c = clone(job(ReadWrite.RANDREAD, GIB, 0, 1, sizesOnly(sizes, sizes)), 0);
        Map<Integer, Integer> counts = new HashMap<>();
        for (int i = 0; i < DRAWS; i++) {
            c.next(Operation.READ);
            counts.merge(c.length(), 1, Integer::sum);
        }
        assertThat(counts).hasSize(16);
        // each of 16 values has p = 1/16: the binomial's standard deviation is 77 draws, so 5 sigma is 385
        counts.forEach((size, n) -> {
            assertThat(size % 4096).isZero();
            assertThat(n).isCloseTo(DRAWS / 16, within(385));
        });
    }

    @Test
    void eachDirectionHasItsOwnBlockSize() {
        AccessPattern a = AccessPattern.DEFAULT.withSizes(BlockSizes.fixed(4096), BlockSizes.fixed(65536));
        ClonePattern c = clone(job(ReadWrite.RANDRW, GIB, 0, 1, a), 0);
        for (int i = 0; i < 1000; i++) {
            Operation op = i % 3 == 0 ? Operation.WRITE : Operation.READ;
            long offset = c.next(op);
            assertThat(c.length()).isEqualTo(op == Operation.READ ? 4096 : 65536);
            assertThat(offset % c.length()).as("offsets are aligned to the direction's size").isZero();
            assertThat(offset + c.length()).isLessThanOrEqualTo(GIB);
        }
    }

    /** Ranks 1, 2, ..., 8, then bins of doubling width up to {@code n}: 23 bins, the smallest expecting 1,000 hits. */
    private static List<long[]> rankBins(long n) {
        List<long[]> bins = new ArrayList<>();
        for (long k = 1; k <= 8; k++) {
            bins.add(new long[] {k, k});
        }
        for (long lo = 9, width = 8; lo <= n; lo += width, width *= 2) {
            bins.add(new long[] {lo, Math.min(n, lo + width - 1)});
        }
        return bins;
    }

    /** How many of {@link #DRAWS} zipf ranks (from 1) fall in each bin. */
    private static long[] zipfRankCounts(long n, double theta, List<long[]> bins) {
        SkewedBlocks zipf = SkewedBlocks.of(new RandomDistribution.Zipf(theta, RandomDistribution.NO_CENTER), n,
                new SplittableRandom(7));
        long[] observed = new long[bins.size()];
        RandomGenerator r = new SplittableRandom(11);
        for (int i = 0; i < DRAWS; i++) {
            long rank = zipf.rank(r) + 1;
            int b = 0;
            while (rank > bins.get(b)[1]) {
                b++;
            }
            observed[b]++;
        }
        return observed;
    }

    /** Pearson's chi-square of {@code observed} against bin probabilities {@code p}. */
    private static double chiSquare(long[] observed, double[] p) {
        double chi = 0;
        for (int b = 0; b < observed.length; b++) {
            double expected = p[b] * DRAWS;
            chi += (observed[b] - expected) * (observed[b] - expected) / expected;
        }
        return chi;
    }

    /**
     * {@code zipf:1.2}'s ranks against Zipf's law p(k) = k^-theta / H(n, theta) where fio's generator is exact: the
     * first and second ranks ({@code zipf_next()} in fio's {@code lib/zipf.c} returns them by comparing the uniform
     * draw with 1/H and (1 + 2^-theta)/H). Pearson's chi-square over three bins (rank 1, rank 2, the rest) has 2
     * degrees of freedom, whose 0.1% critical value is 13.82: an exact generator fails one seed in a thousand, and
     * the seed is fixed.
     */
    @Test
    void zipfFirstRanksHaveZipfsLawsFrequencies() {
        long n = 1 << 18;
        double theta = 1.2;
        long[] counts = zipfRankCounts(n, theta, rankBins(n));
        double zeta = SkewedBlocks.Zipf.zeta(n, theta);
        double p1 = 1 / zeta;
        double p2 = Math.pow(2, -theta) / zeta;
        long rest = DRAWS - counts[0] - counts[1];
        assertThat(chiSquare(new long[] {counts[0], counts[1], rest}, new double[] {p1, p2, 1 - p1 - p2}))
                .isLessThan(13.82);
    }

    /**
     * Beyond rank 2, fio draws ranks from Gray et al.'s closed-form inversion ("Quickly generating billion-record
     * synthetic databases", SIGMOD 1994): rank {@code 1 + floor(n (eta u - eta + 1)^alpha)} with
     * {@code alpha = 1/(1 - theta)} and {@code eta = (1 - (2/n)^(1 - theta)) / (1 - H(2)/H(n))}. That is an
     * approximation of Zipf's law: for theta 1.2 it gives rank 3 about 18% more than the law and ranks above 32
     * about 5% less, so at 100,000 draws the chi-square against the law itself is about 450. The model keeps fio's
     * generator (its hit frequencies are fio's), so its ranks are tested against the distribution that inversion
     * defines, solved here in closed form: P(rank <= K) = max((1 + 2^-theta)/H(n), 1 - (1 - (K/n)^(1/alpha))/eta)
     * for K >= 2. Chi-square over 23 bins, 22 degrees of freedom, 0.1% critical value 48.27.
     */
    @Test
    void zipfHitFrequenciesFollowFiosZipfDistribution() {
        long n = 1 << 18;
        double theta = 1.2;
        List<long[]> bins = rankBins(n);
        assertThat(bins).hasSize(23);
        double zeta = SkewedBlocks.Zipf.zeta(n, theta);
        double alpha = 1 / (1 - theta);
        double eta = (1 - Math.pow(2.0 / n, 1 - theta)) / (1 - (1 + Math.pow(0.5, theta)) / zeta);
        java.util.function.LongToDoubleFunction cdf = k -> k <= 0 ? 0 : k == 1 ? 1 / zeta
                : Math.min(1, Math.max((1 + Math.pow(0.5, theta)) / zeta,
                1 - (1 - Math.pow((double) k / n, 1 / alpha)) / eta));
        double[] p = new double[bins.size()];
        for (int b = 0; b < bins.size(); b++) {
            p[b] = cdf.applyAsDouble(bins.get(b)[1]) - cdf.applyAsDouble(bins.get(b)[0] - 1);
        }
        assertThat(chiSquare(zipfRankCounts(n, theta, bins), p)).isLessThan(48.27);
    }

    @Test
    void zipfBlocksAreScatteredRanksSoTheHottestBlockHasTheFirstRanksShare() {
        long n = 1 << 18;
        double theta = 1.2;
        ClonePattern c = clone(job(ReadWrite.RANDREAD, n * 4096, 0, 1,
                pattern(new RandomDistribution.Zipf(theta, RandomDistribution.NO_CENTER))), 0);
        Map<Long, Integer> hits = new HashMap<>();
        for (int i = 0; i < DRAWS; i++) {
            hits.merge(c.next(Operation.READ), 1, Integer::sum);
        }
        double p1 = 1 / SkewedBlocks.Zipf.zeta(n, theta);
        List<Integer> sorted = hits.values().stream().sorted((a, b) -> b - a).toList();
        // binomial standard deviation of the top count: sqrt(n p (1 - p)), about 148 draws; 5 sigma
        assertThat((double) sorted.get(0)).isCloseTo(p1 * DRAWS, within(5 * Math.sqrt(DRAWS * p1 * (1 - p1))));
        assertThat(hits.size()).as("a skewed job touches far fewer blocks than a uniform one").isLessThan(DRAWS / 4);
    }

    @Test
    void zonedSharesFollowTheAccessPercentages() {
        List<RandomDistribution.Zone> zones = List.of(new RandomDistribution.Zone(60, 10),
                new RandomDistribution.Zone(30, 20), new RandomDistribution.Zone(8, 30), new RandomDistribution.Zone(2, 40));
        ClonePattern c = clone(job(ReadWrite.RANDREAD, GIB, 0, 1,
                pattern(new RandomDistribution.Zoned(false, zones, zones))), 0);
        long[] counts = new long[4];
        double[] ends = {0.1, 0.3, 0.6, 1.0};
        for (int i = 0; i < DRAWS; i++) {
            double at = (double) c.next(Operation.READ) / GIB;
            for (int z = 0; z < 4; z++) {
                if (at < ends[z]) {
                    counts[z]++;
                    break;
                }
            }
        }
        int[] access = {60, 30, 8, 2};
        for (int z = 0; z < 4; z++) {
            double p = access[z] / 100.0;
            // 5 binomial standard deviations
            assertThat((double) counts[z]).isCloseTo(p * DRAWS, within(5 * Math.sqrt(DRAWS * p * (1 - p))));
        }
    }

    @Test
    void zonedAbsoluteZonesBeyondTheRegionAreRefused() {
        List<RandomDistribution.Zone> zones = List.of(new RandomDistribution.Zone(50, GIB),
                new RandomDistribution.Zone(50, 2 * GIB));
        JobSpec spec = job(ReadWrite.RANDREAD, GIB, 0, 1, pattern(new RandomDistribution.Zoned(true, zones, zones)));
        assertThatThrownBy(() -> clone(spec, 0)).hasMessage("random_distribution=zoned_abs sizes add up to 3221225472"
                + " bytes, more than the region's 1073741824; allowed: zones within the region");
    }

    @Test
    void stridedZonesVisitOnlyTheirRanges() {
        long zoneSize = 64 * 4096;
        long range = 16 * 4096;
        long skip = 48 * 4096;
        long start = 1 << 20;
        for (ReadWrite rw : List.of(ReadWrite.READ, ReadWrite.RANDREAD)) {
            ClonePattern c = clone(job(rw, GIB, start, 1,
                    AccessPattern.DEFAULT.withZones(new StridedZones(zoneSize, range, skip))), 0);
            long lastZone = -1;
            int zonesSeen = 0;
            for (int i = 0; i < 20_000; i++) {
                long offset = c.next(Operation.READ);
                long rel = offset - start;
                long zone = rel / (range + skip);
                assertThat(rel % (range + skip) + 4096).as("%s offset %d inside its zone", rw, offset)
                        .isLessThanOrEqualTo(range);
                assertThat(i / 64).as("zonesize bytes (64 I/Os) per zone").isEqualTo(zone);
                if (zone != lastZone) {
                    zonesSeen++;
                    lastZone = zone;
                }
            }
            assertThat(zonesSeen).isEqualTo(20_000 / 64 + 1);
        }
    }

    @Test
    void offsetIncrementPlacesEachCloneAfterThePrevious() {
        long size = 8L << 20;
        long increment = 1L << 30;
        JobSpec spec = job(ReadWrite.RANDWRITE, size, 4096, 4, AccessPattern.DEFAULT.withOffsetIncrement(increment));
        for (int k = 0; k < 4; k++) {
            ClonePattern c = clone(spec, k);
            long lo = Long.MAX_VALUE;
            long hi = 0;
            for (int i = 0; i < 5000; i++) {
                long offset = c.next(Operation.WRITE);
                lo = Math.min(lo, offset);
                hi = Math.max(hi, offset + c.length());
            }
            assertThat(lo).isGreaterThanOrEqualTo(4096 + k * increment).isLessThan(4096 + k * increment + 65536);
            assertThat(hi).isLessThanOrEqualTo(4096 + k * increment + size).isGreaterThan(4096 + k * increment + size
                    - 65536);
        }
        JobSpec past = job(ReadWrite.RANDWRITE, size, 0, 20, AccessPattern.DEFAULT.withOffsetIncrement(increment));
        assertThatThrownBy(() -> clone(past, 16)).hasMessage("offset=17179869184 (offset + clone 16 x offset_increment)"
                + " is beyond the device's 17179869184 bytes; allowed: an offset below the capacity");
    }

    @Test
    void rwModifierLeavesHolesOrStepsBack() {
        ClonePattern holes = clone(job(ReadWrite.READ, GIB, 0, 1, new AccessPattern(Optional.empty(), Optional.empty(),
                false, 0, 0, RandomDistribution.UNIFORM, 100, 100, 8192, 1, false, 0, Optional.empty())), 0);
        assertThat(List.of(holes.next(Operation.READ), holes.next(Operation.READ), holes.next(Operation.READ)))
                .containsExactly(0L, 12288L, 24576L);
        ClonePattern back = clone(job(ReadWrite.READ, GIB, 0, 1, new AccessPattern(Optional.empty(), Optional.empty(),
                false, 0, 0, RandomDistribution.UNIFORM, 100, 100, -8192, 1, false, 0, Optional.empty())), 0);
        assertThat(List.of(back.next(Operation.READ), back.next(Operation.READ), back.next(Operation.READ)))
                .containsExactly(0L, GIB - 8192, GIB - 12288);
    }

    @Test
    void randomOffsetEveryNthIoThenSequentialOrIdentical() {
        for (boolean identical : List.of(false, true)) {
            ClonePattern c = clone(job(ReadWrite.RANDREAD, GIB, 0, 1, new AccessPattern(Optional.empty(),
                    Optional.empty(), false, 0, 0, RandomDistribution.UNIFORM, 100, 100, 0, 4, identical, 0,
                    Optional.empty())), 0);
            for (int run = 0; run < 100; run++) {
                long first = c.next(Operation.READ);
                for (int i = 1; i < 4; i++) {
                    assertThat(c.next(Operation.READ)).isEqualTo(identical ? first : first + i * 4096L);
                }
            }
        }
    }

    @Test
    void percentageRandomMixesSequentialRuns() {
        ClonePattern c = clone(job(ReadWrite.RANDREAD, GIB, 0, 1, new AccessPattern(Optional.empty(),
                Optional.empty(), false, 0, 0, RandomDistribution.UNIFORM, 25, 100, 0, 1, false, 0,
                Optional.empty())), 0);
        long last = c.next(Operation.READ);
        int sequential = 0;
        for (int i = 0; i < DRAWS; i++) {
            long offset = c.next(Operation.READ);
            if (offset == last + 4096) {
                sequential++;
            }
            last = offset;
        }
        // 75% continue; a random offset lands right after the last one with probability 1/262144
        assertThat((double) sequential).isCloseTo(0.75 * DRAWS, within(5 * Math.sqrt(DRAWS * 0.75 * 0.25)));
    }

    @Test
    void blockalignPlacesRandomOffsetsOnItsBoundaries() {
        ClonePattern c = clone(job(ReadWrite.RANDREAD, GIB, 0, 1, new AccessPattern(Optional.empty(), Optional.empty(),
                false, 1024, 0, RandomDistribution.UNIFORM, 100, 100, 0, 1, false, 0, Optional.empty())), 0);
        int offGrid = 0;
        for (int i = 0; i < 10_000; i++) {
            long offset = c.next(Operation.READ);
            assertThat(offset % 1024).isZero();
            assertThat(offset + 4096).isLessThanOrEqualTo(GIB);
            offGrid += offset % 4096 == 0 ? 0 : 1;
        }
        // three of four 1 KiB boundaries are not 4 KiB ones
        assertThat((double) offGrid).isCloseTo(7500, within(5 * Math.sqrt(10_000 * 0.75 * 0.25)));
    }

    @Test
    void bsIsSeqRandSizesRandomIosByTheWriteSizeAndSequentialOnesByTheReadSize() {
        ClonePattern c = clone(job(ReadWrite.RANDREAD, GIB, 0, 1, new AccessPattern(Optional.of(BlockSizes.fixed(4096)),
                Optional.of(BlockSizes.fixed(65536)), true, 0, 0, RandomDistribution.UNIFORM, 100, 100, 0, 2, false, 0,
                Optional.empty())), 0);
        for (int i = 0; i < 100; i++) {
            long random = c.next(Operation.READ);
            assertThat(c.length()).as("a random read").isEqualTo(65536);
            assertThat(c.next(Operation.READ)).isEqualTo(random + 65536);
            assertThat(c.length()).as("a sequential read").isEqualTo(4096);
        }
    }

    @Test
    void paretoConcentratesHitsOnFewBlocksAndStaysInTheRegion() {
        for (RandomDistribution d : List.of(new RandomDistribution.Pareto(0.2, RandomDistribution.NO_CENTER),
                RandomDistribution.UNIFORM)) {
            ClonePattern c = clone(job(ReadWrite.RANDREAD, GIB, 0, 1, pattern(d)), 0);
            Map<Long, Integer> hits = new HashMap<>();
            for (int i = 0; i < 20_000; i++) {
                long offset = c.next(Operation.READ);
                assertThat(offset).isBetween(0L, GIB - 4096);
                hits.merge(offset, 1, Integer::sum);
            }
            int hottest = hits.values().stream().max(Integer::compare).orElseThrow();
            // pareto:0.2 gives rank 0 the probability n^-(log 0.8 / log 0.2) = 0.177 of 262,144 ranks
            assertThat(hottest).as(d.toString()).isGreaterThan(d == RandomDistribution.UNIFORM ? 0 : 3000)
                    .isLessThan(d == RandomDistribution.UNIFORM ? 6 : 4100);
        }
    }

    /**
     * fio's normal is the mean of twelve uniform draws over [0, n] (rounded up), standard deviation n/12, plus a
     * uniform deviation of 5% of n (13,108 ranks wide, standard deviation 13,108/sqrt(12)): together mean n/2 and
     * standard deviation sqrt((n/12)^2 + 13108^2/12) = 22,170 ranks for n = 262,144.
     */
    @Test
    void normalRanksHaveFiosMeanAndSpread() {
        long n = 1 << 18;
        SkewedBlocks g = SkewedBlocks.of(new RandomDistribution.Normal(5, RandomDistribution.NO_CENTER), n,
                new SplittableRandom(3));
        RandomGenerator r = new SplittableRandom(5);
        double sum = 0;
        double squares = 0;
        for (int i = 0; i < DRAWS; i++) {
            double rank = g.rank(r);
            sum += rank;
            squares += rank * rank;
        }
        double mean = sum / DRAWS;
        double sd = Math.sqrt(squares / DRAWS - mean * mean);
        double expectedSd = Math.sqrt(Math.pow(n / 12.0, 2) + 13108.0 * 13108.0 / 12);
        // the mean's standard error is 22,170/sqrt(100,000) = 70 ranks: 5 of them; the sample deviation's, 0.22%
        assertThat(mean).isCloseTo(n / 2.0, within(350.0));
        assertThat(sd).isCloseTo(expectedSd, within(expectedSd * 0.011));
    }

    /** jobs.DIR.io_bytes / total_ios of the fio JSON output {@code golden-access/NAME.json}. */
    static double fioMeanBytes(String name, String dir) throws IOException {
        String json;
        try (InputStream in = ClonePatternTest.class.getResourceAsStream("golden-access/" + name + ".json")) {
            json = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        Matcher m = Pattern.compile("\"" + dir + "\" : \\{\\s*\"io_bytes\" : (\\d+).*?\"total_ios\" : (\\d+)",
                Pattern.DOTALL).matcher(json);
        assertThat(m.find()).as(dir).isTrue();
        return Double.parseDouble(m.group(1)) / Double.parseDouble(m.group(2));
    }

    /**
     * Real fio 3.33's bytes per I/O (null engine, 200,000 I/Os, no random map: golden-access/COMMANDS.txt) against
     * 200,000 draws of the same sizes per direction, within 2%.
     */
    @Test
    void meanBytesPerIoMatchRealFiosWithin2Percent() throws IOException {
        Map<String, BlockSizes[]> jobs = Map.of(
                "bssplit", new BlockSizes[] {BlockSizes.split(List.of(new BlockSizes.Split(4096, 60),
                        new BlockSizes.Split(16384, 30), new BlockSizes.Split(65536, 10))), null},
                "bssplit-rw", new BlockSizes[] {BlockSizes.split(List.of(new BlockSizes.Split(4096, 50),
                        new BlockSizes.Split(8192, 50))), BlockSizes.split(List.of(new BlockSizes.Split(65536, 20),
                        new BlockSizes.Split(131072, 80)))},
                "bsrange", new BlockSizes[] {BlockSizes.range(4096, 65536), null},
                "bs-per-direction", new BlockSizes[] {BlockSizes.fixed(4096), BlockSizes.fixed(65536)});
        for (Map.Entry<String, BlockSizes[]> job : jobs.entrySet()) {
            BlockSizes[] sizes = job.getValue();
            BlockSizes write = sizes[1] == null ? sizes[0] : sizes[1];
            ReadWrite rw = sizes[1] == null ? ReadWrite.RANDREAD : ReadWrite.RANDRW;
            ClonePattern c = clone(job(rw, 1L << 40 >> 7, 0, 1, sizesOnly(sizes[0], write)), 0);
            for (Operation op : sizes[1] == null ? List.of(Operation.READ) : List.of(Operation.READ, Operation.WRITE)) {
                long bytes = 0;
                for (int i = 0; i < 2 * DRAWS; i++) {
                    c.next(op);
                    bytes += c.length();
                }
                double fio = fioMeanBytes(job.getKey(), op == Operation.READ ? "read" : "write");
                assertThat((double) bytes / (2 * DRAWS)).as(job.getKey() + " " + op).isCloseTo(fio, within(fio * 0.02));
            }
        }
    }
}
