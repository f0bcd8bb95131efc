package org.mqvio.harness.conformance;

import java.util.List;
import java.util.function.Predicate;
import org.mqvio.harness.stack.StackConfig;

/**
 * The standard {@link Invariant}s, numbered as in docs/architecture.md#invariants: 1a to 4b and 6a, each checked on a
 * run's event log. Invariants 5a and 5b (determinism, one vCPU) compare two runs: see {@link ConformanceCheck}.
 */
public final class Invariants {
    private Invariants() {
    }

    /** Invariant 6a: no component throws, and a bad configuration is an {@link IllegalArgumentException}. */
    public static Invariant nothingThrown() {
        return new NothingThrown();
    }

    /** Invariant 1a: every request completes exactly once; every device command completes exactly once. */
    public static Invariant exactlyOnce() {
        return new ExactlyOnce();
    }

    /**
     * Invariant 1b: a request succeeds only if the device served it successfully, and fails only if the device failed
     * it.
     */
    public static Invariant deviceStatus() {
        return new DeviceStatus();
    }

    /** Invariant 2: after the drain, every descriptor, tag, device slot and lock is free. */
    public static Invariant resourcesFree() {
        return new ResourcesFree();
    }

    /** Invariant 1c: write data reaches the device undamaged, on the right sectors. */
    public static Invariant writePayload() {
        return new WritePayload();
    }

    /**
     * Invariant 4a: a job's writes reach a device queue in submission order, unless {@code reorderingAllowed} says
     * otherwise.
     */
    public static Invariant writeOrder(Predicate<StackConfig> reorderingAllowed) {
        return new WriteOrder(reorderingAllowed);
    }

    /** Invariant 4b: no write overtakes a flush it was submitted after. */
    public static Invariant flushBarrier() {
        return new FlushBarrier();
    }

    /** Invariant 3a: reads return what completed writes put there (memory-backed devices only). */
    public static Invariant readYourWrites() {
        return new ReadYourWrites();
    }

    /**
     * Invariant 3b: completed flushes and FUA writes leave their writes durable at the device (see
     * {@link FlushFuaDurability}).
     */
    public static Invariant flushFuaDurability() {
        return new FlushFuaDurability();
    }

    /**
     * Invariant 3c, across a real power loss: after the device lost power (its own power-loss parameter), every
     * flushed or FUA write reads back; see {@link PowerLossDurability}.
     */
    public static Invariant powerLossDurability() {
        return new PowerLossDurability();
    }

    /**
     * Every invariant checked on every run: nothing thrown, exactly-once completion, the device's status,
     * resources free, write data intact, per-queue order (unless {@code reorderingAllowed}), no write
     * overtaking a flush, and read-your-writes (which applies only to memory-backed devices).
     */
    public static List<Invariant> standard(Predicate<StackConfig> reorderingAllowed) {
        return List.of(nothingThrown(), exactlyOnce(), deviceStatus(), resourcesFree(), writePayload(),
                writeOrder(reorderingAllowed), flushBarrier(), readYourWrites());
    }
}
