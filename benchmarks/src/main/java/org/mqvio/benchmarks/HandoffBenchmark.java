package org.mqvio.benchmarks;

import java.nio.ByteBuffer;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.agrona.concurrent.MessageHandler;
import org.agrona.concurrent.UnsafeBuffer;
import org.agrona.concurrent.ringbuffer.OneToOneRingBuffer;
import org.agrona.concurrent.ringbuffer.RingBufferDescriptor;
import org.jctools.queues.SpscArrayQueue;
import org.mqvio.api.virtio.GuestBuffer;
import org.mqvio.api.virtio.VirtqueueElement;
import org.mqvio.dataplane.baseline.virtio.SparseGuestMemory;
import org.mqvio.dataplane.baseline.virtio.SplitVirtqueue;
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
 *   <li>{@code SPLIT_RING}: a 256-entry virtio split ring in guest memory (no event idx, no indirect). The
 *   producer is the driver: it reaps used entries, adds a one-buffer chain and publishes the avail index
 *   (release store, full fence). The consumer is the device: it pops (acquire load of the avail index) and
 *   pushes the chain back (release store of the used index), as virtio requires to recycle descriptors.</li>
 *   <li>{@code JCTOOLS_SPSC}: JCTools' {@code SpscArrayQueue} of 256.</li>
 *   <li>{@code AGRONA_ONE_TO_ONE}: Agrona's {@code OneToOneRingBuffer} of 256 8-byte messages.</li>
 * </ul>
 *
 * <pre>
 * ./mvnw -B -ntp -pl benchmarks -am package -DskipTests
 * java -cp benchmarks/target/classes:$(cat benchmarks/target/classpath.txt) org.openjdk.jmh.Main \
 *     'HandoffBenchmark|LiveStackBenchmark' -f 1 -wi 3 -i 5 -foe true
 * </pre>
 */
@State(Scope.Group)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class HandoffBenchmark {
    static final int CAPACITY = 256;

    /** The implementations compared. */
    public enum Impl {
        SPLIT_RING, JCTOOLS_SPSC, AGRONA_ONE_TO_ONE
    }

    /** One producer/consumer pair behind the benchmark's adapter. */
    interface Handoff {
        boolean offer();

        boolean poll();
    }

    @Param
    public Impl impl;

    private Handoff handoff;

    @Setup(Level.Trial)
    public void setUp() {
        handoff = switch (impl) {
            case SPLIT_RING -> new RingHandoff();
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

    static final class RingHandoff implements Handoff {
        private final SplitVirtqueue<Integer> vq;
        private final List<GuestBuffer> readable;
        private final Integer token = 1;

        RingHandoff() {
            long base = 4096;
            long footprint = SplitVirtqueue.footprint(CAPACITY, false);
            SparseGuestMemory memory = new SparseGuestMemory(base + footprint + 8192);
            vq = new SplitVirtqueue<>(0, memory, base, CAPACITY, false, false);
            readable = List.of(new GuestBuffer(base + footprint + 64, 8));
        }

        @Override
        public boolean offer() {
            while (vq.getUsed().isPresent()) {
                // recycle what the device gave back
            }
            if (!vq.add(readable, List.of(), token)) {
                return false;
            }
            vq.kickPrepare();
            return true;
        }

        @Override
        public boolean poll() {
            VirtqueueElement e = vq.pop();
            if (e == null) {
                return false;
            }
            vq.push(e, 0);
            return true;
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
