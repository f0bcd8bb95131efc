package org.mqvio.harness.workload;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;
import java.util.SplittableRandom;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import org.mqvio.api.Operation;

/**
 * How a random job covers its region: fio's random map (each block once per pass, I/Os shortened to free blocks),
 * {@code norandommap} (draws with replacement) and {@code random_generator=lfsr}, against fio 3.33's own figures.
 */
class RandomCoverageTest {
    private static final long CAPACITY = 16L << 30;
    private static final int KIB4 = 4096;

    /** A job over {@code region} bytes from {@code offset} that does its region once ({@code size}, no time_based). */
    private static JobSpec sized(ReadWrite rw, long region, long offset, AccessPattern access) {
        return new JobSpec("t", rw, KIB4, 1, 1, 0, 0, region, 50, offset, region, 0, OptionalLong.empty(), List.of(), 0)
                .withAccess(access);
    }

    /** A job over {@code region} bytes with no I/O amount: it runs on time (fio's time_based). */
    private static JobSpec timed(ReadWrite rw, long region, AccessPattern access) {
        return new JobSpec("t", rw, KIB4, 1, 1, 1_000_000, 0, region, 50, 0, 0, 0, OptionalLong.empty(), List.of(), 0)
                .withAccess(access);
    }

    private static ClonePattern clone(JobSpec spec, long seed) {
        return new ClonePattern(spec, 0, CAPACITY, new SplittableRandom(seed),
                name -> new SplittableRandom(name.hashCode() * 31L + seed));
    }

    @Provide
    Arbitrary<BlockSizes> sizes() {
        return Arbitraries.oneOf(
                Arbitraries.of(512, 4096, 8192, 65536).map(BlockSizes::fixed),
                Arbitraries.of(1, 2, 4, 16).map(k -> BlockSizes.range(KIB4, k * KIB4)),
                Arbitraries.just(BlockSizes.split(List.of(new BlockSizes.Split(4096, 60),
                        new BlockSizes.Split(16384, 30), new BlockSizes.Split(65536, 10)))));
    }

    /**
     * With the map, a random job whose amount is its region uses each block of the smallest size exactly once and
     * then ends its pass: the blocks add up to the region, none twice.
     */
    @Property(tries = 60)
    void withTheMapEachBlockIsUsedExactlyOncePerPass(@ForAll("sizes") BlockSizes sizes,
                                                     @ForAll @IntRange(min = 1, max = 3000) int blocks,
                                                     @ForAll boolean write, @ForAll @IntRange(min = 0, max = 7) int at) {
        long region = (long) blocks * sizes.min();
        long offset = at * 512L * 8;
        Operation op = write ? Operation.WRITE : Operation.READ;
        ClonePattern c = clone(sized(write ? ReadWrite.RANDWRITE : ReadWrite.RANDREAD, region, offset,
                AccessPattern.DEFAULT.withSizes(sizes, sizes)), blocks * 31L + at);
        int[] uses = new int[blocks];
        long bytes = 0;
        while (bytes < region) {
            long o = c.next(op);
            assertThat(o).as("an offset before the region is used up").isNotEqualTo(ClonePattern.PASS_OVER);
            assertThat(o).isGreaterThanOrEqualTo(offset);
            assertThat(c.length() % sizes.min()).isZero();
            for (long b = (o - offset) / sizes.min(); b < (o - offset + c.length()) / sizes.min(); b++) {
                uses[(int) b]++;
            }
            bytes += c.length();
        }
        assertThat(bytes).isEqualTo(region);
        assertThat(uses).containsOnly(1);
        assertThat(c.next(op)).as("a full map ends the pass").isEqualTo(ClonePattern.PASS_OVER);
    }

    /** fio 3.33 with its map: 10,551.6 bytes per I/O over 4 GiB in 200,000 I/Os (golden-access/COMMANDS.txt). */
    @Example
    void bssplitMeanSizeWithTheMapIsFiosWithin2Percent() throws IOException {
        BlockSizes split = BlockSizes.split(List.of(new BlockSizes.Split(4096, 60), new BlockSizes.Split(16384, 30),
                new BlockSizes.Split(65536, 10)));
        JobSpec spec = new JobSpec("t", ReadWrite.RANDREAD, KIB4, 1, 1, 0, 0, 4L << 30, 50, 0, 4L << 30, 200_000,
                OptionalLong.empty(), List.of(), 0).withAccess(AccessPattern.DEFAULT.withSizes(split, split));
        ClonePattern c = clone(spec, 1);
        long bytes = 0;
        for (int i = 0; i < 200_000; i++) {
            c.next(Operation.READ);
            bytes += c.length();
        }
        double fio = ClonePatternTest.fioMeanBytes("bssplit-map", "read");
        assertThat(fio).isCloseTo(10_551.6, within(0.1));
        assertThat(bytes / 200_000.0).isCloseTo(fio, within(fio * 0.02));
    }

    /** fio 3.33's whole pass over 64 MiB: the region exactly, 8,493.7 bytes per I/O (golden-access/COMMANDS.txt). */
    @Example
    void bssplitWholePassIsTheRegionInFiosNumberOfIos() throws IOException {
        BlockSizes split = BlockSizes.split(List.of(new BlockSizes.Split(4096, 60), new BlockSizes.Split(16384, 30),
                new BlockSizes.Split(65536, 10)));
        ClonePattern c = clone(sized(ReadWrite.RANDREAD, 64L << 20, 0, AccessPattern.DEFAULT.withSizes(split, split)), 1);
        long bytes = 0;
        int ios = 0;
        while (ios < 20_000 && c.next(Operation.READ) != ClonePattern.PASS_OVER) {
            bytes += c.length();
            ios++;
        }
        assertThat(bytes).isEqualTo(64L << 20);
        double fio = ClonePatternTest.fioMeanBytes("bssplit-pass", "read");
        assertThat((double) bytes / ios).isCloseTo(fio, within(fio * 0.02));
    }

    /** norandommap: the offsets are the uniform draws of the clone's main stream, with replacement, as before. */
    @Example
    void norandommapDrawsWithReplacement() {
        long blocks = 1000;
        ClonePattern c = clone(sized(ReadWrite.RANDREAD, blocks * KIB4, 0,
                AccessPattern.DEFAULT.withCoverage(BlockCoverage.WITH_REPLACEMENT)), 5);
        SplittableRandom same = new SplittableRandom(5);
        java.util.Set<Long> seen = new java.util.HashSet<>();
        for (int i = 0; i < blocks; i++) {
            long o = c.next(Operation.READ);
            assertThat(o).isEqualTo(same.nextLong(blocks) * KIB4);
            seen.add(o);
        }
        // drawing n of n with replacement leaves about n/e of them out
        assertThat(seen.size()).isBetween(600, 660);
    }

    /** A job without an amount clears its full map and goes on (fio's time_based): every pass uses each block once. */
    @Example
    void aTimedJobStartsANewPassWhenTheMapIsFull() {
        int blocks = 257;
        ClonePattern c = clone(timed(ReadWrite.RANDWRITE, (long) blocks * KIB4, AccessPattern.DEFAULT), 9);
        List<Long> firstPass = new ArrayList<>();
        for (int pass = 0; pass < 3; pass++) {
            int[] uses = new int[blocks];
            for (int i = 0; i < blocks; i++) {
                long o = c.next(Operation.WRITE);
                uses[(int) (o / KIB4)]++;
                if (pass == 0) {
                    firstPass.add(o);
                }
            }
            assertThat(uses).as("pass %d", pass).containsOnly(1);
        }
        assertThat(firstPass).as("the map moves drawn blocks, so the order is not the sequential one")
                .isNotEqualTo(firstPass.stream().sorted().toList());
    }

    /**
     * random_generator=lfsr: each block once per pass without a map, so sizes are not shortened (I/Os may overlap),
     * and the next pass repeats the same order (fio restarts the LFSR from its seed).
     */
    @Example
    void lfsrGivesEachBlockOncePerPassInTheSameOrder() {
        int blocks = 1000;
        BlockSizes range = BlockSizes.range(KIB4, 4 * KIB4);
        ClonePattern c = clone(timed(ReadWrite.RANDREAD, (long) blocks * KIB4,
                AccessPattern.DEFAULT.withSizes(range, range).withCoverage(BlockCoverage.LFSR)), 3);
        List<List<Long>> passes = new ArrayList<>();
        boolean longer = false;
        for (int pass = 0; pass < 2; pass++) {
            List<Long> starts = new ArrayList<>();
            for (int i = 0; i < blocks; i++) {
                long o = c.next(Operation.READ);
                starts.add(o);
                longer |= c.length() > KIB4;
                assertThat(o + c.length()).isLessThanOrEqualTo((long) blocks * KIB4);
            }
            assertThat(starts.stream().distinct().count()).isEqualTo(blocks);
            passes.add(starts);
        }
        assertThat(passes.get(1)).isEqualTo(passes.get(0));
        assertThat(passes.get(0)).isNotEqualTo(passes.get(0).stream().sorted().toList());
        assertThat(longer).as("sizes above one block are drawn and kept").isTrue();
    }

    /** fio keeps no map for a skewed or zoned distribution, or a blockalign other than the smallest size. */
    @Example
    void noMapForSkewedDistributionsOrAnotherAlignment() {
        int blocks = 1000;
        for (AccessPattern a : List.of(
                AccessPattern.DEFAULT.withDistribution(new RandomDistribution.Pareto(0.3, RandomDistribution.NO_CENTER)),
                new AccessPattern(java.util.Optional.empty(), java.util.Optional.empty(), false, 1024, 0,
                        RandomDistribution.UNIFORM, 100, 100, 0, 1, false, 0, java.util.Optional.empty()))) {
            ClonePattern c = clone(timed(ReadWrite.RANDREAD, (long) blocks * KIB4, a), 2);
            java.util.Set<Long> seen = new java.util.HashSet<>();
            for (int i = 0; i < blocks; i++) {
                seen.add(c.next(Operation.READ));
            }
            assertThat(seen.size()).as(a.toString()).isLessThan(blocks * 9 / 10);
        }
    }

    /**
     * A skewed block is over ranges of the smaller size, so with larger writes than reads most write blocks fall
     * past the region: fio's get_next_offset() fails them and the pass ends; reads stay inside.
     */
    @Example
    void aSkewedBlockPastTheRegionEndsThePass() {
        long region = 1L << 20;
        AccessPattern a = AccessPattern.DEFAULT.withSizes(BlockSizes.fixed(KIB4), BlockSizes.fixed(16 * KIB4))
                .withDistribution(new RandomDistribution.Zipf(1.1, RandomDistribution.NO_CENTER));
        ClonePattern c = clone(sized(ReadWrite.RANDRW, region, 0, a), 4);
        for (int i = 0; i < 1000; i++) {
            long o = c.next(Operation.READ);
            assertThat(o).isBetween(0L, region - KIB4);
        }
        int over = 0;
        for (int i = 0; i < 1000; i++) {
            long o = c.next(Operation.WRITE);
            if (o == ClonePattern.PASS_OVER) {
                over++;
            } else {
                assertThat(o).isLessThan(region);
            }
        }
        // write offsets are ranks times 64 KiB over 256 ranks: the ranks of 16 and up, most of the draws, are past
        assertThat(over).isGreaterThan(500);
    }

    @Example
    void lfsrWithZonedIsRefused() {
        List<RandomDistribution.Zone> zones = List.of(new RandomDistribution.Zone(100, 100));
        JobSpec spec = timed(ReadWrite.RANDREAD, 1L << 20, AccessPattern.DEFAULT
                .withDistribution(new RandomDistribution.Zoned(false, zones, zones)).withCoverage(BlockCoverage.LFSR));
        assertThatThrownBy(() -> clone(spec, 1)).hasMessageStartingWith("random_generator=lfsr with"
                + " random_distribution=").hasMessageEndingWith("allowed: lfsr with random_distribution=random");
    }
}
