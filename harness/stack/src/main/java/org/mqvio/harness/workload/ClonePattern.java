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
 *
 * <p>A random job covers its region as fio does ({@link BlockCoverage}): by default each block once per pass (fio's
 * random map: a drawn block already used moves to the next free one, an I/O is shortened to the free blocks after
 * its first, {@code mark_random_map()}). When the region is used up, a job without an I/O amount (fio's
 * {@code time_based}) starts a new pass at once ({@code get_next_rand_block()} resets the file); a job with one ends
 * its pass: {@link #next} answers {@link #PASS_OVER}, as fio's {@code fill_io_u()} fails and closes the file. So does
 * a skewed block past the region ({@code get_next_offset()}).
 */
final class ClonePattern {
    /** What {@link #next} answers when the pass over the region is over. */
    static final long PASS_OVER = -1;
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
    /** fio's random map, or null when fio keeps none. */
    private final RandomMap map;
    /** fio's LFSR ({@code random_generator=lfsr}), or null. */
    private final BlockPermutation lfsr;
    /** A used-up region starts over at once (a job without an I/O amount, as fio's {@code time_based}). */
    private final boolean startsOver;
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
        boolean uniform = access.distribution() instanceof RandomDistribution.Uniform;
        boolean coverRandom = spec.rw().random() && !skewed.isPresent();
        // fio sizes its map and its LFSR by the region (or a zone) in blocks of the smallest size (init_random_map())
        long blocks = zoneLength / rangeSize;
        this.map = coverRandom && uniform && access.coverage() == BlockCoverage.RANDOM_MAP
                && align[READ] == sizes[READ].min() && align[WRITE] == sizes[WRITE].min()
                ? new RandomMap(blocks, wordsPerPass(spec, rangeSize)) : null;
        if (coverRandom && !uniform && access.coverage() == BlockCoverage.LFSR) {
            throw new IllegalArgumentException("random_generator=lfsr with random_distribution=" + access.distribution()
                    + " is not modelled (fio draws a zone's blocks from one LFSR over the whole region); allowed: lfsr"
                    + " with random_distribution=random");
        }
        this.lfsr = coverRandom && access.coverage() == BlockCoverage.LFSR
                ? new BlockPermutation(blocks, streams.apply("lfsr")) : null;
        this.startsOver = spec.ioLimitBytes() == 0 && spec.numberIos() == 0;
        this.zoneStart = regionStart;
        position[READ] = regionStart;
        position[WRITE] = regionStart;
        checkZonedAbs(RandomDistribution.Zoned::read, READ);
        checkZonedAbs(RandomDistribution.Zoned::write, WRITE);
    }

    /**
     * The most 64-block words of the random map (blocks of {@code unit} bytes) one pass marks, for a clone bounded by
     * its amount and not by time; 0 when unknown. An I/O of at most {@code k} blocks spans at most
     * {@code (k + 62) / 64 + 1} words; a pass issues at most {@code number_ios} I/Os, and marks at most the blocks of
     * its {@code io_size} plus its last I/O's (the pass ends once the amount is reached).
     */
    private static long wordsPerPass(JobSpec spec, long unit) {
        if (spec.runtimeNs() > 0) {
            return 0;
        }
        long largest = Math.max(spec.sizes(Operation.READ).max(), spec.sizes(Operation.WRITE).max());
        long blocksPerIo = (largest + unit - 1) / unit;
        long wordsPerIo = (blocksPerIo + 62) / 64 + 1;
        long byIos = spec.numberIos() > 0 && spec.numberIos() < Long.MAX_VALUE / wordsPerIo
                ? spec.numberIos() * wordsPerIo : Long.MAX_VALUE;
        long byBytes = spec.ioLimitBytes() > 0 ? spec.ioLimitBytes() / unit + 1 + blocksPerIo : Long.MAX_VALUE;
        long words = Math.min(byIos, byBytes);
        return words == Long.MAX_VALUE ? 0 : words;
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
            if (zoneBytes % z.range() == 0) {
                // setup_strided_zone_mode(): a zone's map (and positions) start afresh every zonerange bytes
                newPass(zoneStart);
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
            long block = randomBlock(d, limit, base);
            if (block == PASS_OVER) {
                return PASS_OVER;
            }
            rel = block * align[d];
        } else if (newOffset || !access.identical()) {
            random = false;
            rel = sequential(d, base, limit);
        } else {
            random = false;
            rel = lastStart[d] < base || lastStart[d] >= base + limit ? 0 : lastStart[d] - base;
        }
        BlockSizes s = sizes[access.sizesBySeqRand() ? (random ? WRITE : READ) : d];
        if (random && skewed.isPresent()) {
            // get_next_buflen() fits a varying size in the region, a fixed one not at all; fill_io_u() then fails
            // an I/O past the device
            length = s.next(sizeRandom, s.min() == s.max() ? Long.MAX_VALUE : regionStart + regionLength - base - rel);
            if (length == 0 || base + rel + length > capacity) {
                return PASS_OVER;
            }
        } else {
            length = s.next(sizeRandom, limit - rel);
            if (length == 0) {
                rel = 0;
                length = s.next(sizeRandom, limit);
            }
        }
        if (random && map != null) {
            length = marked(d, rel, length);
        }
        long offset = base + rel;
        lastStart[d] = offset;
        position[d] = offset + length;
        zoneBytes += length;
        return offset;
    }

    /** The length of the clone's region from its start, in bytes (size, or up to the device's end). */
    /** Whether the clone keeps fio's random map (each block once per pass). */
    boolean keepsRandomMap() {
        return map != null;
    }

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
     * fio's {@code mark_random_map()}: the I/O's blocks of the direction's smallest size are marked used, up to the
     * first one already used, and the I/O is shortened to them.
     */
    private int marked(int d, long rel, int length) {
        int unit = sizes[d].min();
        int set = map.setRun(rel / unit, (length + unit - 1) / unit);
        return (long) set * unit < length ? set * unit : length;
    }

    /**
     * A new loop ({@code loops}) or pass: sequential positions, the random map and the zone start over from the
     * region's start, as fio's {@code clear_io_state()} and the file's reopening ({@code fio_file_reset()}) do.
     */
    void restart() {
        newPass(regionStart);
        zoneStart = regionStart;
        zoneBytes = 0;
        untilRandom = 1;
    }

    /** fio's {@code fio_file_reset()}: positions back to {@code start}, the map cleared, the LFSR from its start. */
    private void newPass(long start) {
        position[READ] = start;
        position[WRITE] = start;
        lastStart[READ] = -1;
        lastStart[WRITE] = -1;
        if (map != null) {
            map.reset();
        }
        if (lfsr != null) {
            lfsr.reset();
        }
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

    /**
     * A random block of {@code align[d]} bytes in a region (or zone) of {@code limit} bytes from {@code base}, by the
     * job's distribution, or {@link #PASS_OVER}.
     */
    private long randomBlock(int d, long limit, long base) {
        long lastBlock = lastBlock(d, limit);
        if (skewed.isPresent()) {
            // a skewed block is over the whole region, from the zone's start in zone mode; get_next_offset() fails
            // one past the region or the device, which ends fio's pass
            long b = skewed.get().next();
            long rel = b * align[d];
            return rel >= regionLength || base + rel >= capacity ? PASS_OVER : b;
        }
        if (access.distribution() instanceof RandomDistribution.Zoned z) {
            return zoned(d == READ ? z.read() : z.write(), z.absolute(), d, lastBlock);
        }
        long b = uniformBlock(lastBlock);
        if (b == PASS_OVER && startsOver) {
            // get_next_rand_block(): a time_based job resets the file and draws again
            newPass(base);
            b = uniformBlock(lastBlock);
        }
        // with sizes that differ by direction, a block of the map's size can be past the direction's last one
        return b >= lastBlock ? PASS_OVER : b;
    }

    /**
     * fio's {@code __get_next_rand_offset()}: the LFSR's next block, or a uniform draw moved to the next free block
     * when the map has it used; {@link #PASS_OVER} when the region is used up.
     */
    private long uniformBlock(long lastBlock) {
        if (lfsr != null) {
            return lfsr.next();
        }
        long b = offsets.nextLong(lastBlock);
        return map == null || !map.isUsed(b) ? b : map.nextFree(b);
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
