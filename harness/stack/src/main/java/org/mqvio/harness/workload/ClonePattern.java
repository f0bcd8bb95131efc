package org.mqvio.harness.workload;

import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import java.util.random.RandomGenerator;
import org.mqvio.api.Operation;

/**
 * One clone's offsets and sizes, as fio's {@code fill_io_u()} chooses them (fio's {@code io_u.c}): the zone first
 * ({@code setup_strided_zone_mode()}), then the offset ({@code get_next_offset()}, {@code get_next_block()}), then
 * the size ({@code get_next_buflen()}). A sequential position is kept per direction, as fio's {@code last_pos[]}.
 * The uniform offsets are drawn from the clone's main stream exactly as a plain job draws them; sizes, the random or
 * sequential choice, zones and skewed blocks each have their own stream.
 */
final class ClonePattern {
    private static final int READ = 0;
    private static final int WRITE = 1;

    private final JobSpec spec;
    private final AccessPattern access;
    private final RandomGenerator offsets;
    private final RandomGenerator sizeRandom;
    private final RandomGenerator seqRandRandom;
    private final RandomGenerator zoneRandom;
    private final BlockSizes[] sizes;
    private final long[] align;
    private final int[] randomPct;
    private final long capacity;
    /** Where the clone's region starts (fio's {@code get_start_offset()}) and its length. */
    private final long regionStart;
    private final long regionLength;
    private final Optional<SkewedBlocks> skewed;
    private final long[] position = new long[2];
    private final long[] lastStart = {-1, -1};
    private long zoneStart;
    private long zoneBytes;
    private long untilRandom = 1;
    private int length;

    /**
     * @param cloneInJob the clone's number within its job (fio's {@code subjob_number})
     * @param capacity   the device's bytes
     * @param offsets    the clone's main stream (uniform offsets)
     * @param streams    the clone's other streams, by name
     */
    ClonePattern(JobSpec spec, int cloneInJob, long capacity, RandomGenerator offsets,
                 Function<String, RandomGenerator> streams) {
        this.spec = spec;
        this.access = spec.access();
        this.offsets = offsets;
        this.capacity = capacity;
        this.sizes = new BlockSizes[] {spec.sizes(Operation.READ), spec.sizes(Operation.WRITE)};
        this.align = new long[] {alignment(access.readAlign(), READ), alignment(access.writeAlign(), WRITE)};
        this.randomPct = new int[] {access.readRandomPct(), access.writeRandomPct()};
        this.regionStart = spec.offsetBytes() + cloneInJob * access.offsetIncrement();
        if (regionStart >= capacity) {
            throw new IllegalArgumentException("offset=" + regionStart + " (offset + clone " + cloneInJob + " x"
                    + " offset_increment) is beyond the device's " + capacity + " bytes; allowed: an offset below the"
                    + " capacity");
        }
        long available = capacity - regionStart;
        this.regionLength = spec.sizeBytes() == 0 ? available : Math.min(spec.sizeBytes(), available);
        long smallest = Math.max(sizes[READ].min(), sizes[WRITE].min());
        long zoneLength = access.zones().map(StridedZones::range).orElse(regionLength);
        if (Math.min(regionLength, Math.min(zoneLength, available)) < smallest) {
            throw new IllegalArgumentException("size=" + Math.min(regionLength, zoneLength) + " holds no block of bs="
                    + smallest + "; allowed: a size of at least one block");
        }
        this.sizeRandom = streams.apply("bs");
        this.seqRandRandom = streams.apply("seqrand");
        this.zoneRandom = streams.apply("zone");
        long rangeSize = Math.min(sizes[READ].min(), sizes[WRITE].min());
        this.skewed = access.distribution() instanceof RandomDistribution.Uniform
                || access.distribution() instanceof RandomDistribution.Zoned ? Optional.empty()
                : Optional.of(SkewedBlocks.of(access.distribution(), (regionLength + rangeSize - 1) / rangeSize,
                streams.apply("skew")));
        this.zoneStart = regionStart;
        position[READ] = regionStart;
        position[WRITE] = regionStart;
        checkZonedAbs(RandomDistribution.Zoned::read, READ);
        checkZonedAbs(RandomDistribution.Zoned::write, WRITE);
    }

    /** fio's {@code ba}: given for random jobs, else the direction's smallest size ({@code fixup_options()}). */
    private long alignment(long given, int d) {
        return given == 0 || !spec.rw().random() ? sizes[d].min() : given;
    }

    private void checkZonedAbs(Function<RandomDistribution.Zoned, List<RandomDistribution.Zone>> zones, int d) {
        if (access.distribution() instanceof RandomDistribution.Zoned z && z.absolute()) {
            long total = zones.apply(z).stream().mapToLong(RandomDistribution.Zone::size).sum();
            if (total / align[d] > lastBlock(d, regionLength)) {
                throw new IllegalArgumentException("random_distribution=zoned_abs sizes add up to " + total
                        + " bytes, more than the region's " + regionLength + "; allowed: zones within the region");
            }
        }
    }

    /** The next I/O's offset in bytes, for an I/O of direction {@code op}; its size is {@link #length()} after. */
    long next(Operation op) {
        int d = op == Operation.READ ? READ : WRITE;
        long base = regionStart;
        long limit = regionLength;
        if (access.zones().isPresent()) {
            StridedZones z = access.zones().get();
            if (zoneBytes >= z.size()) {
                zoneBytes = 0;
                zoneStart += z.range() + z.skip();
                if (zoneStart >= capacity) {
                    zoneStart = regionStart;
                }
                position[d] = zoneStart;
            }
            if (capacity - zoneStart < Math.max(sizes[READ].min(), sizes[WRITE].min())) {
                zoneStart = regionStart;
            }
            base = zoneStart;
            limit = Math.min(z.range(), capacity - zoneStart);
        }
        boolean newOffset = --untilRandom == 0;
        if (newOffset) {
            untilRandom = access.sequentialRun();
        }
        boolean random;
        long rel;
        if (newOffset && spec.rw().random() && randomThisTime(d)) {
            random = true;
            rel = randomBlock(d, limit) * align[d];
        } else if (newOffset || !access.identical()) {
            random = false;
            rel = sequential(d, base, limit);
        } else {
            random = false;
            rel = lastStart[d] < base || lastStart[d] >= base + limit ? 0 : lastStart[d] - base;
        }
        BlockSizes s = sizes[access.sizesBySeqRand() ? (random ? WRITE : READ) : d];
        length = s.next(sizeRandom, limit - rel);
        if (length == 0) {
            rel = 0;
            length = s.next(sizeRandom, limit);
        }
        long offset = base + rel;
        lastStart[d] = offset;
        position[d] = offset + length;
        zoneBytes += length;
        return offset;
    }

    /** The length of the clone's region from its start, in bytes (size, or up to the device's end). */
    long regionLength() {
        return regionLength;
    }

    /** The size of the I/O {@link #next} placed last, in bytes. */
    int length() {
        return length;
    }

    /** fio's {@code should_do_random()}: a draw only when the percentage is below 100. */
    private boolean randomThisTime(int d) {
        return randomPct[d] == 100 || seqRandRandom.nextInt(1, 101) <= randomPct[d];
    }

    /**
     * A new loop ({@code loops}): sequential positions and the zone start over from the region's start, as fio's
     * {@code clear_io_state()} resets each file's last position between loops.
     */
    void restart() {
        position[READ] = regionStart;
        position[WRITE] = regionStart;
        lastStart[READ] = -1;
        lastStart[WRITE] = -1;
        zoneStart = regionStart;
        zoneBytes = 0;
        untilRandom = 1;
    }

    /**
     * fio's {@code get_next_seq_offset()}: continue after the direction's last I/O, plus the {@code rw=...:N}
     * modifier (a hole forward, or a step backwards), moving to the region's start past its end, or to its end
     * before its start.
     */
    private long sequential(int d, long base, long limit) {
        long rel = position[d] - base;
        if (rel < 0 || rel >= limit) {
            rel = 0;
        }
        long add = access.sequentialAdd();
        if (rel != 0 && add != 0) {
            rel += add;
            if (rel >= limit) {
                rel = 0;
            } else if (rel < 0) {
                rel = Math.max(0, limit + add);
            }
        }
        return rel;
    }

    /** A random block of {@code align[d]} bytes in a region of {@code limit} bytes, by the job's distribution. */
    private long randomBlock(int d, long limit) {
        long lastBlock = lastBlock(d, limit);
        if (skewed.isPresent()) {
            // fio fails an I/O whose skewed block lies past the region (a zone, or larger writes than reads); the
            // model keeps it inside
            return skewed.get().next() % lastBlock;
        }
        if (access.distribution() instanceof RandomDistribution.Zoned z) {
            return zoned(d == READ ? z.read() : z.write(), z.absolute(), d, lastBlock);
        }
        return offsets.nextLong(lastBlock);
    }

    /** fio's {@code last_block()}: how many aligned blocks the region holds for the direction's smallest size. */
    private long lastBlock(int d, long limit) {
        long max = limit;
        if (sizes[d].min() > align[d]) {
            max -= sizes[d].min() - align[d];
        }
        return Math.max(1, max / align[d]);
    }

    /**
     * fio's {@code __get_next_rand_offset_zoned()} and {@code _zoned_abs()}: a draw in 1..100 picks the zone by
     * the access percentages, then a uniform block within it.
     */
    private long zoned(List<RandomDistribution.Zone> zones, boolean absolute, int d, long lastBlock) {
        if (zones.isEmpty()) {
            return offsets.nextLong(lastBlock);
        }
        int v = zoneRandom.nextInt(1, 101);
        long accessBefore = 0;
        long sizeBefore = 0;
        for (RandomDistribution.Zone zone : zones) {
            if (v <= accessBefore + zone.accessPercent()) {
                long first;
                long count;
                if (absolute) {
                    first = sizeBefore / align[d];
                    count = (sizeBefore + zone.size()) / align[d] - first;
                } else {
                    first = sizeBefore * lastBlock / 100;
                    count = lastBlock * zone.size() / 100;
                }
                return first + (count <= 0 ? 0 : offsets.nextLong(count));
            }
            accessBefore += zone.accessPercent();
            sizeBefore += zone.size();
        }
        throw new IllegalStateException("zone access percentages add up to " + accessBefore + ", not 100");
    }
}
