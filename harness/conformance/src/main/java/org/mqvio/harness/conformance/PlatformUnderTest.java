package org.mqvio.harness.conformance;

import java.util.Optional;
import java.util.function.BooleanSupplier;
import org.mqvio.api.runtime.Platform;

/**
 * One platform under test and how {@link PlatformContract} runs it: the part each runtime supplies. A case
 * builds contexts, locks, notifiers and timers on {@link #platform()}, posts its first items, calls
 * {@link #run} and then checks what happened; {@link #close()} ends the platform.
 */
public interface PlatformUnderTest extends AutoCloseable {

    /** The platform; nothing runs on it until {@link #run}. */
    Platform platform();

    /**
     * Runs the platform until {@code done} holds and every context is then quiet (idle with nothing queued;
     * timers not yet due may remain), or until the platform fails or a generous budget (virtual or real
     * time) runs out. May be called again to run on.
     *
     * @return whether {@code done} held and the platform did not fail
     */
    boolean run(BooleanSupplier done);

    /**
     * The exception that failed the run: the first one a work item, a notifier handler or a timer action
     * threw, as {@link Platform} specifies; empty while none has.
     */
    Optional<Throwable> failure();

    /**
     * Ends the platform (a live runtime stops and joins its threads).
     *
     * @throws AssertionError if it could not end cleanly (a thread that does not stop)
     */
    @Override
    void close();
}
