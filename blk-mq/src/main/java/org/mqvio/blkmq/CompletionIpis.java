package org.mqvio.blkmq;

import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.LongAdder;
import java.util.ArrayList;
import java.util.List;
import org.mqvio.api.BlockRequest;
import org.mqvio.api.Status;
import org.mqvio.api.runtime.ExecutionContext;
import org.mqvio.api.runtime.Notifier;
import org.mqvio.api.runtime.NotifierKind;
import org.mqvio.api.runtime.NotifierSpec;
import org.mqvio.api.runtime.Platform;

/**
 * Completion steering by IPI ({@code rq_affinity}): a completion that lands on another CPU is queued for
 * the submitting CPU and an IPI runs it there. The sender pays the IPI's send cost; IPIs to a CPU that
 * already has one pending coalesce, and its handler completes everything queued. One queue and one notifier
 * per target CPU.
 */
final class CompletionIpis {
    private record Done(BlockRequest request, Status status) {
    }

    private final Platform platform;
    private final List<Queue<Done>> queued = new ArrayList<>();
    private final List<Notifier> ipis = new ArrayList<>();
    private final LongAdder sent = new LongAdder();

    CompletionIpis(Platform platform, List<ExecutionContext> cpus, IpiCosts costs, String prefix) {
        this.platform = platform;
        for (ExecutionContext cpu : cpus) {
            // Filled by whichever CPU completes, drained by the target: a lock-free FIFO (live).
            Queue<Done> q = new ConcurrentLinkedQueue<>();
            queued.add(q);
            NotifierSpec spec = new NotifierSpec(prefix + "-ipi-" + cpu.name(), NotifierKind.IPI, costs.sendNs(),
                    costs.latencyNs(), costs.receiveNs());
            ipis.add(platform.newNotifier(spec, cpu, () -> drain(cpu, q)));
        }
    }

    /** Queues the completion of {@code request} for its submitting CPU and signals that CPU from {@code from}. */
    void send(ExecutionContext from, BlockRequest request, Status status) {
        queued.get(request.cpu()).add(new Done(request, status));
        sent.increment();
        ipis.get(request.cpu()).signal(from);
    }

    long sent() {
        return sent.sum();
    }

    private void drain(ExecutionContext cpu, Queue<Done> q) {
        Done d;
        while ((d = q.poll()) != null) {
            d.request().complete(cpu, d.status(), platform.nanoTime());
        }
    }
}
