package org.mqvio.blkmq;

import org.mqvio.api.cost.Cost;
import org.mqvio.api.cost.CostTable;

/**
 * What one completion IPI costs: the sender's CPU, the delivery latency and the target's CPU before the
 * handler runs. In a guest an IPI is a VM exit on the sender and an injection on the target (the cost
 * table's {@code ipi_*}); on the host it is an APIC write and an ordinary interrupt, far cheaper, which the
 * cost table does not name yet, so the host's figures are provider parameters.
 *
 * @param sendNs    sender CPU per IPI
 * @param latencyNs time until the target sees it
 * @param receiveNs target CPU per delivered IPI
 */
record IpiCosts(long sendNs, long latencyNs, long receiveNs) {
    /** Host defaults: APIC ICR write about 0.2 us; delivery about 1 us; interrupt entry and exit about 0.5 us. */
    static final long HOST_SEND_NS = 200;
    static final long HOST_LATENCY_NS = 1_000;
    static final long HOST_RECEIVE_NS = 500;

    /** A guest's IPIs, from the cost table. */
    static IpiCosts guest(CostTable costs) {
        return new IpiCosts(costs.get(Cost.IPI_SEND), costs.get(Cost.IPI_LATENCY), costs.get(Cost.IPI_RECEIVE));
    }
}
