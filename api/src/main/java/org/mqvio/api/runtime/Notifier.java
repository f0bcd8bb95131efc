package org.mqvio.api.runtime;

import java.util.Map;

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

    /**
     * Signals the target. {@code sender} is the context whose running item sends the signal and pays the
     * sender cost, or null from a timer (device time).
     */
    void signal(ExecutionContext sender);

    /** The notifier's name. */
    String name();

    /** The kind of signal, as given in its {@link NotifierSpec}. */
    NotifierKind kind();

    /** Statistics: {@code signals}, {@code coalesced}, {@code deliveries} (handler runs). */
    Map<String, Long> statistics();
}
