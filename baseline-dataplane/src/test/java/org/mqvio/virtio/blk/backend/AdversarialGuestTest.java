package org.mqvio.virtio.blk.backend;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Builders;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.statistics.Statistics;
import org.mqvio.api.Operation;
import org.mqvio.api.virtio.DescriptorChain;
import org.mqvio.api.virtio.GuestBuffer;
import org.mqvio.api.virtio.GuestMemory;
import org.mqvio.virtio.blk.VirtioBlkProtocol;
import org.mqvio.virtio.ring.RingFeature;
import org.mqvio.virtio.ring.RingFeatures;
import org.mqvio.virtio.ring.SparseGuestMemory;
import org.mqvio.virtio.ring.SplitRingLayout;
import org.mqvio.virtio.ring.SplitVirtqueue;

/**
 * A hostile guest against the device side, beyond random garbage: queue sizes up to the largest allowed
 * (32768), chains that are legal but pathological (as long as the table, sharing descriptors, indirect tables
 * of up to 1025 entries all pointing at one table), values at the 64-bit extremes in every header and
 * descriptor field, overlapping and oversized buffers; and rings that a second thread corrupts while the
 * device side pops them on the live runtime. Checked for every ring: nothing thrown escapes {@code doWork} or
 * {@code pop}; each call's allocation stays within the bound the device side's limits imply
 * ({@link org.mqvio.virtio.ring.DeviceSideBounds}) and it returns; no pass takes more chains from a queue than
 * a pass may; the queue either serves or is broken with a reason; a second queue on the same thread and memory
 * is served. The suite's counts ({@link DeviceCalls}) are printed once, at the end.
 */
class AdversarialGuestTest {
    private static final long MIB = 1L << 20;
    private static final long MEMORY = 512 * MIB;
    private static final long VICTIM = 0x1000;
    private static final long NEIGHBOUR = 64 * MIB;
    private static final long TABLE = 80 * MIB;
    private static final long HEADERS = 96 * MIB;
    /** Rounds of the live run, and how long the rogue thread corrupts in each: about 2.5 s together. */
    private static final int LIVE_ROUNDS = 8;
    private static final long LIVE_ROUND_MS = 250;

    enum Shape { LINKED_RUN, REQUESTS, RANDOM, INDIRECT }

    /** What the guest writes: the shape of its descriptor table, and the values it puts in every field. */
    record Guest(int size, boolean eventIdx, boolean indirect, int initialIndex, Shape shape, long type,
                 long reserved, long sector, long addr, long len, int flags, int next, int tableEntries,
                 int availAdvance, int headStride) {
    }

    @Provide
    Arbitrary<Guest> guests() {
        Arbitrary<Long> u32 = Arbitraries.oneOf(Arbitraries.of(0L, 1L, 4L, 8L, 11L, 13L, 0x7FFFFFFFL, 0x80000000L,
                0xFFFFFFFFL), Arbitraries.longs().between(0, 0xFFFFFFFFL));
        Arbitrary<Long> u64 = Arbitraries.oneOf(Arbitraries.of(0L, 1L, -1L, Long.MIN_VALUE, Long.MAX_VALUE,
                (1L << 32) - 1, MEMORY - 1, MEMORY, 8 * MIB), Arbitraries.longs());
        return Builders.withBuilder(() -> new Object[15])
                .use(Arbitraries.of(1, 2, 4, 8, 256, 1024, 2048, 32768)).in((a, v) -> { a[0] = v; return a; })
                .use(Arbitraries.of(true, false)).in((a, v) -> { a[1] = v; return a; })
                .use(Arbitraries.frequency(Tuple.of(3, true), Tuple.of(1, false))).in((a, v) -> { a[2] = v; return a; })
                .use(Arbitraries.of(0, 65535, 65000)).in((a, v) -> { a[3] = v; return a; })
                .use(Arbitraries.frequency(Tuple.of(1, Shape.LINKED_RUN), Tuple.of(2, Shape.REQUESTS),
                        Tuple.of(1, Shape.RANDOM), Tuple.of(3, Shape.INDIRECT))).in((a, v) -> { a[4] = v; return a; })
                .use(u32).in((a, v) -> { a[5] = v; return a; })
                .use(u32).in((a, v) -> { a[6] = v; return a; })
                .use(u64).in((a, v) -> { a[7] = v; return a; })
                .use(u64).in((a, v) -> { a[8] = v; return a; })
                .use(Arbitraries.oneOf(Arbitraries.of(0L, 1L, 16L, 512L, 4096L, 200 * MIB, 32 * MIB + 512, MEMORY,
                        0xFFFFFFFFL), u32)).in((a, v) -> { a[9] = v; return a; })
                .use(Arbitraries.integers().between(0, 0xFFFF)).in((a, v) -> { a[10] = v; return a; })
                .use(Arbitraries.integers().between(0, 0xFFFF)).in((a, v) -> { a[11] = v; return a; })
                .use(Arbitraries.frequency(Tuple.of(1, 1), Tuple.of(1, 3), Tuple.of(1, 16), Tuple.of(4, 1024),
                        Tuple.of(1, 1025))).in((a, v) -> { a[12] = v; return a; })
                .use(Arbitraries.integers().between(0, 100)).in((a, v) -> { a[13] = v; return a; })
                .use(Arbitraries.of(1, 3, 0)).in((a, v) -> { a[14] = v; return a; })
                .build(a -> new Guest((int) a[0], (boolean) a[1], (boolean) a[2], (int) a[3], (Shape) a[4], (long) a[5],
                        (long) a[6], (long) a[7], (long) a[8], (long) a[9], (int) a[10], (int) a[11], (int) a[12],
                        (int) a[13], (int) a[14]));
    }

    @Property(tries = 200)
    void theBackEndServesOrBreaksWithinBoundsAndTheNeighbourIsServed(@ForAll("guests") Guest guest) {
        DeviceCalls.warmUp();
        int mark = DeviceCalls.violations().size();
        BackEndRig rig = new BackEndRig(MEMORY, true);
        SplitVirtqueue<Object> victim = rig.serve(VICTIM, guest.size(), features(guest), guest.initialIndex());
        SplitVirtqueue<Object> neighbour = rig.serve(NEIGHBOUR, 8, RingFeatures.NONE);
        write(rig.memory, victim, guest);
        rig.header(NEIGHBOUR + MIB, VirtioBlkProtocol.T_IN, 8);
        rig.add(neighbour, NEIGHBOUR + MIB, List.of(), List.of(new GuestBuffer(NEIGHBOUR + 2 * MIB, 4096)),
                NEIGHBOUR + MIB + 64);
        DeviceCalls.RINGS.incrementAndGet();

        // The neighbour may wait while the victim's chains fill the IoThread's in-flight budget: a victim ring of up to
        // 32768 chains at 1024 a pass drains within 32 passes, and the neighbour was seen served at pass 32 (seed
        // 75155839799493344: 0.5 MiB indirect writes). 64 passes leave it twice that.
        boolean neighbourServed = false;
        for (int pass = 0; pass < 64; pass++) {
            rig.pass();
            neighbourServed |= rig.hostRequests.stream().anyMatch(r -> r.operation() == Operation.READ
                    && r.sector() == 8 && r.length() == 4096);
            boolean more = !rig.posted.isEmpty() || !rig.hostRequests.isEmpty();
            rig.posted.clear();
            rig.completeHostRequests();
            if (!more) {
                break;
            }
        }
        assertThat(DeviceCalls.violations().subList(mark, DeviceCalls.violations().size())).isEmpty();
        assertThat(neighbourServed).as("the neighbour's read reached the host").isTrue();
        assertThat(neighbour.brokenReason()).isEmpty();
        victim.brokenReason().ifPresent(r -> {
            DeviceCalls.BROKEN.incrementAndGet();
            assertThat(r).startsWith("virtqueue 0: ").hasSizeGreaterThan("virtqueue 0: ".length() + 8);
        });
        Statistics.label("victim").collect(guest.shape(), victim.brokenReason().isPresent() ? "broken" : "served");
    }

    @Property(tries = 150)
    void eachPopIsBoundedWhateverTheRing(@ForAll("guests") Guest guest) {
        DeviceCalls.warmUp();
        int mark = DeviceCalls.violations().size();
        GuestMemory memory = new SparseGuestMemory(MEMORY);
        SplitVirtqueue<Object> victim = new SplitVirtqueue<>(0, memory, VICTIM, guest.size(), features(guest),
                guest.initialIndex());
        MeteredVirtqueue<Object> metered = new MeteredVirtqueue<>(victim);
        write(memory, victim, guest);
        DeviceCalls.RINGS.incrementAndGet();
        DescriptorChain chain = new DescriptorChain();
        for (int i = 0; i <= guest.size() && metered.pop(chain); i++) {
            // each pop that succeeds is one chain more in flight; MeteredVirtqueue checks its size
        }
        assertThat(DeviceCalls.violations().subList(mark, DeviceCalls.violations().size())).isEmpty();
        victim.brokenReason().ifPresent(r -> DeviceCalls.BROKEN.incrementAndGet());
    }

    /**
     * A second thread corrupts the rings while the device side pops them, on the live runtime: see
     * {@link LiveCorruptionRound}. Rounds alternate request merging off and on.
     */
    @Example
    void ringsCorruptedDuringPopOnTheLiveRuntimeBreakOnlyThemselves() throws InterruptedException {
        DeviceCalls.warmUp();
        int mark = DeviceCalls.violations().size();
        for (int round = 0; round < LIVE_ROUNDS; round++) {
            LiveCorruptionRound.run(round, LIVE_ROUND_MS, round % 2 == 1);
        }
        assertThat(DeviceCalls.violations().subList(mark, DeviceCalls.violations().size())).isEmpty();
        assertThat(DeviceCalls.NEIGHBOUR_CHAINS.get()).as("chains of the neighbour queue back intact").isPositive();
    }

    @AfterContainer
    static void report() {
        System.out.println(DeviceCalls.report());
    }

    private static RingFeatures features(Guest guest) {
        if (guest.indirect()) {
            return guest.eventIdx() ? RingFeatures.of(RingFeature.EVENT_IDX, RingFeature.INDIRECT_DESC)
                    : RingFeatures.of(RingFeature.INDIRECT_DESC);
        }
        return guest.eventIdx() ? RingFeatures.of(RingFeature.EVENT_IDX) : RingFeatures.NONE;
    }

    /** Writes the guest's descriptor table, indirect table, headers and avail ring over the victim's. */
    private static void write(GuestMemory memory, SplitVirtqueue<?> victim, Guest g) {
        int size = g.size();
        long table = victim.base() + victim.layout().descOffset(0);
        for (int i = 0; i < size; i++) {
            long at = table + (long) SplitRingLayout.DESC_SIZE * i;
            switch (g.shape()) {
                case LINKED_RUN -> desc(memory, at, 8 * MIB, Math.max(1, g.len() & 0xFFFF),
                        i == size - 1 ? 0 : SplitRingLayout.DESC_F_NEXT, (i + 1) % size);
                case REQUESTS -> request(memory, at, i % 3, i, size, g);
                case RANDOM -> desc(memory, at, g.addr() + i, g.len(), g.flags() ^ i, g.next() ^ i);
                case INDIRECT -> desc(memory, at, TABLE, (long) SplitRingLayout.DESC_SIZE * g.tableEntries(),
                        SplitRingLayout.DESC_F_INDIRECT, 0);
            }
        }
        if (g.shape() == Shape.INDIRECT) {
            for (int i = 0; i < g.tableEntries(); i++) {
                int role = i == 0 ? 0 : i == g.tableEntries() - 1 ? 2 : 1;
                request(memory, TABLE + (long) SplitRingLayout.DESC_SIZE * i, role, i, g.tableEntries(), g);
            }
        }
        memory.writeU32(HEADERS, g.type());
        memory.writeU32(HEADERS + 4, g.reserved());
        memory.writeU64(HEADERS + VirtioBlkProtocol.HEADER_SECTOR_OFFSET, g.sector());
        int advance = (int) ((long) g.availAdvance() * (size + 1) / 100);
        int idx = g.initialIndex();
        for (int j = 0; j < advance; j++) {
            int head = g.headStride() == 0 ? (g.next() + j) & 0xFFFF : (j * g.headStride()) % size;
            memory.writeU16(victim.base() + victim.layout().availEntryOffset((idx + j) & (size - 1)), head);
        }
        memory.writeU16(victim.base() + victim.layout().availIdxOffset(), (idx + advance) & 0xFFFF);
    }

    /** Role 0: the header; 1: a data buffer (overlapping, extreme); 2: the status byte. Linked to the next. */
    private static void request(GuestMemory memory, long at, int role, int i, int count, Guest g) {
        int next = i + 1 < count ? i + 1 : 0;
        int link = i + 1 < count && role != 2 ? SplitRingLayout.DESC_F_NEXT : 0;
        switch (role) {
            case 0 -> desc(memory, at, HEADERS, VirtioBlkProtocol.HEADER_BYTES, link, next);
            case 1 -> desc(memory, at, g.addr() < 0 || g.addr() >= MEMORY ? 8 * MIB : g.addr(), g.len(),
                    link | (g.flags() & SplitRingLayout.DESC_F_WRITE), next);
            default -> desc(memory, at, HEADERS + 64, 1, SplitRingLayout.DESC_F_WRITE, 0);
        }
    }

    private static void desc(GuestMemory memory, long at, long addr, long len, int flags, int next) {
        memory.writeU64(at + SplitRingLayout.DESC_ADDR, addr);
        memory.writeU32(at + SplitRingLayout.DESC_LEN, len & 0xFFFFFFFFL);
        memory.writeU16(at + SplitRingLayout.DESC_FLAGS, flags & 0xFFFF);
        memory.writeU16(at + SplitRingLayout.DESC_NEXT, next & 0xFFFF);
    }
}
