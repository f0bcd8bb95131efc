package org.mqvio.api.runtime;

import java.util.SplittableRandom;
import java.util.random.RandomGenerator;
import org.mqvio.api.cost.CostTable;

/**
 * The runtime contract: everything component code needs from the machine it runs on. Component code is
 * written once against this interface and runs unchanged on the deterministic simulation (virtual
 * nanoseconds, costs charged, one Java thread) and on the live runtime (platform threads, real locks,
 * costs not charged).
 *
 * <p>Work is expressed as work items run by {@link ExecutionContext}s; waiting is expressed by passing a
 * continuation ({@link PlatformLock#acquire}); cross-context signals go through {@link Notifier}s, which
 * carry their costs and coalesce; devices use timers ({@link #schedule}, {@link #after}, {@link #newTimer}). Component code never blocks a
 * Java thread and never reads the wall clock.
 *
 * <p>Failure: an exception thrown by a work item, a notifier handler or a timer action fails the run. The
 * context (or timer) that threw runs nothing more, and the runtime reports that very exception as the run's
 * failure.
 */
public interface Platform {

    /** The current time in nanoseconds: virtual time in simulation, {@code System.nanoTime()} live. */
    long nanoTime();

    /** Whether time is simulated (costs are charged) rather than measured. */
    boolean isSimulated();

    /** The cost table in force for this run. Never null. */
    CostTable costs();

    /** Creates an execution context: a vCPU thread, an IoThread or an interrupt handler. */
    ExecutionContext newContext(ContextSpec spec);

    /** Creates a lock of the given kind; {@code name} appears in statistics. */
    PlatformLock newLock(String name, LockKind kind);

    /**
     * Creates a notifier that runs {@code handler} on {@code target} when signalled. Signals that arrive
     * while one is pending coalesce into one run of the handler.
     */
    Notifier newNotifier(NotifierSpec spec, ExecutionContext target, Runnable handler);

    /**
     * Runs {@code action} once, {@code delayNs} from now, outside every execution context ("device time":
     * it costs no CPU). Device models use timers to complete commands; an action may signal notifiers and
     * schedule further timers but must not run work items of a context directly. A timer never fires before
     * its deadline, and timers fire in the order of their deadlines.
     *
     * @param delayNs delay, {@code >= 0}
     * @return a handle that cancels the timer if it has not fired yet
     */
    TimerHandle schedule(long delayNs, Runnable action);

    /**
     * Runs {@code action} once, {@code delayNs} from now, exactly as {@link #schedule} does (same order among timers,
     * same checks), but without a handle, so it cannot be cancelled: for an action that always runs, such as a
     * device's service time or the end of a transfer. A runtime needs no object of its own for it, so an owner that
     * schedules the same action object again and again (a named continuation made once) allocates nothing per call;
     * the simulation does so. The default schedules the action and drops the handle.
     *
     * @param delayNs delay, {@code >= 0}
     */
    default void after(long delayNs, Runnable action) {
        schedule(delayNs, action);
    }

    /**
     * Makes a {@link Timer} that runs {@code action} each time it fires: for an owner that arms, moves or cancels a
     * timer again and again (a command timeout, an interrupt's aggregation time), so that it needs no object per
     * arming. The default builds it on {@link #schedule}; the simulation's allocates nothing per arming.
     */
    default Timer newTimer(Runnable action) {
        return new ScheduledTimer(this, action);
    }

    /**
     * A random generator for the named stream, seeded from the run's seed and the stream name, so that
     * adding a stream never changes another stream's numbers. Calls with the same name return independent
     * generators with the same sequence; keep the one you get.
     */
    RandomGenerator random(String stream);

    /**
     * The generator {@link #random} returns for {@code stream} in a run seeded with {@code runSeed}: a
     * {@link SplittableRandom} seeded with the run's seed XOR the 64-bit FNV-1a hash of the stream name's
     * characters. Every runtime uses it, so that a live run draws the numbers its simulation draws.
     */
    static RandomGenerator randomStream(long runSeed, String stream) {
        long h = 0xCBF29CE484222325L;
        for (int i = 0; i < stream.length(); i++) {
            h = (h ^ stream.charAt(i)) * 0x100000001B3L;
        }
        return new SplittableRandom(runSeed ^ h);
    }
}
