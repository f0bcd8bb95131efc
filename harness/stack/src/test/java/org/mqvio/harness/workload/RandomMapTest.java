package org.mqvio.harness.workload;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.BitSet;
import java.util.SplittableRandom;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.LongRange;

/** The random map against a plain bit set, in its dense form and in its sparse one (which turns dense as it fills). */
class RandomMapTest {
    /** fio's semantics on a plain bit set: the next clear bit after {@code b}, going round; -1 when none. */
    private static long nextFree(BitSet set, long bits, long b) {
        int from = (int) (b + 1 >= bits ? 0 : b + 1);
        int found = set.nextClearBit(from);
        if (found >= bits) {
            found = set.nextClearBit(0);
        }
        return found >= bits ? -1 : found;
    }

    private static int setRun(BitSet set, long bits, long b, int n) {
        int done = 0;
        while (done < n && b + done < bits && !set.get((int) (b + done))) {
            set.set((int) (b + done));
            done++;
        }
        return done;
    }

    /**
     * Random runs set and searched, until the map is full, agree with the plain bit set at every step; sizes from a
     * few blocks (dense from the start) to past a million (sparse first).
     */
    @Property(tries = 30)
    void agreesWithABitSetUntilFull(@ForAll @LongRange(min = 1, max = 1_200_000) long bits,
                                    @ForAll @IntRange(min = 1, max = 80) int longestRun,
                                    @ForAll @LongRange(min = 0, max = 1000) long seed) {
        checkAgainstABitSet(bits, longestRun, seed, false);
    }

    /**
     * The same, on maps sparse at first, with half the draws near the block before: a word is asked for again right
     * after its table grew or it was marked, which is where a remembered slot could be stale.
     */
    @Property(tries = 10)
    void agreesWithABitSetWhenDrawsRevisitTheirWords(@ForAll @LongRange(min = 1_100_000, max = 3_000_000) long bits,
                                                     @ForAll @IntRange(min = 1, max = 80) int longestRun,
                                                     @ForAll @LongRange(min = 0, max = 1000) long seed) {
        checkAgainstABitSet(bits, longestRun, seed, true);
    }

    /**
     * The same over passes on a sparse map, sized for its pass or not: a reset clears the table in place, after which
     * a word asked for again must not find the slot it had before the reset.
     */
    @Property(tries = 10)
    void agreesWithABitSetAcrossResets(@ForAll @LongRange(min = 1_100_000, max = 3_000_000) long bits,
                                       @ForAll @IntRange(min = 0, max = 3000) int passWords,
                                       @ForAll @IntRange(min = 1, max = 80) int longestRun,
                                       @ForAll @LongRange(min = 0, max = 1000) long seed) {
        RandomMap map = new RandomMap(bits, passWords);
        SplittableRandom r = new SplittableRandom(seed);
        for (int pass = 0; pass < 4; pass++) {
            long last = checkAgainstABitSet(map, bits, longestRun, seed + pass, true, 1000, -1);
            map.reset();
            // the block marked last before the reset, marked first after it, is found again once other words were asked
            assertThat(map.setRun(last, 1)).isEqualTo(1);
            assertThat(map.isUsed((last + bits / 2) % bits)).isFalse();
            assertThat(map.isUsed(r.nextLong(bits) | 1)).isFalse();
            assertThat(map.isUsed(last)).as("pass %d: block %d, marked after the reset", pass, last).isTrue();
            map.reset();
        }
    }

    private static void checkAgainstABitSet(long bits, int longestRun, long seed, boolean revisit) {
        checkAgainstABitSet(new RandomMap(bits), bits, longestRun, seed, revisit, 20_000, -1);
    }

    /** Checks {@code map} against a bit set, asking first for {@code first} if not -1; returns the last block marked. */
    private static long checkAgainstABitSet(RandomMap map, long bits, int longestRun, long seed, boolean revisit,
                                            long maxSteps, long first) {
        BitSet ref = new BitSet();
        SplittableRandom r = new SplittableRandom(seed);
        long steps = Math.min(bits + 50, maxSteps);
        long used = 0;
        long last = 0;
        for (long i = 0; i < steps && !map.isFull(); i++) {
            long b = i == 0 && first >= 0 ? first
                    : revisit && r.nextBoolean() ? Math.min(bits - 1, last + r.nextLong(128)) : r.nextLong(bits);
            assertThat(map.isUsed(b)).isEqualTo(ref.get((int) b));
            if (map.isUsed(b)) {
                long next = nextFree(ref, bits, b);
                assertThat(map.nextFree(b)).isEqualTo(next);
                b = next;
            }
            int n = r.nextInt(1, longestRun + 1);
            int run = setRun(ref, bits, b, n);
            used += run;
            assertThat(map.setRun(b, n)).as("run of %d at %d", n, b).isEqualTo(run);
            assertThat(map.isFull()).isEqualTo(used == bits);
            if (revisit && run > 0) {
                assertThat(map.isUsed(b + run - 1)).as("the run's last block, at once").isTrue();
            }
            last = b;
        }
        return last;
    }

    /**
     * A map told how many words a pass marks (a clone bounded by its amount, as the benchmark's are) is sized for them
     * at the start, as fio sizes its map once: marking that many words, the most scattered way (one block each, in a
     * region too large for a dense map from the start), over two passes, its memory never changes, and it still agrees
     * with the bit set. Without the bound the same pass grows the table.
     */
    @Property(tries = 10)
    void aMapSizedForItsPassNeverGrows(@ForAll @IntRange(min = 1, max = 40_000) int passWords,
                                       @ForAll @LongRange(min = 0, max = 1000) long seed) {
        long bits = 1L << 28;
        RandomMap map = new RandomMap(bits, passWords);
        RandomMap unbounded = new RandomMap(bits);
        long footprint = map.footprintLongs();
        for (int pass = 0; pass < 2; pass++) {
            BitSet words = new BitSet();
            SplittableRandom r = new SplittableRandom(seed + pass);
            while (words.cardinality() < passWords) {
                long b = r.nextLong(bits);
                if (!map.isUsed(b) && !words.get((int) (b >>> 6))) {
                    words.set((int) (b >>> 6));
                    assertThat(map.setRun(b, 1)).isEqualTo(1);
                    unbounded.setRun(b, 1);
                    assertThat(map.isUsed(b)).isTrue();
                }
            }
            assertThat(map.footprintLongs()).as("pass %d", pass).isEqualTo(footprint);
            map.reset();
            unbounded.reset();
        }
        if (passWords > 32) {
            assertThat(unbounded.footprintLongs()).as("without the bound the table grew")
                    .isGreaterThan(new RandomMap(bits).footprintLongs());
        }
    }

    /** A pass bounded to a quarter of the map's words or more makes it dense from the start: a table saves nothing. */
    @Example
    void aPassUsingMuchOfTheRegionMakesTheMapDenseAtOnce() {
        long bits = 1L << 24;
        long words = bits / 64;
        assertThat(new RandomMap(bits, words / 4).footprintLongs()).isEqualTo(words + words / 64);
        assertThat(new RandomMap(bits, words / 16).footprintLongs()).isLessThan(words);
    }

    @Example
    void aFullMapHasNoFreeBlockAndAResetFreesThemAll() {
        for (long bits : new long[] {1, 63, 64, 65, 4096, 1_100_000}) {
            RandomMap map = new RandomMap(bits);
            long set = 0;
            for (long b = 0; b < bits; b += 64) {
                set += map.setRun(b, 64);
            }
            assertThat(set).isEqualTo(bits);
            assertThat(map.isFull()).isTrue();
            assertThat(map.nextFree(bits / 2)).isEqualTo(-1);
            map.reset();
            assertThat(map.isFull()).isFalse();
            assertThat(map.isUsed(bits - 1)).isFalse();
            assertThat(map.setRun(bits - 1, 5)).as("a run stops at the map's end").isEqualTo(1);
            assertThat(map.nextFree(bits - 1)).isEqualTo(bits == 1 ? -1 : 0);
        }
    }
}
