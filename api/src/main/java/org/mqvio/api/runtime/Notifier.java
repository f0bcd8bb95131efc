package org.mqvio.api.runtime;

import org.mqvio.api.stats.Counter;
import org.mqvio.api.stats.CounterSet;
import org.mqvio.api.stats.Statistics;
import org.mqvio.api.stats.Unit;

/**
 * A one-way signal to a target context that runs a handler there (an ioeventfd kick, an irqfd interrupt,
 * an IPI, an eventfd, an MSI-X vector).
 *
 * <p>A signal charges the sender its cost, reaches the target after the latency and queues the handler
 * (at interrupt priority for interrupt kinds), waking the target if it sleeps; a polling target sees it
 * without a wake-up. A signal sent while an earlier one is still pending (delivered or in flight, handler
 * not yet started) coalesces with it: the handler runs once for both, as an eventfd's counter does.
 */
public interface Notifier {
    /** Signals sent. */
    Counter SIGNALS = Counter.declare("signals", Unit.EVENTS, "signals sent");
    /** Signals that coalesced with one still pending. */
    Counter COALESCED = Counter.declare("coalesced", Unit.EVENTS, "signals that coalesced with one still pending");
    /** Handler runs. */
    Counter DELIVERIES = Counter.declare("deliveries", Unit.EVENTS, "handler runs");
    /** The counters every notifier reports, in this order. */
    CounterSet COUNTERS = CounterSet.of(SIGNALS, COALESCED, DELIVERIES);


    /**
     * Signals the target. {@code sender} is the context whose running item sends the signal and pays the
     * sender cost, or null from a timer (device time).
     */
    void signal(ExecutionContext sender);

    /** The notifier's name. */
    String name();

    /** The kind of signal, as given in its {@link NotifierSpec}. */
    NotifierKind kind();

    /** Statistics since creation: {@link #COUNTERS}. */
    Statistics statistics();
}
