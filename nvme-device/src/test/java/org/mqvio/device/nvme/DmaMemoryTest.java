package org.mqvio.device.nvme;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CyclicBarrier;
import org.junit.jupiter.api.Test;

/**
 * The driver maps a command's buffer on the CPU that submits it and unmaps it on the CPU that takes the completion
 * interrupt: on the live runtime those are different threads at once (the live conformance kit found a corrupted
 * map there: a ClassCastException inside HashMap).
 */
class DmaMemoryTest {
    private static final int THREADS = 4;
    private static final int ROUNDS = 50_000;

    @Test
    void buffersMappedAndUnmappedFromSeveralThreadsAtOnceKeepUniqueAddressesAndTheirData() throws Exception {
        DmaMemory dma = new DmaMemory();
        Set<Long> seen = ConcurrentHashMap.newKeySet();
        List<Throwable> failures = new ArrayList<>();
        CyclicBarrier start = new CyclicBarrier(THREADS);
        List<Thread> threads = new ArrayList<>();
        for (int t = 0; t < THREADS; t++) {
            Thread th = new Thread(() -> {
                try {
                    start.await();
                    long[] held = new long[8];
                    byte[][] buffers = new byte[8][];
                    for (int i = 0; i < ROUNDS; i++) {
                        int slot = i & 7;
                        if (held[slot] != 0) {
                            assertThat(dma.buffer(held[slot])).isSameAs(buffers[slot]);
                            dma.unmap(held[slot]);
                        }
                        buffers[slot] = new byte[1];
                        held[slot] = dma.map(buffers[slot]);
                        assertThat(seen.add(held[slot])).as("address %d handed out twice", held[slot]).isTrue();
                    }
                    for (long a : held) {
                        dma.unmap(a);
                    }
                } catch (Throwable e) {
                    synchronized (failures) {
                        failures.add(e);
                    }
                }
            });
            threads.add(th);
            th.start();
        }
        for (Thread th : threads) {
            th.join();
        }
        assertThat(failures).isEmpty();
        assertThat(dma.mapped()).isZero();
        assertThat(seen).hasSize(THREADS * ROUNDS);
    }
}
