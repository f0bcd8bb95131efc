package org.mqvio.virtio.ring;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import net.jqwik.api.Example;
import org.mqvio.api.virtio.GuestBuffer;
import org.mqvio.api.virtio.GuestMemory;

/** Each side reads the other's shared index only when the entries its last read covered are used up. */
class SplitRingIndexCacheTest {

    static final long BASE = 0x1000;

    /** Guest memory that counts the acquire loads per address. */
    static final class CountingMemory implements GuestMemory {
        final SparseGuestMemory memory = new SparseGuestMemory(1L << 20);
        final Map<Long, Integer> acquires = new HashMap<>();

        @Override public long size() { return memory.size(); }
        @Override public int readU8(long a) { return memory.readU8(a); }
        @Override public int readU16(long a) { return memory.readU16(a); }
        @Override public long readU32(long a) { return memory.readU32(a); }
        @Override public long readU64(long a) { return memory.readU64(a); }
        @Override public void writeU8(long a, int v) { memory.writeU8(a, v); }
        @Override public void writeU16(long a, int v) { memory.writeU16(a, v); }
        @Override public void writeU32(long a, long v) { memory.writeU32(a, v); }
        @Override public void writeU64(long a, long v) { memory.writeU64(a, v); }
        @Override public void read(long a, byte[] d, int o, int l) { memory.read(a, d, o, l); }
        @Override public void write(long a, byte[] s, int o, int l) { memory.write(a, s, o, l); }

        @Override
        public int readU16Acquire(long address) {
            acquires.merge(address, 1, Integer::sum);
            return memory.readU16Acquire(address);
        }

        int acquiresAt(long address) {
            return acquires.getOrDefault(address, 0);
        }
    }

    @Example
    void theDriverReadsTheUsedIndexOncePerBatchOfUsedEntries() {
        CountingMemory memory = new CountingMemory();
        SplitVirtqueue<Integer> vq = new SplitVirtqueue<>(0, memory, BASE, 8, RingFeatures.NONE);
        long usedIdx = BASE + vq.layout().usedIdxOffset();
        long availIdx = BASE + vq.layout().availIdxOffset();
        for (int i = 0; i < 3; i++) {
            assertThat(vq.add(List.of(new GuestBuffer(0x10000 + 0x100L * i, 16)), List.of(), i)).isTrue();
        }
        vq.kickPrepare();

        Chains.Popped[] popped = new Chains.Popped[3];
        for (int i = 0; i < 3; i++) {
            popped[i] = Chains.pop(vq).orElseThrow();
        }
        assertThat(Chains.pop(vq)).isEmpty();
        assertThat(memory.acquiresAt(availIdx)).as("one read for the three chains, one to find none left")
                .isEqualTo(2);
        for (Chains.Popped e : popped) {
            vq.push(e.head(), 0);
        }

        assertThat(Chains.getUsed(vq)).hasValueSatisfying(u -> assertThat(u.token()).isZero());
        assertThat(Chains.getUsed(vq)).hasValueSatisfying(u -> assertThat(u.token()).isEqualTo(1));
        assertThat(Chains.getUsed(vq)).hasValueSatisfying(u -> assertThat(u.token()).isEqualTo(2));
        assertThat(memory.acquiresAt(usedIdx)).as("one read covers the three used entries").isEqualTo(1);
        assertThat(Chains.getUsed(vq)).isEmpty();
        assertThat(memory.acquiresAt(usedIdx)).as("used up: read again to find none").isEqualTo(2);
        assertThat(vq.freeDescriptors()).isEqualTo(8);
    }
}
