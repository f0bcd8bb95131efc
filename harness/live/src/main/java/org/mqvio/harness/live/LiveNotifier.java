package org.mqvio.harness.live;

import java.util.Objects;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.LongAdder;
import org.mqvio.api.runtime.ExecutionContext;
import org.mqvio.api.runtime.Notifier;
import org.mqvio.api.runtime.NotifierKind;
import org.mqvio.api.runtime.NotifierSpec;
import org.mqvio.api.stats.Statistics;

/**
 * A live notifier: a signal queues the handler on the target at once (interrupt priority for interrupt
 * kinds) and unparks the target if it sleeps; costs and latency are not added. Coalescing is the
 * simulation's: from a signal until its handler starts the notifier is pending, and signals in between only
 * count as {@code coalesced}. The pending flag is cleared (volatile) before the handler runs, so a signal
 * that arrives while the handler runs queues one more run and nothing is missed.
 */
public final class LiveNotifier implements Notifier {
    private final NotifierSpec spec;
    private final LiveContext target;
    private final Runnable handler;
    private final Runnable handle = this::handle;
    private final AtomicBoolean pending = new AtomicBoolean();
    private final LongAdder signals = new LongAdder();
    private final LongAdder coalesced = new LongAdder();
    private final LongAdder deliveries = new LongAdder();

    LiveNotifier(NotifierSpec spec, LiveContext target, Runnable handler) {
        this.spec = Objects.requireNonNull(spec, "spec");
        this.target = target;
        this.handler = Objects.requireNonNull(handler, "handler");
    }

    @Override
    public void signal(ExecutionContext sender) {
        signals.increment();
        if (!pending.compareAndSet(false, true)) {
            coalesced.increment();
            return;
        }
        if (spec.kind().isInterrupt()) {
            target.postInterrupt(0, handle);
        } else {
            target.post(0, handle);
        }
    }

    private void handle() {
        pending.set(false);
        deliveries.increment();
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
                .put(SIGNALS, signals.sum())
                .put(COALESCED, coalesced.sum())
                .put(DELIVERIES, deliveries.sum())
                .build();
    }
}
