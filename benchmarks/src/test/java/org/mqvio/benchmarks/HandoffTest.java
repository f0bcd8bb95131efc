package org.mqvio.benchmarks;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import org.mqvio.benchmarks.HandoffBenchmark.Impl;

/** Every handoff {@link HandoffBenchmark} compares really hands each item over once, on two threads. */
class HandoffTest {
    private static final int ITEMS = 200_000;

    @Test
    void everyImplementationHandsEveryItemOverOnceBetweenTwoThreads() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            for (Impl impl : Impl.values()) {
                HandoffBenchmark bench = new HandoffBenchmark();
                bench.impl = impl;
                bench.setUp();
                HandoffBenchmark.Handoff handoff = bench.handoff();
                AtomicBoolean producerDone = new AtomicBoolean();
                Future<Integer> producer = pool.submit(() -> {
                    int offered = 0;
                    while (offered < ITEMS) {
                        if (handoff.offer()) {
                            offered++;
                        }
                    }
                    producerDone.set(true);
                    return offered;
                });
                Future<Integer> consumer = pool.submit(() -> {
                    // Until every item came, or nothing came for 100 ms after the producer stopped.
                    int consumed = 0;
                    long idleSince = System.nanoTime();
                    while (consumed < ITEMS) {
                        if (handoff.poll()) {
                            consumed++;
                            idleSince = System.nanoTime();
                        } else if (producerDone.get() && System.nanoTime() - idleSince > 100_000_000L) {
                            break;
                        }
                    }
                    return consumed;
                });
                assertThat(producer.get(30, TimeUnit.SECONDS)).as("%s offered", impl).isEqualTo(ITEMS);
                // Chains a split ring has added but not yet published reach the device with the next batch.
                assertThat(consumer.get(30, TimeUnit.SECONDS)).as("%s consumed", impl)
                        .isBetween(ITEMS - HandoffBenchmark.RING_BATCH, ITEMS);
                assertThat(handoff.poll()).as("%s: nothing handed over twice", impl).isFalse();
            }
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void theBareRingGivesBackWhatTheDeviceUsedAndRefusesWhenFull() {
        BareSplitRing ring = new BareSplitRing(4);
        for (int i = 0; i < 4; i++) {
            assertThat(ring.add(HandoffBenchmark.BUFFER_ADDRESS, 8)).isTrue();
        }
        assertThat(ring.add(HandoffBenchmark.BUFFER_ADDRESS, 8)).as("no descriptor left").isFalse();
        assertThat(ring.popAndPush()).as("nothing published yet").isFalse();
        ring.publish();
        int used = 0;
        while (ring.popAndPush()) {
            used++;
        }
        assertThat(used).isEqualTo(4);
        assertThat(ring.reap()).isEqualTo(4);
        assertThat(ring.add(HandoffBenchmark.BUFFER_ADDRESS, 8)).isTrue();
    }
}
