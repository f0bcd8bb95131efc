package org.mqvio.virtio.blk.backend;

import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;
import org.mqvio.api.virtio.GuestMemory;
import org.mqvio.virtio.ring.DeviceSideBounds;
import org.mqvio.virtio.ring.SparseGuestMemory;
import org.mqvio.virtio.ring.SplitVirtqueue;
import org.mqvio.virtio.ring.ThreadAllocation;

/**
 * The adversarial suite's measure of every device-side call ({@code pop}, an IoThread's pass) and its counts,
 * shared by the suite's tests and printed once per run: what a call allocated (on the calling thread) and how
 * long it took, against the bounds of {@link DeviceSideBounds}; anything a call throws is an escape. A
 * violation is recorded, not thrown, so a call on a live runtime's thread reports it to the test that checks
 * {@link #violations()} afterwards; the caller decides whether to rethrow.
 */
final class DeviceCalls {
    /**
     * A call that takes longer is a hang. Not a bound on the work (the allocation bounds are that): a loaded
     * 2-core CI machine stalls threads for hundreds of milliseconds, and the largest pass the limits allow reads
     * a million descriptors per queue.
     */
    static final long HANG_NS = TimeUnit.SECONDS.toNanos(5);

    static final AtomicLong RINGS = new AtomicLong();
    static final AtomicLong REQUESTS = new AtomicLong();
    static final AtomicLong BROKEN = new AtomicLong();
    static final AtomicLong POPS = new AtomicLong();
    static final AtomicLong PASSES = new AtomicLong();
    static final AtomicLong ESCAPES = new AtomicLong();
    static final AtomicLong HANGS = new AtomicLong();
    static final AtomicLong MAX_POP_BYTES = new AtomicLong();
    static final AtomicLong MAX_PASS_BYTES = new AtomicLong();
    static final AtomicLong LONGEST_CALL_NS = new AtomicLong();
    static final AtomicLong CORRUPTING_WRITES = new AtomicLong();
    static final AtomicLong NEIGHBOUR_CHAINS = new AtomicLong();
    private static final Queue<String> VIOLATIONS = new ConcurrentLinkedQueue<>();
    /** Corrupted rings the warm-up pops from, and how many bursts of corruption each gets. */
    private static final int WARM_UP_RINGS = 64;
    private static final int WARM_UP_BURSTS = 200;
    private static boolean warm;

    private DeviceCalls() {
    }

    /**
     * Runs the device side's paths once, unmeasured, before anything is measured: the first run of a path in a
     * JVM links its string concatenations and loads the classes its refusal message and log event need, a
     * one-time cost of a few hundred kilobytes (measured: 431,536 bytes for the first pop that refuses a head
     * out of range, 1,248 for the next) that no guest input can make the host pay twice. The warm-up pops
     * rings the live run's corruptor rewrote, in every size and feature set of that run, each queue started
     * afresh, so every refusal of the ring is met.
     */
    static synchronized void warmUp() {
        if (warm) {
            return;
        }
        warm = true;
        for (int ring = 0; ring < WARM_UP_RINGS; ring++) {
            GuestMemory memory = new SparseGuestMemory(2 * RingCorruptor.WINDOW);
            SplitVirtqueue<Void> vq = SplitVirtqueue.attachDevice(0, memory, 0, LiveCorruptionRound.size(ring),
                    LiveCorruptionRound.features(ring));
            RingCorruptor corruptor = new RingCorruptor(memory, List.of(new RingCorruptor.Victim(vq, 0, () -> { })), ring);
            for (int burst = 0; burst < WARM_UP_BURSTS && vq.brokenReason().isEmpty(); burst++) {
                corruptor.burst();
                while (vq.pop().isPresent()) {
                    // a chain more in flight
                }
            }
        }
    }

    /** Runs one {@code pop} (or any call bounded as one), measured. */
    static <T> T pop(String what, Supplier<T> call) {
        POPS.incrementAndGet();
        return measure(what, call, DeviceSideBounds.popBytes(), MAX_POP_BYTES);
    }

    /** Runs one pass of an IoThread serving {@code queues} queues, measured. */
    static void pass(String what, int queues, Runnable call) {
        PASSES.incrementAndGet();
        measure(what, () -> {
            call.run();
            return null;
        }, DeviceSideBounds.passBytes(queues), MAX_PASS_BYTES);
    }

    /** Records a violation found outside a measured call (a broken queue without a reason, a neighbour harmed). */
    static void violation(String what) {
        VIOLATIONS.add(what);
    }

    /** Every violation so far: bounds exceeded, hangs, escapes. */
    static List<String> violations() {
        return List.copyOf(VIOLATIONS);
    }

    private static <T> T measure(String what, Supplier<T> call, long boundBytes, AtomicLong maxBytes) {
        long startNs = System.nanoTime();
        long before = ThreadAllocation.allocatedBytes();
        T result;
        try {
            result = call.get();
        } catch (Throwable t) {
            ESCAPES.incrementAndGet();
            VIOLATIONS.add(what + " threw " + t);
            throw t;
        }
        long bytes = ThreadAllocation.allocatedBytes() - before;
        long ns = System.nanoTime() - startNs;
        maxBytes.accumulateAndGet(bytes, Math::max);
        LONGEST_CALL_NS.accumulateAndGet(ns, Math::max);
        if (bytes > boundBytes) {
            VIOLATIONS.add(what + " allocated " + bytes + " bytes, more than its bound of " + boundBytes);
        }
        if (ns > HANG_NS) {
            HANGS.incrementAndGet();
            VIOLATIONS.add(what + " took " + ns / 1_000_000 + " ms: a hang");
        }
        return result;
    }

    /** The suite's counts, one line. */
    static String report() {
        return String.format("adversarial guests: %d rings and %d requests tried, %d queues broken with a reason,"
                        + " %d escapes, %d hangs (calls over %d s), %d violations; %d pops, %d passes; largest"
                        + " allocation per pop %d bytes (bound %d), per pass %d bytes; longest call %.1f ms;"
                        + " live: %d corrupting writes, %d chains of the neighbour queue back intact",
                RINGS.get(), REQUESTS.get(), BROKEN.get(), ESCAPES.get(), HANGS.get(),
                TimeUnit.NANOSECONDS.toSeconds(HANG_NS), VIOLATIONS.size(), POPS.get(), PASSES.get(),
                MAX_POP_BYTES.get(), DeviceSideBounds.popBytes(), MAX_PASS_BYTES.get(), LONGEST_CALL_NS.get() / 1e6,
                CORRUPTING_WRITES.get(), NEIGHBOUR_CHAINS.get());
    }
}
