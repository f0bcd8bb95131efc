package org.mqvio.harness.workload;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Where a job's I/Os fall and how large they are, beyond {@link JobSpec}'s region and block size: fio's per
 * direction sizes ({@code bs=R,W}, {@code bsrange}, {@code bssplit}, {@code blockalign}, {@code bs_is_seq_rand}),
 * {@code random_distribution}, {@code percentage_random}, the {@code rw=...:N} modifier with {@code rw_sequencer},
 * {@code offset_increment} and {@code zonemode=strided}. Each clone draws from it with its own random streams.
 *
 * @param readSizes        sizes of reads; empty: the job's {@code blockSize}
 * @param writeSizes       sizes of writes; empty: the job's {@code blockSize}
 * @param sizesBySeqRand   fio's {@code bs_is_seq_rand}: the read sizes serve sequential I/Os, the write sizes random
 *                         ones, whatever their direction
 * @param readAlign        fio's {@code blockalign} of random reads in bytes; 0: the smallest read size
 * @param writeAlign       the same for random writes
 * @param distribution     how random blocks are chosen
 * @param readRandomPct    fio's {@code percentage_random} of reads: the share of a random job's reads at a random
 *                         offset, 0..100 (the rest continue sequentially)
 * @param writeRandomPct   the same for writes
 * @param sequentialAdd    fio's {@code rw=read:N} of a sequential job: bytes added between one I/O's end and the
 *                         next one's start (negative: backwards)
 * @param sequentialRun    fio's {@code rw=randread:N} of a random job: a new random offset every N I/Os, {@code >= 1}
 * @param identical        fio's {@code rw_sequencer=identical}: between random offsets an I/O repeats the last offset
 *                         (default {@code sequential}: it continues after it)
 * @param offsetIncrement  fio's {@code offset_increment}: clone k of the job starts {@code k * offsetIncrement} bytes
 *                         after the job's offset, a multiple of 512
 * @param zones            fio's {@code zonemode=strided}, if set
 * @param coverage         how uniform random offsets cover the region: fio's random map (its default),
 *                         {@code norandommap} or {@code random_generator=lfsr}
 */
public record AccessPattern(Optional<BlockSizes> readSizes, Optional<BlockSizes> writeSizes, boolean sizesBySeqRand,
                            long readAlign, long writeAlign, RandomDistribution distribution, int readRandomPct,
                            int writeRandomPct, long sequentialAdd, long sequentialRun, boolean identical,
                            long offsetIncrement, Optional<StridedZones> zones, BlockCoverage coverage) {
    /** fio's defaults: the job's block size, uniform random offsets with fio's random map, no zones. */
    public static final AccessPattern DEFAULT = new AccessPattern(Optional.empty(), Optional.empty(), false, 0, 0,
            RandomDistribution.UNIFORM, 100, 100, 0, 1, false, 0, Optional.empty());

    /** A pattern with fio's random map ({@link BlockCoverage#RANDOM_MAP}). */
    public AccessPattern(Optional<BlockSizes> readSizes, Optional<BlockSizes> writeSizes, boolean sizesBySeqRand,
                         long readAlign, long writeAlign, RandomDistribution distribution, int readRandomPct,
                         int writeRandomPct, long sequentialAdd, long sequentialRun, boolean identical,
                         long offsetIncrement, Optional<StridedZones> zones) {
        this(readSizes, writeSizes, sizesBySeqRand, readAlign, writeAlign, distribution, readRandomPct, writeRandomPct,
                sequentialAdd, sequentialRun, identical, offsetIncrement, zones, BlockCoverage.RANDOM_MAP);
    }

    public AccessPattern {
        Objects.requireNonNull(coverage, "coverage");
        for (long align : List.of(readAlign, writeAlign)) {
            if (align < 0 || align % 512 != 0) {
                throw new IllegalArgumentException("blockalign=" + align + " is invalid; allowed: a multiple of 512"
                        + " bytes");
            }
        }
        for (int pct : List.of(readRandomPct, writeRandomPct)) {
            if (pct < 0 || pct > 100) {
                throw new IllegalArgumentException("percentage_random=" + pct + " is invalid; allowed: 0..100");
            }
        }
        if (sequentialAdd % 512 != 0) {
            throw new IllegalArgumentException("rw=...:" + sequentialAdd + " is invalid; allowed: an offset that is a"
                    + " multiple of 512 bytes");
        }
        if (sequentialRun < 1 || sequentialRun > 0xFFFF_FFFFL) {
            throw new IllegalArgumentException("rw=...:" + sequentialRun + " is invalid for a random job; allowed: a"
                    + " count in [1, 4294967295]");
        }
        if (offsetIncrement < 0 || offsetIncrement % 512 != 0) {
            throw new IllegalArgumentException("offset_increment=" + offsetIncrement + " is invalid; allowed: a"
                    + " multiple of 512 bytes, >= 0");
        }
    }

    /** This pattern with these per-direction sizes. */
    public AccessPattern withSizes(BlockSizes read, BlockSizes write) {
        return new AccessPattern(Optional.of(read), Optional.of(write), sizesBySeqRand, readAlign, writeAlign,
                distribution, readRandomPct, writeRandomPct, sequentialAdd, sequentialRun, identical, offsetIncrement,
                zones, coverage);
    }

    /** This pattern with another distribution. */
    public AccessPattern withDistribution(RandomDistribution d) {
        return new AccessPattern(readSizes, writeSizes, sizesBySeqRand, readAlign, writeAlign, d, readRandomPct,
                writeRandomPct, sequentialAdd, sequentialRun, identical, offsetIncrement, zones, coverage);
    }

    /** This pattern with another offset increment. */
    public AccessPattern withOffsetIncrement(long increment) {
        return new AccessPattern(readSizes, writeSizes, sizesBySeqRand, readAlign, writeAlign, distribution,
                readRandomPct, writeRandomPct, sequentialAdd, sequentialRun, identical, increment, zones, coverage);
    }

    /** This pattern with strided zones. */
    public AccessPattern withZones(StridedZones z) {
        return new AccessPattern(readSizes, writeSizes, sizesBySeqRand, readAlign, writeAlign, distribution,
                readRandomPct, writeRandomPct, sequentialAdd, sequentialRun, identical, offsetIncrement,
                Optional.of(z), coverage);
    }

    /** This pattern with another coverage of the region by random offsets. */
    public AccessPattern withCoverage(BlockCoverage c) {
        return new AccessPattern(readSizes, writeSizes, sizesBySeqRand, readAlign, writeAlign, distribution,
                readRandomPct, writeRandomPct, sequentialAdd, sequentialRun, identical, offsetIncrement, zones, c);
    }
}
