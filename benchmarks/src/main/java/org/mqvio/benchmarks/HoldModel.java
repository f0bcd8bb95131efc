package org.mqvio.benchmarks;

/**
 * The classic hold model on one event-list implementation: a fixed number of pending events, each of which,
 * when fired, schedules itself again after the next delay of a shared {@link DelayStream}. Firing one event
 * is therefore one remove-min plus one insert, and the number of pending events never changes.
 */
interface HoldModel {

    /** Fires the earliest pending event (which reschedules itself). */
    void fire();

    /** The model's clock in nanoseconds: the time of the event fired last. */
    double nowNs();

    /** Number of pending events; may walk the event list, so not for the measured path. */
    int pending();
}
