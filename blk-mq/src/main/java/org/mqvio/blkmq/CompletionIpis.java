package org.mqvio.blkmq;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.atomic.LongAdder;
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
 * <p>Nothing is allocated per completion once every sender has made as many calls as it ever has on their way at
 * once: a call (Linux embeds its {@code call_single_data} in the request) belongs to the context that sent it and
 * goes back to it once the target has taken what it carries. The target's queue is Linux's {@code llist}: senders
 * push, the target takes the whole list and runs it oldest first, and takes again until none is left, so
 * completions run in the order they were queued, those queued while it runs included.
 *
 * <p>Concurrency (live): a sender adds, then sets the target's flag and signals only if it was clear; the
 * handler clears the flag before it drains, so a completion added after the drain's last take finds the flag
 * clear and signals again: none is left without an IPI. A call's fields are written before the push that
 * publishes it and read after the take; a call given back is pushed on its sender's return stack, which only the
 * sender empties (taking it whole), so no stack is ever popped by two threads.
 */
final class CompletionIpis {
    /** One completion on its way to its submitting CPU; made by, and reused for, the context that sends it. */
    private static final class Call {
        final Sender owner;
        Call next;
        BlockRequest request;
        Status status;

        Call(Sender owner) {
            this.owner = owner;
        }
    }

    /** A sending context's calls: free ones (confined to it), and those given back by targets, taken whole. */
    private static final class Sender {
        private Call free;
        private final AtomicReference<Call> returned = new AtomicReference<>();
        private int made;

        Call take() {
            Call c = free;
            if (c == null) {
                c = returned.getAndSet(null);
                if (c == null) {
                    made++;
                    return new Call(this);
                }
            }
            free = c.next;
            c.next = null;
            return c;
        }

        void giveBack(Call c) {
            c.request = null;
            c.status = null;
            push(returned, c);
        }
    }

    private final Platform platform;
    /** Per target CPU: its queued calls, newest first. */
    private final List<AtomicReference<Call>> queued = new ArrayList<>();
    private final List<Notifier> ipis = new ArrayList<>();
    /** Per target: whether an IPI was sent whose handler has not started draining yet. */
    private final List<AtomicBoolean> signalled = new ArrayList<>();
    private final Map<ExecutionContext, Sender> senders = new ConcurrentHashMap<>();
    private final LongAdder sent = new LongAdder();

    CompletionIpis(Platform platform, List<ExecutionContext> cpus, IpiCosts costs, String prefix) {
        this.platform = platform;
        for (ExecutionContext cpu : cpus) {
            // Filled by whichever CPU completes, drained by the target (live: lock-free).
            AtomicReference<Call> q = new AtomicReference<>();
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
        // Read before the push: once queued, the target CPU may complete the request and its owner reuse it.
        int target = request.cpu();
        Call c = sender(from).take();
        c.request = request;
        c.status = status;
        push(queued.get(target), c);
        if (signalled.get(target).compareAndSet(false, true)) {
            sent.increment();
            ipis.get(target).signal(from);
        } else {
            // The add itself: a compare-and-swap on the target's queue head, a line last touched elsewhere.
            from.charge(platform.costs().get(Cost.CACHELINE_TRANSFER));
        }
    }

    /** IPIs sent so far (completions queued behind a pending IPI send none). */
    long sent() {
        return sent.sum();
    }

    /** Calls made so far by every sender together. */
    int callsMade() {
        int n = 0;
        for (Sender s : senders.values()) {
            n += s.made;
        }
        return n;
    }

    private Sender sender(ExecutionContext from) {
        Sender s = senders.get(from);
        return s != null ? s : senders.computeIfAbsent(from, c -> new Sender());
    }

    private void drain(ExecutionContext cpu, AtomicReference<Call> q, AtomicBoolean flag) {
        flag.set(false);
        Call newestFirst;
        while ((newestFirst = q.getAndSet(null)) != null) {
            Call c = reversed(newestFirst);
            while (c != null) {
                Call next = c.next;
                BlockRequest request = c.request;
                Status status = c.status;
                c.owner.giveBack(c);
                request.complete(cpu, status, platform.nanoTime());
                c = next;
            }
        }
    }

    private static Call reversed(Call c) {
        Call oldestFirst = null;
        while (c != null) {
            Call next = c.next;
            c.next = oldestFirst;
            oldestFirst = c;
            c = next;
        }
        return oldestFirst;
    }

    /** Pushes {@code c} on a lock-free stack that is only ever emptied whole. */
    private static void push(AtomicReference<Call> stack, Call c) {
        while (true) {
            Call top = stack.get();
            c.next = top;
            if (stack.compareAndSet(top, c)) {
                return;
            }
        }
    }
}
