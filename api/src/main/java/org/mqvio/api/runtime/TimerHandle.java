package org.mqvio.api.runtime;

/** A timer scheduled with {@link Platform#schedule}. */
public interface TimerHandle {
    /** Cancels the timer; returns false if it already fired or was cancelled. */
    boolean cancel();
}
