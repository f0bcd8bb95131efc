package org.mqvio.benchmarks;

import java.util.List;
import java.util.concurrent.TimeUnit;
import org.mqvio.api.virtio.DescriptorChain;
import org.mqvio.api.virtio.GuestBuffer;
import org.mqvio.api.virtio.UsedBuffer;
import org.mqvio.virtio.ring.RingFeatures;
import org.mqvio.virtio.ring.SparseGuestMemory;
import org.mqvio.virtio.ring.SplitVirtqueue;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * The work a split ring does per chain, on one thread, so without the cache-line traffic and lock-step effects
 * that make {@link HandoffBenchmark}'s two-thread figures vary: a batch of {@value #BATCH} one-buffer chains
 * added and published, popped and pushed back, then reaped. The score is nanoseconds per chain, for mqvio's
 * {@code SplitVirtqueue} ({@code SPLIT_RING}) and for the format's floor, {@link BareSplitRing}
 * ({@code BARE_SPLIT_RING}); their difference is what mqvio's ring adds (checks of untrusted descriptors, the copy
 * of each chain into the caller's {@link DescriptorChain}, tokens, statistics, the guest-memory abstraction).
 *
 * <pre>
 * java -cp benchmarks/target/classes:$(cat benchmarks/target/classpath.txt) org.openjdk.jmh.Main \
 *     RingRoundTripBenchmark -f 1 -wi 3 -w 2s -i 5 -r 2s -foe true -prof gc
 * </pre>
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class RingRoundTripBenchmark {
    static final int BATCH = 16;

    /** The rings compared. */
    public enum Ring {
        SPLIT_RING, BARE_SPLIT_RING
    }

    @Param
    public Ring ring;

    private SplitVirtqueue<Integer> vq;
    private List<GuestBuffer> readable;
    private final Integer token = 1;
    private final DescriptorChain chain = new DescriptorChain();
    private final UsedBuffer<Integer> used = new UsedBuffer<>();
    private BareSplitRing bare;

    @Setup(Level.Trial)
    public void setUp() {
        long base = 4096;
        long footprint = SplitVirtqueue.footprint(HandoffBenchmark.CAPACITY, RingFeatures.NONE);
        vq = new SplitVirtqueue<>(0, new SparseGuestMemory(base + footprint + 8192), base,
                HandoffBenchmark.CAPACITY, RingFeatures.NONE);
        vq.setNotification(false);
        readable = List.of(new GuestBuffer(base + footprint + 64, 8));
        bare = new BareSplitRing(HandoffBenchmark.CAPACITY);
    }

    @Benchmark
    @OperationsPerInvocation(BATCH)
    public int roundTrip() {
        return ring == Ring.SPLIT_RING ? splitRing() : bareRing();
    }

    private int splitRing() {
        for (int i = 0; i < BATCH; i++) {
            vq.add(readable, List.of(), token);
        }
        vq.kickPrepare();
        while (vq.pop(chain)) {
            vq.push(chain.head(), 0);
        }
        int reaped = 0;
        while (vq.getUsed(used)) {
            reaped++;
        }
        return check(reaped);
    }

    private int bareRing() {
        for (int i = 0; i < BATCH; i++) {
            bare.add(HandoffBenchmark.BUFFER_ADDRESS, 8);
        }
        bare.publish();
        while (bare.popAndPush()) {
            // pushed back
        }
        return check(bare.reap());
    }

    private static int check(int reaped) {
        if (reaped != BATCH) {
            throw new IllegalStateException("a round trip of " + BATCH + " chains gave back " + reaped);
        }
        return reaped;
    }
}
