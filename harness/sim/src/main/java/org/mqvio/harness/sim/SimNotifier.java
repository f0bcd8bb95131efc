package org.mqvio.harness.sim;

import java.util.Objects;
import org.mqvio.api.runtime.ExecutionContext;
import org.mqvio.api.runtime.Notifier;
import org.mqvio.api.runtime.NotifierKind;
import org.mqvio.api.runtime.NotifierSpec;
import org.mqvio.api.stats.Statistics;

/**
 * A simulated notifier. A signal charges the sender, then after the latency queues the handler on the
 * target (interrupt priority for interrupt kinds) with the target cost; the target wakes if it sleeps and
 * sees it at once if it polls. From the signal until the handler starts, the notifier is pending and
 * further signals coalesce.
 */
public final class SimNotifier implements Notifier {
    private final SimPlatform platform;
    private final NotifierSpec spec;
    private final SimContext target;
    private final Runnable handler;
    private final Runnable deliver = this::deliver;
    private final Runnable handle = this::handle;
    private boolean pending;
    private long signals;
    private long coalesced;
    private long deliveries;

    SimNotifier(SimPlatform platform, NotifierSpec spec, SimContext target, Runnable handler) {
        this.platform = platform;
        this.spec = Objects.requireNonNull(spec, "spec");
        this.target = target;
        this.handler = Objects.requireNonNull(handler, "handler");
    }

    @Override
    public void signal(ExecutionContext sender) {
        signals++;
        if (sender != null) {
            platform.context(sender).charge(spec.senderCostNs());
        }
        if (pending) {
            coalesced++;
            return;
        }
        pending = true;
        platform.kernel().schedule(spec.latencyNs(), deliver);
    }

    private void deliver() {
        if (spec.kind().isInterrupt()) {
            target.postInterrupt(spec.targetCostNs(), handle);
        } else {
            target.post(spec.targetCostNs(), handle);
        }
    }

    private void handle() {
        pending = false;
        deliveries++;
        handler.run();
    }

    @Override
    public String name() {
        return spec.name();
    }

    @Override
    public NotifierKind kind() {
        return spec.kind();
    }

    @Override
    public Statistics statistics() {
        return Statistics.builder(COUNTERS)
                .put(SIGNALS, signals)
                .put(COALESCED, coalesced)
                .put(DELIVERIES, deliveries)
                .build();
    }
}
