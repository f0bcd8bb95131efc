package org.mqvio.api.runtime;

import java.util.Objects;

/**
 * How to create a {@link Notifier}: its kind and what a signal costs.
 *
 * @param name         unique name for statistics
 * @param kind         the kind of signal
 * @param senderCostNs CPU the sender pays per signal (for example a kick's VM exit)
 * @param latencyNs    time from the signal until the target sees it
 * @param targetCostNs CPU the target pays before the handler runs (for example interrupt injection)
 */
public record NotifierSpec(String name, NotifierKind kind, long senderCostNs, long latencyNs, long targetCostNs) {
    public NotifierSpec {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(kind, "kind");
        if (senderCostNs < 0 || latencyNs < 0 || targetCostNs < 0) {
            throw new IllegalArgumentException("notifier " + name + ": costs must be >= 0 ns, were sender="
                    + senderCostNs + " latency=" + latencyNs + " target=" + targetCostNs);
        }
    }
}
