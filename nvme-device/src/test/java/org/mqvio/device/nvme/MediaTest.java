package org.mqvio.device.nvme;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * Memory-backed media against a per-sector model of a durable store and a volatile cache: reads see the
 * latest write, Write Zeroes and deallocation read back as zeroes, a flush makes the cache durable, and a
 * power loss (the package-private {@link Media#powerLoss}) drops exactly the writes that were neither
 * flushed nor FUA.
 */
class MediaTest {
    /** One operation on a small device of 64 sectors; each sector's content is one tag byte. */
    record Op(String kind, long sector, int sectors, boolean fua, int tag) {
        @Override
        public String toString() {
            return kind + "(" + sector + "+" + sectors + (fua ? " fua" : "") + (kind.equals("write") ? " #" + tag : "") + ")";
        }
    }

    @Provide
    Arbitrary<List<Op>> operations() {
        Arbitrary<Op> write = Combinators.combine(Arbitraries.longs().between(0, 60), Arbitraries.integers().between(1, 4),
                Arbitraries.of(true, false), Arbitraries.integers().between(1, 255))
                .as((s, n, fua, tag) -> new Op("write", s, n, fua, tag));
        Arbitrary<Op> zero = Combinators.combine(Arbitraries.longs().between(0, 50), Arbitraries.integers().between(1, 14),
                Arbitraries.of(true, false)).as((s, n, fua) -> new Op("zero", s, n, fua, 0));
        Arbitrary<Op> flush = Arbitraries.just(new Op("flush", 0, 0, false, 0));
        Arbitrary<Op> power = Arbitraries.just(new Op("powerloss", 0, 0, false, 0));
        return Arbitraries.frequencyOf(
                net.jqwik.api.Tuple.of(8, write), net.jqwik.api.Tuple.of(2, zero),
                net.jqwik.api.Tuple.of(2, flush), net.jqwik.api.Tuple.of(1, power)).list().ofMaxSize(60);
    }

    @Property(tries = 500)
    void contentsAndDurabilityFollowTheCacheRules(@ForAll("operations") List<Op> ops, @ForAll boolean writeCache) {
        Media media = new Media(writeCache);
        Map<Long, Integer> durable = new HashMap<>();
        Map<Long, Integer> cached = new HashMap<>();
        for (Op op : ops) {
            switch (op.kind()) {
                case "write", "zero" -> {
                    byte[] data = new byte[op.sectors() * Media.SECTOR];
                    java.util.Arrays.fill(data, (byte) op.tag());
                    if (op.kind().equals("write")) {
                        media.write(op.sector(), op.sectors(), data, op.fua());
                    } else {
                        media.zero(op.sector(), op.sectors(), op.fua());
                    }
                    for (long s = op.sector(); s < op.sector() + op.sectors(); s++) {
                        boolean noChange = op.kind().equals("zero") && !cached.containsKey(s)
                                && durable.getOrDefault(s, 0) == 0;
                        if (noChange) {
                            continue;
                        }
                        if (writeCache && !op.fua()) {
                            cached.put(s, op.tag());
                        } else {
                            cached.remove(s);
                            durable.put(s, op.tag());
                        }
                    }
                }
                case "flush" -> {
                    media.flush();
                    durable.putAll(cached);
                    cached.clear();
                }
                default -> {
                    long dropped = media.powerLoss();
                    assertThat(dropped).as("sectors dropped by the power loss").isEqualTo(cached.size());
                    cached.clear();
                }
            }
            assertThat(media.cachedSectors()).isEqualTo(cached.size());
        }
        byte[] all = new byte[64 * Media.SECTOR];
        media.read(0, 64, all, 0);
        for (long s = 0; s < 64; s++) {
            int expected = cached.getOrDefault(s, durable.getOrDefault(s, 0));
            assertThat(all[(int) s * Media.SECTOR] & 0xFF).as("sector %d", s).isEqualTo(expected);
            assertThat(all[(int) s * Media.SECTOR + Media.SECTOR - 1] & 0xFF).isEqualTo(expected);
        }
        media.powerLoss();
        media.read(0, 64, all, 0);
        for (long s = 0; s < 64; s++) {
            assertThat(all[(int) s * Media.SECTOR] & 0xFF).as("sector %d after power loss", s)
                    .isEqualTo(durable.getOrDefault(s, 0));
        }
    }

    @Example
    void shortOrMissingPayloadsWriteZeroesAndHugeZeroRangesAreCheap() {
        Media media = new Media(false);
        media.write(0, 2, new byte[] {7}, false);
        byte[] back = new byte[1024];
        media.read(0, 2, back, 0);
        assertThat(back[0]).isEqualTo((byte) 7);
        assertThat(back[1]).isZero();
        media.zero(0, Long.MAX_VALUE / 2, true);
        media.read(0, 2, back, 0);
        assertThat(back).containsOnly(0);
        media.write(5, 1, null, false);
        media.zero(3, 0, false);
    }
}
