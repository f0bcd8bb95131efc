package org.mqvio.virtio.ring;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

class SparseGuestMemoryTest {

    /** Size of the memory under test: three pages and a bit, so accesses cross pages and hit the ragged end. */
    static final int SIZE = 3 * SparseGuestMemory.PAGE_SIZE + 13;

    record Access(int width, int address, long value) {
    }

    @Property(tries = 300)
    void agreesWithAFlatByteArray(@ForAll("accesses") List<Access> writes, @ForAll("accesses") List<Access> reads) {
        SparseGuestMemory memory = new SparseGuestMemory(SIZE);
        ByteBuffer reference = ByteBuffer.allocate(SIZE).order(ByteOrder.LITTLE_ENDIAN);
        for (Access w : writes) {
            switch (w.width()) {
                case 1 -> {
                    memory.writeU8(w.address(), (int) w.value());
                    reference.put(w.address(), (byte) w.value());
                }
                case 2 -> {
                    memory.writeU16(w.address(), (int) w.value());
                    reference.putShort(w.address(), (short) w.value());
                }
                case 4 -> {
                    memory.writeU32(w.address(), w.value());
                    reference.putInt(w.address(), (int) w.value());
                }
                default -> {
                    memory.writeU64(w.address(), w.value());
                    reference.putLong(w.address(), w.value());
                }
            }
        }
        for (Access r : reads) {
            long expected = switch (r.width()) {
                case 1 -> reference.get(r.address()) & 0xFF;
                case 2 -> reference.getShort(r.address()) & 0xFFFF;
                case 4 -> reference.getInt(r.address()) & 0xFFFF_FFFFL;
                default -> reference.getLong(r.address());
            };
            long actual = switch (r.width()) {
                case 1 -> memory.readU8(r.address());
                case 2 -> memory.readU16(r.address());
                case 4 -> memory.readU32(r.address());
                default -> memory.readU64(r.address());
            };
            assertThat(actual).as("u%d at %d", r.width() * 8, r.address()).isEqualTo(expected);
        }
        byte[] all = new byte[SIZE];
        memory.read(0, all, 0, SIZE);
        assertThat(all).isEqualTo(reference.array());
    }

    @Provide
    Arbitrary<List<Access>> accesses() {
        Arbitrary<Integer> widths = Arbitraries.of(1, 2, 4, 8);
        Arbitrary<Integer> nearBoundaries = Arbitraries.of(0, 1, 2, 3).flatMap(page ->
                Arbitraries.integers().between(-8, 8).map(d -> page * SparseGuestMemory.PAGE_SIZE + d));
        Arbitrary<Integer> anywhere = Arbitraries.integers().between(0, SIZE);
        return Combinators.combine(widths, Arbitraries.oneOf(nearBoundaries, anywhere), Arbitraries.longs())
                .as((width, address, value) -> new Access(width, Math.clamp(address, 0, SIZE - width), value))
                .list().ofMaxSize(40);
    }

    @Example
    void isLittleEndianAndStoresTheLowBitsOfAValue() {
        SparseGuestMemory memory = new SparseGuestMemory(64);
        memory.writeU32(8, 0x1_1122_3344L);
        byte[] bytes = new byte[4];
        memory.read(8, bytes, 0, 4);
        assertThat(bytes).containsExactly(0x44, 0x33, 0x22, 0x11);
        memory.writeU16(0, 0x1_FFFE);
        assertThat(memory.readU16(0)).isEqualTo(0xFFFE);
        memory.writeU64(16, -1L);
        assertThat(memory.readU32(16)).isEqualTo(0xFFFF_FFFFL);
        assertThat(memory.readU64(16)).isEqualTo(-1L);
    }

    @Example
    void untouchedPagesReadAsZeroAndCostNothing() {
        SparseGuestMemory memory = new SparseGuestMemory(1L << 46);
        assertThat(memory.readU64(12_345_678_900_000L)).isZero();
        byte[] bytes = {1, 2, 3};
        memory.read((1L << 46) - 3, bytes, 0, 3);
        assertThat(bytes).containsExactly(0, 0, 0);
        assertThat(memory.allocatedPages()).isZero();

        memory.writeU16(SparseGuestMemory.PAGE_SIZE - 1, 0xABCD);
        assertThat(memory.allocatedPages()).isEqualTo(2);
        assertThat(memory.readU16(SparseGuestMemory.PAGE_SIZE - 1)).isEqualTo(0xABCD);
    }

    @Example
    void racingFirstWritesToAPageAreAllKept() throws InterruptedException {
        SparseGuestMemory memory = new SparseGuestMemory(1L << 32);
        int threads = 4;
        int pages = 2000;
        List<Thread> writers = new java.util.ArrayList<>();
        for (int t = 0; t < threads; t++) {
            int id = t;
            writers.add(Thread.ofPlatform().start(() -> {
                for (int p = 0; p < pages; p++) {
                    memory.writeU8((long) p * 40_000 + id, id + 1);
                }
            }));
        }
        for (Thread writer : writers) {
            writer.join();
        }
        for (int p = 0; p < pages; p++) {
            for (int t = 0; t < threads; t++) {
                assertThat(memory.readU8((long) p * 40_000 + t)).isEqualTo(t + 1);
            }
        }
        assertThat(memory.allocatedPages()).isEqualTo(pages);
    }

    @Example
    void accessesOutsideTheAddressSpaceThrowAndChangeNothing() {
        SparseGuestMemory memory = new SparseGuestMemory(4096);
        assertThatThrownBy(() -> memory.writeU32(4094, 1))
                .isInstanceOf(IndexOutOfBoundsException.class)
                .hasMessage("guest memory access of 4 bytes at 0xffe is outside [0, 0x1000)");
        assertThat(memory.allocatedPages()).isZero();
        assertThatThrownBy(() -> memory.readU8(-1)).isInstanceOf(IndexOutOfBoundsException.class);
        assertThatThrownBy(() -> memory.readU64(Long.MAX_VALUE)).isInstanceOf(IndexOutOfBoundsException.class);
        assertThatThrownBy(() -> memory.read(4000, new byte[200], 0, 200)).isInstanceOf(IndexOutOfBoundsException.class);
        assertThatThrownBy(() -> memory.write(0, new byte[2], 1, 2)).isInstanceOf(IndexOutOfBoundsException.class);
        assertThat(memory.readU16(4094)).isZero();
    }

    @Example
    void rejectsImpossibleSizes() {
        assertThatThrownBy(() -> new SparseGuestMemory(0))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("guest memory size must be from 1 to");
        assertThatThrownBy(() -> new SparseGuestMemory(SparseGuestMemory.MAX_SIZE + 1))
                .isInstanceOf(IllegalArgumentException.class);
        assertThat(new SparseGuestMemory(SparseGuestMemory.MAX_SIZE).size()).isEqualTo(1L << 48);
    }
}
