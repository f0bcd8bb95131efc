package org.mqvio.api.runtime;

/**
 * A timer owned by its user and armed again for each use, as Linux embeds an {@code hrtimer} or a {@code timer_list}
 * in the structure that uses it and re-arms it ({@code hrtimer_start}, {@code mod_timer}) instead of allocating a
 * timer per use. Made once with {@link Platform#newTimer}; the simulation allocates nothing per arming once a timer
 * has been armed as often at once as it ever is (see {@link #arm}).
 *
 * <p>Contract: {@link #arm} sets the timer to run its action once, {@code delayNs} from now, in device time, as
 * {@link Platform#schedule} runs an action: an arming takes its place among all timers exactly as a
 * {@code schedule} call made at that moment would, so replacing "schedule, keep the handle, cancel it" with
 * "arm, cancel" changes no order. Arming a timer that is armed moves it: the earlier arming no longer runs the
 * action. {@link #cancel} disarms it. The action may arm its own timer again. A timer is confined to its owner: arm
 * and cancel are called by one thread at a time (under the owner's lock or on its context), though they may race
 * the timer firing. In the simulation an arming that was moved or cancelled never runs its action. On real threads
 * only a {@code cancel} that returned true promises that: an arming whose time came just before a {@code cancel} or a
 * new {@code arm} may already be running its action, or waiting for the owner's lock to run it, so an owner's action
 * must tolerate a late call (check its own state, as the NVMe interrupt vector and timeout watch do).
 */
public interface Timer {

    /**
     * Arms the timer to run its action {@code delayNs} from now, replacing any arming still pending.
     *
     * @param delayNs delay, {@code >= 0}
     * @throws IllegalArgumentException if {@code delayNs} is negative (the timer is left as it was)
     */
    void arm(long delayNs);

    /** Disarms the timer; returns whether it was armed (false if it had fired, or was never armed or cancelled). */
    boolean cancel();

    /** Whether the timer is armed: its action is still to run. */
    boolean isArmed();
}
