package org.mqvio.benchmarks;

import java.nio.ByteBuffer;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.agrona.concurrent.MessageHandler;
import org.agrona.concurrent.UnsafeBuffer;
import org.agrona.concurrent.ringbuffer.OneToOneRingBuffer;
import org.agrona.concurrent.ringbuffer.RingBufferDescriptor;
import org.jctools.queues.SpscArrayQueue;
import org.mqvio.api.virtio.DescriptorChain;
import org.mqvio.api.virtio.GuestBuffer;
import org.mqvio.api.virtio.UsedBuffer;
import org.mqvio.virtio.ring.RingFeatures;
import org.mqvio.virtio.ring.SparseGuestMemory;
import org.mqvio.virtio.ring.SplitVirtqueue;
import org.openjdk.jmh.annotations.AuxCounters;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Group;
import org.openjdk.jmh.annotations.GroupThreads;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * Two-thread handoff, one producer and one consumer, through the live split ring and its peers, behind one
 * adapter ({@link Impl}): {@code consumed} in the output is items handed over per second.
 *
 * <ul>
 *   <li>{@code SPLIT_RING}: mqvio's live {@code SplitVirtqueue}, 256 entries in guest memory (no event idx, no
 *   indirect). The producer is the driver: it adds one-buffer chains and, once per {@value #RING_BATCH} chains
 *   (as virtio-blk does once per blk-mq batch), prepares the kick: a release store of the avail index, a full
 *   fence, then the used flags. It reaps used chains only when it runs out of descriptors, as an interrupt
 *   handler reaps a batch. The consumer is the device, a polling IoThread with kicks off: it pops (acquire load
 *   of the avail index; the chain read and checked as untrusted) and pushes each chain back (release store of
 *   the used index).</li>
 *   <li>{@code SPLIT_RING_KICK_CHECK_EACH}: the same with a kick prepared, so an index store and a full fence,
 *   after every chain.</li>
 *   <li>{@code BARE_SPLIT_RING}: the control, {@link BareSplitRing}: the same format with the least work it
 *   allows (no checks, no tokens, no copy of the chain); no split ring can do much better on this machine.</li>
 *   <li>{@code JCTOOLS_SPSC}: JCTools' {@code SpscArrayQueue} of 256.</li>
 *   <li>{@code AGRONA_ONE_TO_ONE}: Agrona's {@code OneToOneRingBuffer} of 256 8-byte messages.</li>
 * </ul>
 *
 * <p>A producer and a consumer that run at nearly the same speed can fall into lock step, where every item
 * moves the index's cache line between the cores; a run can land in that mode or not, so figures vary widely
 * between forks: use several ({@code -f 3}) and compare within one run.
 *
 * <pre>
 * ./mvnw -B -ntp -pl benchmarks -am package -DskipTests
 * java -cp benchmarks/target/classes:$(cat benchmarks/target/classpath.txt) org.openjdk.jmh.Main \
 *     HandoffBenchmark -f 3 -wi 3 -w 2s -i 5 -r 2s -foe true
 * </pre>
 */
@State(Scope.Group)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class HandoffBenchmark {
    static final int CAPACITY = 256;
    /** Chains per kick check in {@code SPLIT_RING}: a batch of fio's usual iodepth 16. */
    static final int RING_BATCH = 16;
    /** Where the bare ring's one-buffer chains point (any non-zero guest address will do). */
    static final long BUFFER_ADDRESS = 0x10_0000;

    /** The implementations compared. */
    public enum Impl {
        SPLIT_RING, SPLIT_RING_KICK_CHECK_EACH, BARE_SPLIT_RING, JCTOOLS_SPSC, AGRONA_ONE_TO_ONE
    }

    /** One producer/consumer pair behind the benchmark's adapter. */
    interface Handoff {
        boolean offer();

        boolean poll();
    }

    @Param
    public Impl impl;

    private Handoff handoff;

    /** The handoff {@link #setUp} built (for the test that checks each one hands every item over once). */
    Handoff handoff() {
        return handoff;
    }

    @Setup(Level.Trial)
    public void setUp() {
        handoff = switch (impl) {
            case SPLIT_RING -> new RingHandoff(RING_BATCH);
            case SPLIT_RING_KICK_CHECK_EACH -> new RingHandoff(1);
            case BARE_SPLIT_RING -> new BareHandoff();
            case JCTOOLS_SPSC -> new JcToolsHandoff();
            case AGRONA_ONE_TO_ONE -> new AgronaHandoff();
        };
    }

    /** Per-thread counts of successful offers and polls, reported per second. */
    @AuxCounters(AuxCounters.Type.OPERATIONS)
    @State(Scope.Thread)
    public static class Counts {
        public long offered;
        public long consumed;
    }

    @Benchmark
    @Group("handoff")
    @GroupThreads(1)
    public void offer(Counts counts) {
        if (handoff.offer()) {
            counts.offered++;
        }
    }

    @Benchmark
    @Group("handoff")
    @GroupThreads(1)
    public void poll(Counts counts) {
        if (handoff.poll()) {
            counts.consumed++;
        }
    }

    /**
     * {@code SPLIT_RING} and {@code SPLIT_RING_KICK_CHECK_EACH}, by {@code chainsPerKick}: see the class comment. What
     * each thread writes on every item (the driver's {@link UsedBuffer} and batch count, the device's
     * {@link DescriptorChain}) lives in a padded object of that side's, as in a real stack, where the guest
     * driver's and the IoThread's objects are never neighbours: no line the producer writes holds what the consumer
     * reads, except the ring itself.
     */
    static final class RingHandoff implements Handoff {
        private final SplitVirtqueue<Integer> vq;
        private final List<GuestBuffer> readable;
        private final Integer token = 1;
        private final int chainsPerKick;
        private final DriverSide driver = new DriverSide();
        private final DeviceSide device = new DeviceSide();

        /** The producer's own objects. */
        @SuppressWarnings("unused")
        private static final class DriverSide {
            private long p00, p01, p02, p03, p04, p05, p06, p07, p08, p09, p10, p11, p12, p13, p14, p15;
            final UsedBuffer<Integer> used = new UsedBuffer<>();
            int sinceKick;
        }

        /** The consumer's own objects. */
        @SuppressWarnings("unused")
        private static final class DeviceSide {
            private long p00, p01, p02, p03, p04, p05, p06, p07, p08, p09, p10, p11, p12, p13, p14, p15;
            final DescriptorChain chain = new DescriptorChain();
        }

        RingHandoff(int chainsPerKick) {
            this.chainsPerKick = chainsPerKick;
            long base = 4096;
            long footprint = SplitVirtqueue.footprint(CAPACITY, RingFeatures.NONE);
            SparseGuestMemory memory = new SparseGuestMemory(base + footprint + 8192);
            vq = new SplitVirtqueue<>(0, memory, base, CAPACITY, RingFeatures.NONE);
            vq.setNotification(false);
            readable = List.of(new GuestBuffer(base + footprint + 64, 8));
        }

        @Override
        public boolean offer() {
            DriverSide d = driver;
            if (vq.freeDescriptors() == 0) {
                // Out of descriptors: publish what waits, and take back what the device used.
                vq.kickPrepare();
                d.sinceKick = 0;
                while (vq.getUsed(d.used)) {
                    // recycled
                }
            }
            if (!vq.add(readable, List.of(), token)) {
                return false;
            }
            if (++d.sinceKick == chainsPerKick) {
                d.sinceKick = 0;
                vq.kickPrepare();
            }
            return true;
        }

        @Override
        public boolean poll() {
            DescriptorChain chain = device.chain;
            if (!vq.pop(chain)) {
                return false;
            }
            vq.push(chain.head(), 0);
            return true;
        }
    }

    /**
     * The control: the same handoff through {@link BareSplitRing}, published once per {@value #RING_BATCH}; the
     * producer's batch count padded off what the consumer reads, as in {@link RingHandoff}.
     */
    static final class BareHandoff implements Handoff {
        private final BareSplitRing ring = new BareSplitRing(CAPACITY);
        private final Batch batch = new Batch();

        /** The producer's count of chains added since it last published. */
        @SuppressWarnings("unused")
        private static final class Batch {
            private long p00, p01, p02, p03, p04, p05, p06, p07, p08, p09, p10, p11, p12, p13, p14, p15;
            int unpublished;
        }

        @Override
        public boolean offer() {
            Batch b = batch;
            if (!ring.add(BUFFER_ADDRESS, 8)) {
                // Out of descriptors: publish what waits, and take back what the device used.
                ring.publish();
                b.unpublished = 0;
                if (ring.reap() == 0 || !ring.add(BUFFER_ADDRESS, 8)) {
                    return false;
                }
            }
            if (++b.unpublished == RING_BATCH) {
                b.unpublished = 0;
                ring.publish();
            }
            return true;
        }

        @Override
        public boolean poll() {
            return ring.popAndPush();
        }
    }

    static final class JcToolsHandoff implements Handoff {
        private final SpscArrayQueue<Integer> queue = new SpscArrayQueue<>(CAPACITY);
        private final Integer item = 1;

        @Override
        public boolean offer() {
            return queue.offer(item);
        }

        @Override
        public boolean poll() {
            return queue.poll() != null;
        }
    }

    static final class AgronaHandoff implements Handoff {
        private static final int MESSAGE = 8;
        /** Each message takes its 8-byte header plus 8 bytes of payload. */
        private final OneToOneRingBuffer ring = new OneToOneRingBuffer(new UnsafeBuffer(ByteBuffer.allocateDirect(
                CAPACITY * 16 + RingBufferDescriptor.TRAILER_LENGTH)));
        private final UnsafeBuffer source = new UnsafeBuffer(new byte[MESSAGE]);
        private final MessageHandler handler = (type, buffer, index, length) -> { };

        @Override
        public boolean offer() {
            return ring.write(1, source, 0, MESSAGE);
        }

        @Override
        public boolean poll() {
            return ring.read(handler, 1) == 1;
        }
    }
}
