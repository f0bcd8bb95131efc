package org.mqvio.blkmq;

import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.LongAdder;
import java.util.ArrayList;
import java.util.List;
import org.mqvio.api.BlockRequest;
import org.mqvio.api.Status;
import org.mqvio.api.cost.Cost;
import org.mqvio.api.runtime.ExecutionContext;
import org.mqvio.api.runtime.Notifier;
import org.mqvio.api.runtime.NotifierKind;
import org.mqvio.api.runtime.NotifierSpec;
import org.mqvio.api.runtime.Platform;

/**
 * Completion steering by IPI ({@code rq_affinity}): a completion that lands on another CPU is queued for
 * the submitting CPU and an IPI runs it there. As Linux's {@code smp_call_function_single_async} does
 * ({@code kernel/smp.c}, {@code generic_exec_single}, 3.14 and later), the completion is added to the target's
 * lock-free call queue and an IPI is sent, the sender paying its send cost, only when that queue was empty: a
 * completion queued behind one whose IPI has not been handled yet costs the sender no IPI, only the move of the
 * queue head's cache line ({@code cacheline_transfer}), and the target's handler completes everything queued. One queue and one notifier per target CPU.
 *
 * <p>Concurrency (live): a sender adds, then sets the target's flag and signals only if it was clear; the
 * handler clears the flag before it drains, so a completion added after the drain's last poll finds the flag
 * clear and signals again: none is left without an IPI.
 */
final class CompletionIpis {
    private record Done(BlockRequest request, Status status) {
    }

    private final Platform platform;
    private final List<Queue<Done>> queued = new ArrayList<>();
    private final List<Notifier> ipis = new ArrayList<>();
    /** Per target: whether an IPI was sent whose handler has not started draining yet. */
    private final List<AtomicBoolean> signalled = new ArrayList<>();
    private final LongAdder sent = new LongAdder();

    CompletionIpis(Platform platform, List<ExecutionContext> cpus, IpiCosts costs, String prefix) {
        this.platform = platform;
        for (ExecutionContext cpu : cpus) {
            // Filled by whichever CPU completes, drained by the target: a lock-free FIFO (live).
            Queue<Done> q = new ConcurrentLinkedQueue<>();
            queued.add(q);
            AtomicBoolean flag = new AtomicBoolean();
            signalled.add(flag);
            NotifierSpec spec = new NotifierSpec(prefix + "-ipi-" + cpu.name(), NotifierKind.IPI, costs.sendNs(),
                    costs.latencyNs(), costs.receiveNs());
            ipis.add(platform.newNotifier(spec, cpu, () -> drain(cpu, q, flag)));
        }
    }

    /**
     * Queues the completion of {@code request} for its submitting CPU and, unless an IPI to that CPU is already
     * on its way, signals that CPU from {@code from}.
     */
    void send(ExecutionContext from, BlockRequest request, Status status) {
        queued.get(request.cpu()).add(new Done(request, status));
        if (signalled.get(request.cpu()).compareAndSet(false, true)) {
            sent.increment();
            ipis.get(request.cpu()).signal(from);
        } else {
            // The add itself: a compare-and-swap on the target's queue head, a line last touched elsewhere.
            from.charge(platform.costs().get(Cost.CACHELINE_TRANSFER));
        }
    }

    /** IPIs sent so far (completions queued behind a pending IPI send none). */
    long sent() {
        return sent.sum();
    }

    private void drain(ExecutionContext cpu, Queue<Done> q, AtomicBoolean flag) {
        flag.set(false);
        Done d;
        while ((d = q.poll()) != null) {
            d.request().complete(cpu, d.status(), platform.nanoTime());
        }
    }
}
