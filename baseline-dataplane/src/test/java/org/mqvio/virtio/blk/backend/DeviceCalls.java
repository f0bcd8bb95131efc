package org.mqvio.virtio.blk.backend;

import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;
import org.mqvio.virtio.ring.DeviceSideBounds;
import org.mqvio.virtio.ring.RingRefusals;
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
    static final long HANG_NS = TimeUnit.SECONDS.toNanos(10);

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
    private static boolean warm;

    private DeviceCalls() {
    }

    /**
     * Meets every refusal of the ring once, unmeasured, before anything is measured: the first run of a path in
     * a JVM links its message's string concatenation and loads what its log event needs, a one-time cost of a
     * few hundred kilobytes (measured: 431,536 bytes for the first pop that refuses a head out of range, 1,248
     * for the next) that no guest input can make the host pay twice.
     */
    static synchronized void warmUp() {
        if (!warm) {
            warm = true;
            RingRefusals.meetEach();
        }
    }

    /** Runs one {@code pop}, measured; {@code outcome} says what it did, for a violation's message. */
    static <T> T pop(String what, Supplier<T> call, Supplier<String> outcome) {
        POPS.incrementAndGet();
        return measure(what, call, outcome, DeviceSideBounds.popBytes(), MAX_POP_BYTES);
    }

    /** Runs one pass of an IoThread serving {@code queues} queues, measured. */
    static void pass(String what, int queues, Runnable call) {
        PASSES.incrementAndGet();
        measure(what, () -> {
            call.run();
            return null;
        }, () -> "", DeviceSideBounds.passBytes(queues), MAX_PASS_BYTES);
    }

    /** Records a violation found outside a measured call (a broken queue without a reason, a neighbour harmed). */
    static void violation(String what) {
        VIOLATIONS.add(what);
    }

    /** Every violation so far: bounds exceeded, hangs, escapes. */
    static List<String> violations() {
        return List.copyOf(VIOLATIONS);
    }

    private static <T> T measure(String what, Supplier<T> call, Supplier<String> outcome, long boundBytes,
                                 AtomicLong maxBytes) {
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
            VIOLATIONS.add(what + " allocated " + bytes + " bytes, more than its bound of " + boundBytes + " "
                    + outcome.get());
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
