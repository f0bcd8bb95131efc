package org.mqvio.virtio.ring;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.mqvio.virtio.ring.SplitRingLayout.DESC_F_INDIRECT;
import static org.mqvio.virtio.ring.SplitRingLayout.DESC_F_NEXT;
import static org.mqvio.virtio.ring.SplitRingLayout.DESC_F_WRITE;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.statistics.Statistics;
import org.mqvio.api.virtio.GuestBuffer;

/**
 * The device half against untrusted rings: random garbage and targeted attacks never make it throw or hang;
 * a refused ring leaves the queue broken with a reason; a second queue in the same guest memory carries on.
 * Invariant 6b (docs/architecture.md#invariant-6b), on the ring alone.
 */
class SplitVirtqueueCorruptionTest {

    static final long MEMORY_BYTES = 1L << 20;
    static final long VICTIM_BASE = 0x1000;
    static final long NEIGHBOUR_BASE = 0x40000;
    static final long DATA = 0x80000;
    static final long TABLES = 0xC0000;

    /** A victim queue and an untouched neighbour in the same guest memory, each with a few chains added. */
    record Setup(int size, RingFeatures features, int initialIndex, int preAdded) {
    }

    /** One raw write into the victim's driver-side area. */
    record Poke(Region region, int offsetSeed, int width, long value) {
    }

    enum Region { DESCRIPTORS, AVAIL_RING, INDIRECT_TABLES }

    // ---- random garbage ----

    @Property(tries = 2000)
    void garbageNeverMakesTheDeviceThrowOrHang(@ForAll("setups") Setup setup, @ForAll("pokes") List<Poke> pokes) {
        SparseGuestMemory memory = new SparseGuestMemory(MEMORY_BYTES);
        SplitVirtqueue<Integer> victim = new SplitVirtqueue<>(0, memory, VICTIM_BASE, setup.size(),
                setup.features(), setup.initialIndex());
        SplitVirtqueue<Integer> neighbour = new SplitVirtqueue<>(1, memory, NEIGHBOUR_BASE, 8,
                RingFeatures.of(RingFeature.EVENT_IDX, RingFeature.INDIRECT_DESC), 0xFFFE);
        addChains(victim, setup.preAdded());
        List<Chains.Popped> expectedNeighbourChains = addChains(neighbour, 3);

        for (Poke poke : pokes) {
            apply(victim, poke);
        }

        List<Chains.Popped> popped = new ArrayList<>();
        assertTimeoutPreemptively(Duration.ofSeconds(5), () -> {
            victim.setNotification(true);
            victim.hasAvailable();
            for (int i = 0; i < victim.size() + 2; i++) {
                Chains.pop(victim).ifPresent(element -> {
                    assertWithinMemory(element, memory.size(), victim.size());
                    popped.add(element);
                });
            }
        });
        for (Chains.Popped element : popped) {
            victim.push(element.head(), 0);
        }
        victim.shouldNotify();
        Statistics.label("outcome").collect(victim.brokenReason().isPresent() ? "broken" : "accepted");
        victim.brokenReason().ifPresent(reason -> assertBrokenForGood(victim, reason));

        assertNeighbourWorks(neighbour, expectedNeighbourChains);
    }

    @Provide
    Arbitrary<Setup> setups() {
        return Combinators.combine(
                Arbitraries.of(1, 2, 4, 8, 16),
                Arbitraries.of(true, false),
                Arbitraries.of(0, 4),
                Arbitraries.of(0, 12345, 0xFFFE, 0xFFFF),
                Arbitraries.integers().between(0, 16)
        ).as((size, eventIdx, indirect, initial, preAdded) -> new Setup(size, RingModel.features(eventIdx, indirect),
                initial, Math.min(preAdded, indirect > 0 ? size : size / 3)));
    }

    @Provide
    Arbitrary<List<Poke>> pokes() {
        Arbitrary<Long> values = Arbitraries.oneOf(
                Arbitraries.longs(),
                Arbitraries.longs().between(0, MEMORY_BYTES + 64),
                Arbitraries.longs().between(0, 20),
                Arbitraries.of(0L, 1L, 2L, 3L, 4L, 5L, 6L, 7L, 16L, 0xFFFFL, 0xFFFF_FFFFL, -1L));
        return Combinators.combine(
                Arbitraries.of(Region.class),
                Arbitraries.integers().between(0, Integer.MAX_VALUE),
                Arbitraries.of(1, 2, 4, 8),
                values
        ).as(Poke::new).list().ofMinSize(1).ofMaxSize(24);
    }

    // ---- targeted attacks ----

    @Property(tries = 1000)
    void everyAttackBreaksTheVictimWithAReason(@ForAll Attack attack, @ForAll("attackSizes") int size,
                                               @ForAll boolean eventIdx, @ForAll @IntRange(max = 0xFFFF) int initial,
                                               @ForAll @IntRange(max = 100_000) int noise) {
        SparseGuestMemory memory = new SparseGuestMemory(MEMORY_BYTES);
        RingFeatures features = RingModel.features(eventIdx, attack == Attack.INDIRECT_NOT_NEGOTIATED ? 0 : 4);
        SplitVirtqueue<Integer> victim = new SplitVirtqueue<>(0, memory, VICTIM_BASE, size, features, initial);
        SplitVirtqueue<Integer> neighbour = new SplitVirtqueue<>(1, memory, NEIGHBOUR_BASE, 8, RingFeatures.NONE, 0);
        List<Chains.Popped> expectedNeighbourChains = addChains(neighbour, 2);
        RawRing raw = new RawRing(victim, initial);

        List<Chains.Popped> popped = new ArrayList<>();
        assertTimeoutPreemptively(Duration.ofSeconds(5), () -> {
            attack.write(raw, noise);
            for (int i = 0; i < 3; i++) {
                Chains.pop(victim).ifPresent(popped::add);
            }
        });

        assertThat(popped).as("chains accepted before the attack").hasSize(attack.validChainsFirst);
        assertThat(victim.brokenReason()).as(attack.name()).hasValueSatisfying(reason ->
                assertThat(reason).contains(attack.expected));
        assertBrokenForGood(victim, victim.brokenReason().orElseThrow());
        long usedIdx = memory.readU16(VICTIM_BASE + victim.layout().usedIdxOffset());
        for (Chains.Popped element : popped) {
            victim.push(element.head(), 0);
        }
        assertThat(memory.readU16(VICTIM_BASE + victim.layout().usedIdxOffset()))
                .as("a broken queue drops pushes").isEqualTo((int) usedIdx);
        assertNeighbourWorks(neighbour, expectedNeighbourChains);
    }

    @Provide
    Arbitrary<Integer> attackSizes() {
        return Arbitraries.of(2, 4, 8, 16);
    }

    /** Malformed rings a guest could write, each with words its broken reason must contain. */
    enum Attack {
        LOOP("a loop", 0) {
            @Override
            void write(RawRing r, int noise) {
                int a = noise % r.size();
                int b = (noise / 7) % r.size();
                r.desc(a, DATA, 512, DESC_F_NEXT, b);
                r.desc(b, DATA + 512, 512, DESC_F_NEXT, a);
                r.offer(a);
            }
        },
        HEAD_OUT_OF_RANGE("but the queue has", 0) {
            @Override
            void write(RawRing r, int noise) {
                r.offer(r.size() + noise % (0x10000 - r.size()));
            }
        },
        NEXT_OUT_OF_RANGE("beyond the", 0) {
            @Override
            void write(RawRing r, int noise) {
                r.desc(0, DATA, 16, DESC_F_NEXT, r.size() + noise % (0x10000 - r.size()));
                r.offer(0);
            }
        },
        AVAIL_IDX_TOO_FAR_AHEAD("more than the queue size", 0) {
            @Override
            void write(RawRing r, int noise) {
                r.desc(0, DATA, 16, 0, 0);
                r.offer(0);
                r.setAvailIdx(initialOf(r) + r.size() + 1 + noise % (0xFFFF - r.size()));
            }
        },
        BUFFER_OUTSIDE_MEMORY("outside guest memory", 0) {
            @Override
            void write(RawRing r, int noise) {
                long size = r.memory().size();
                switch (noise % 3) {
                    case 0 -> r.desc(0, size - 100 + 1 + noise % 1000, 100, 0, 0);
                    case 1 -> r.desc(0, -1L - noise, 100, DESC_F_WRITE, 0);
                    default -> r.desc(0, noise % 64, size + 1 + noise, 0, 0);
                }
                r.offer(0);
            }
        },
        ZERO_LENGTH("zero-length", 0) {
            @Override
            void write(RawRing r, int noise) {
                r.desc(0, DATA, 16, DESC_F_NEXT, 1);
                r.desc(1, DATA + noise % 4096, 0, DESC_F_WRITE, 0);
                r.offer(0);
            }
        },
        READABLE_AFTER_WRITABLE("follows a device-writable", 0) {
            @Override
            void write(RawRing r, int noise) {
                r.desc(0, DATA, 16, DESC_F_NEXT | DESC_F_WRITE, 1);
                r.desc(1, DATA + 16, 1 + noise % 4096, 0, 0);
                r.offer(0);
            }
        },
        HEAD_ALREADY_IN_FLIGHT("popped and not pushed back", 1) {
            @Override
            void write(RawRing r, int noise) {
                r.desc(0, DATA, 16, 0, 0);
                r.offer(0);
                r.offer(0);
            }
        },
        INDIRECT_NOT_NEGOTIATED("not negotiated", 0) {
            @Override
            void write(RawRing r, int noise) {
                r.descAt(TABLES, 0, DATA, 16, 0, 0);
                r.desc(0, TABLES, 16, DESC_F_INDIRECT, 0);
                r.offer(0);
            }
        },
        INDIRECT_BAD_LENGTH("multiple of 16", 0) {
            @Override
            void write(RawRing r, int noise) {
                r.desc(0, TABLES, noise % 2 == 0 ? 0 : 16L * (noise % 8) + 1 + noise % 15, DESC_F_INDIRECT, 0);
                r.offer(0);
            }
        },
        INDIRECT_TOO_LONG("more than the 1024", 0) {
            @Override
            void write(RawRing r, int noise) {
                r.desc(0, TABLES, 16L * (1025 + noise % 1000), DESC_F_INDIRECT, 0);
                r.offer(0);
            }
        },
        INDIRECT_WITH_NEXT("NEXT flag", 0) {
            @Override
            void write(RawRing r, int noise) {
                r.descAt(TABLES, 0, DATA, 16, 0, 0);
                r.desc(0, TABLES, 16, DESC_F_INDIRECT | DESC_F_NEXT, 1);
                r.desc(1, DATA, 16, 0, 0);
                r.offer(0);
            }
        },
        INDIRECT_NOT_AT_HEAD("not the head", 0) {
            @Override
            void write(RawRing r, int noise) {
                r.descAt(TABLES, 0, DATA, 16, 0, 0);
                r.desc(0, DATA, 16, DESC_F_NEXT, 1);
                r.desc(1, TABLES, 16, DESC_F_INDIRECT, 0);
                r.offer(0);
            }
        },
        NESTED_INDIRECT("nested", 0) {
            @Override
            void write(RawRing r, int noise) {
                r.descAt(TABLES, 0, DATA, 16, DESC_F_NEXT, 1);
                r.descAt(TABLES, 1, TABLES + 0x1000, 32, DESC_F_INDIRECT, 0);
                r.desc(0, TABLES, 32, DESC_F_INDIRECT, 0);
                r.offer(0);
            }
        },
        INDIRECT_LOOP("a loop", 0) {
            @Override
            void write(RawRing r, int noise) {
                int entries = 2 + noise % 30;
                for (int i = 0; i < entries; i++) {
                    r.descAt(TABLES, i, DATA, 16, DESC_F_NEXT, (i + 1) % entries);
                }
                r.desc(0, TABLES, 16L * entries, DESC_F_INDIRECT, 0);
                r.offer(0);
            }
        },
        INDIRECT_NEXT_OUT_OF_RANGE("beyond the", 0) {
            @Override
            void write(RawRing r, int noise) {
                r.descAt(TABLES, 0, DATA, 16, DESC_F_NEXT, 2 + noise % 0xFFF0);
                r.descAt(TABLES, 1, DATA, 16, 0, 0);
                r.desc(0, TABLES, 32, DESC_F_INDIRECT, 0);
                r.offer(0);
            }
        },
        INDIRECT_TABLE_OUTSIDE_MEMORY("outside guest memory", 0) {
            @Override
            void write(RawRing r, int noise) {
                r.desc(0, r.memory().size() - 16 * (noise % 4), 64, DESC_F_INDIRECT, 0);
                r.offer(0);
            }
        };

        final String expected;
        final int validChainsFirst;

        Attack(String expected, int validChainsFirst) {
            this.expected = expected;
            this.validChainsFirst = validChainsFirst;
        }

        abstract void write(RawRing r, int noise);

        private static int initialOf(RawRing r) {
            return r.memory().readU16(VICTIM_BASE + new SplitRingLayout(r.size()).availIdxOffset()) - 1;
        }
    }

    // ---- helpers ----

    private static List<Chains.Popped> addChains(SplitVirtqueue<Integer> queue, int count) {
        List<Chains.Popped> expected = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            List<GuestBuffer> readable = List.of(new GuestBuffer(DATA + i * 0x1000L, 16));
            List<GuestBuffer> writable = List.of(new GuestBuffer(DATA + i * 0x1000L + 16, 512),
                    new GuestBuffer(DATA + i * 0x1000L + 528, 1));
            assertThat(queue.add(readable, writable, i)).isTrue();
            expected.add(new Chains.Popped(-1, readable, writable));
        }
        queue.kickPrepare();
        return expected;
    }

    private static void apply(SplitVirtqueue<?> victim, Poke poke) {
        SplitRingLayout layout = victim.layout();
        long start;
        long length;
        switch (poke.region()) {
            case DESCRIPTORS -> {
                start = layout.descOffset(0);
                length = layout.descTableSize();
            }
            case AVAIL_RING -> {
                start = layout.availOffset();
                length = layout.availSize();
            }
            default -> {
                start = SplitRingLayout.alignUp(layout.totalSize(), SplitRingLayout.DESC_ALIGN);
                length = SplitVirtqueue.footprint(victim.size(), victim.features()) - start;
                if (length == 0) {
                    start = layout.descOffset(0);
                    length = layout.descTableSize();
                }
            }
        }
        long address = victim.base() + start + poke.offsetSeed() % (length - poke.width() + 1);
        var memory = victim.memory();
        switch (poke.width()) {
            case 1 -> memory.writeU8(address, (int) poke.value());
            case 2 -> memory.writeU16(address, (int) poke.value());
            case 4 -> memory.writeU32(address, poke.value());
            default -> memory.writeU64(address, poke.value());
        }
    }

    private static void assertWithinMemory(Chains.Popped element, long memorySize, int size) {
        assertThat(element.readable().size() + element.writable().size())
                .isBetween(1, Math.max(size, RingFeatures.MAX_INDIRECT_CHAIN));
        for (List<GuestBuffer> buffers : List.of(element.readable(), element.writable())) {
            for (GuestBuffer b : buffers) {
                assertThat(b.length()).isPositive();
                assertThat(b.address() + b.length()).isLessThanOrEqualTo(memorySize);
            }
        }
    }

    private static void assertBrokenForGood(SplitVirtqueue<?> victim, String reason) {
        assertThat(reason).isNotBlank().startsWith("virtqueue 0: ");
        assertThat(Chains.pop(victim)).isEmpty();
        assertThat(victim.hasAvailable()).isFalse();
        assertThat(victim.shouldNotify()).isFalse();
        victim.setNotification(true);
        assertThat(victim.brokenReason()).contains(reason);
    }

    private static void assertNeighbourWorks(SplitVirtqueue<Integer> neighbour, List<Chains.Popped> expected) {
        assertThat(neighbour.brokenReason()).isEmpty();
        List<Chains.Popped> popped = new ArrayList<>();
        for (Chains.Popped e : expected) {
            Chains.Popped actual = Chains.pop(neighbour).orElseThrow();
            assertThat(actual.readable()).isEqualTo(e.readable());
            assertThat(actual.writable()).isEqualTo(e.writable());
            popped.add(actual);
        }
        assertThat(Chains.pop(neighbour)).isEmpty();
        for (Chains.Popped e : popped) {
            neighbour.push(e.head(), 7);
        }
        for (int token = 0; token < expected.size(); token++) {
            assertThat(Chains.getUsed(neighbour)).contains(new Chains.Used<>(token, 7));
        }
        assertThat(Chains.getUsed(neighbour)).isEmpty();
        assertThat(neighbour.freeDescriptors()).isEqualTo(neighbour.size());
        assertThat(neighbour.brokenReason()).isEmpty();
    }
}
