package org.mqvio.harness.conformance;

import java.util.ArrayList;
import java.util.List;
import org.mqvio.api.BlockRequest;
import org.mqvio.api.DispatchResult;
import org.mqvio.api.Status;
import org.mqvio.api.block.BlockDriver;
import org.mqvio.api.block.BlockLayer;
import org.mqvio.api.runtime.ContextKind;
import org.mqvio.api.runtime.ContextSpec;
import org.mqvio.api.runtime.ExecutionContext;
import org.mqvio.api.runtime.Platform;

/**
 * The driver under a block layer in the {@link BlockLayerContract}: hardware queues of a depth, whose answers
 * and completions are scripted by the contract's actions. It refuses the next dispatch to a queue when told
 * to (DEVICE_BUSY only while the queue holds something, so a completion will restart it, as the
 * {@link DispatchResult} contract requires), completes any request it holds, in any order, with the status it
 * is told, on its interrupt context, and restarts a queue it refused once a request of that queue completes.
 * It records what it accepted per queue, and every breach of the {@link BlockDriver} contract by the layer
 * above.
 */
final class ScriptedDriver implements BlockDriver {
    /**
     * What the driver accepted: the request as it was handed over (a {@link BlockRequest#snapshot}, since the layer
     * may reuse the request itself once the driver completed it), and when.
     */
    record Accepted(BlockRequest request, long timeNs) {
    }

    static final long CAPACITY_SECTORS = 1L << 20;

    private final Platform platform;
    private final int depth;
    private final ExecutionContext irq;
    private final List<List<BlockRequest>> inFlight = new ArrayList<>();
    /** The snapshots of {@link #inFlight}'s requests, in the same places. */
    private final List<List<BlockRequest>> inFlightAsGiven = new ArrayList<>();
    private final List<List<Accepted>> accepted = new ArrayList<>();
    private final DispatchResult[] nextAnswer;
    private final boolean[] needsRestart;
    private final List<String> breaches = new ArrayList<>();
    private BlockLayer layer;
    private long refused;

    ScriptedDriver(Platform platform, int queues, int depth) {
        this.platform = platform;
        this.depth = depth;
        this.irq = platform.newContext(ContextSpec.of("scripted-irq", ContextKind.IRQ));
        this.nextAnswer = new DispatchResult[queues];
        this.needsRestart = new boolean[queues];
        for (int q = 0; q < queues; q++) {
            inFlight.add(new ArrayList<>());
            inFlightAsGiven.add(new ArrayList<>());
            accepted.add(new ArrayList<>());
        }
    }

    @Override
    public void bind(BlockLayer blockLayer) {
        if (layer != null) {
            breaches.add("bind was called twice");
        }
        layer = blockLayer;
    }

    @Override
    public int hardwareQueues() {
        return inFlight.size();
    }

    @Override
    public int queueDepth(int queue) {
        return depth;
    }

    @Override
    public long capacitySectors() {
        return CAPACITY_SECTORS;
    }

    @Override
    public DispatchResult queueRequest(ExecutionContext context, int queue, BlockRequest request, boolean last) {
        if (layer == null) {
            breaches.add("request " + RequestIds.label(request.id()) + " was dispatched before bind");
        }
        if (queue < 0 || queue >= inFlight.size()) {
            breaches.add("request " + RequestIds.label(request.id()) + " was dispatched to hardware queue " + queue
                    + "; the driver has 0.." + (inFlight.size() - 1));
            return DispatchResult.RESOURCE_BUSY;
        }
        DispatchResult answer = nextAnswer[queue];
        nextAnswer[queue] = null;
        if (answer == DispatchResult.DEVICE_BUSY && !inFlight.get(queue).isEmpty()) {
            needsRestart[queue] = true;
            refused++;
            return answer;
        }
        if (answer == DispatchResult.RESOURCE_BUSY) {
            refused++;
            return answer;
        }
        List<BlockRequest> held = inFlight.get(queue);
        if (held.size() >= depth) {
            breaches.add("request " + RequestIds.label(request.id()) + " was dispatched to hardware queue " + queue
                    + ", which already holds its depth of " + depth);
        }
        for (List<BlockRequest> q : inFlight) {
            if (q.contains(request)) {
                breaches.add("request " + RequestIds.label(request.id()) + " was dispatched again while the driver holds it");
            }
        }
        held.add(request);
        BlockRequest asGiven = request.snapshot();
        inFlightAsGiven.get(queue).add(asGiven);
        accepted.get(queue).add(new Accepted(asGiven, platform.nanoTime()));
        return DispatchResult.OK;
    }

    @Override
    public void commit(ExecutionContext context, int queue) {
        if (queue < 0 || queue >= inFlight.size()) {
            breaches.add("commit for hardware queue " + queue + "; the driver has 0.." + (inFlight.size() - 1));
        }
    }

    /**
     * Yes: the scripted driver stores nothing and has no cache, so a write it completes is as durable as it will
     * ever be, and the layer under test is checked on the requests as they were submitted.
     */
    @Override
    public boolean honoursFua() {
        return true;
    }

    /** The next dispatch to {@code queue} gets {@code answer}. */
    void answerNext(int queue, DispatchResult answer) {
        nextAnswer[queue] = answer;
    }

    /** Requests held by {@code queue}, oldest first, as they were handed over (the snapshots {@link Accepted} has). */
    List<BlockRequest> inFlight(int queue) {
        return java.util.Collections.unmodifiableList(inFlightAsGiven.get(queue));
    }

    /** Completes the {@code index}-th request {@code queue} holds with {@code status}, from the interrupt context. */
    void complete(int queue, int index, Status status) {
        BlockRequest r = inFlight.get(queue).remove(index);
        inFlightAsGiven.get(queue).remove(index);
        irq.post(0, () -> {
            layer.complete(irq, r, status);
            if (needsRestart[queue]) {
                needsRestart[queue] = false;
                layer.restart(irq, queue);
            }
        });
    }

    /** Completes everything held with OK and forgets scripted refusals: for the drain. */
    void completeAll() {
        for (int q = 0; q < inFlight.size(); q++) {
            nextAnswer[q] = null;
            while (!inFlight.get(q).isEmpty()) {
                complete(q, 0, Status.OK);
            }
        }
    }

    /** Whether a command with request id {@code id} was accepted on any queue. */
    boolean wasGiven(long id) {
        for (List<Accepted> q : accepted) {
            for (Accepted a : q) {
                if (a.request().id() == id) {
                    return true;
                }
            }
        }
        return false;
    }

    List<Accepted> accepted(int queue) {
        return accepted.get(queue);
    }

    List<String> breaches() {
        return breaches;
    }

    long refused() {
        return refused;
    }
}
