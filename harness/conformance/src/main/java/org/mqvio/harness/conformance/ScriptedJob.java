package org.mqvio.harness.conformance;

import java.util.concurrent.atomic.AtomicInteger;
import org.mqvio.api.BlockRequest;
import org.mqvio.api.Operation;
import org.mqvio.api.block.BlockLayer;
import org.mqvio.api.cost.Cost;
import org.mqvio.api.runtime.ExecutionContext;
import org.mqvio.api.runtime.Platform;

/**
 * Runs one {@link JobScript} on its CPU: submits its I/Os in order, up to {@code iodepth} in flight, each
 * after the guest submit cost; a completion is reaped after the guest completion cost and then lets the next
 * I/O go (as fio does, never inside the interrupt that completed it). Writes carry {@link Payload stamped}
 * data; reads carry a buffer for the stack to fill. Logs every submission and completion.
 */
final class ScriptedJob {
    private final int index;
    private final JobScript script;
    private final ExecutionContext cpu;
    private final BlockLayer layer;
    private final Platform platform;
    private final EventLog log;
    private final long capacitySectors;
    private final Runnable submitNext = this::submitNext;
    private final Runnable reap = this::reap;
    private int next;
    /** Counted by whichever context completes a request (live, any thread). */
    private final AtomicInteger completed = new AtomicInteger();

    ScriptedJob(int index, JobScript script, ExecutionContext cpu, BlockLayer layer, Platform platform, EventLog log,
                long capacitySectors) {
        this.index = index;
        this.script = script;
        this.cpu = cpu;
        this.layer = layer;
        this.platform = platform;
        this.log = log;
        this.capacitySectors = capacitySectors;
    }

    void start() {
        long cost = platform.costs().get(Cost.GUEST_SUBMIT);
        for (int i = 0; i < Math.min(script.iodepth(), script.ops().size()); i++) {
            cpu.post(cost, submitNext);
        }
    }

    /** Whether every I/O of the script has completed. */
    boolean finished() {
        return completed.get() == script.ops().size();
    }

    /** I/Os completed so far. */
    int completed() {
        return completed.get();
    }

    private void submitNext() {
        if (next >= script.ops().size()) {
            return;
        }
        IoOp op = script.ops().get(next);
        long id = RequestIds.of(index, next);
        next++;
        long sector = op.firstSector(capacitySectors);
        long now = platform.nanoTime();
        byte[] data = switch (op.operation()) {
            case WRITE -> Payload.of(id, sector, op.sectors());
            case READ -> new byte[op.lengthBytes()];
            default -> null;
        };
        BlockRequest r = BlockRequest.builder(op.operation()).id(id).sector(sector)
                .length(op.operation() == Operation.FLUSH ? 0 : op.lengthBytes()).fua(op.fua())
                .cpu(script.cpu()).createdNs(now).data(data)
                .completion((ctx, done) -> completed(done)).build();
        log.add(new Event.Submitted(now, id, script.cpu(), op.operation(), sector, r.length(), op.fua()));
        layer.submit(cpu, r);
    }

    private void completed(BlockRequest r) {
        byte[] data = r.operation() == Operation.READ && r.data() != null ? r.data().clone() : null;
        log.add(new Event.Completed(platform.nanoTime(), r.id(), r.status(), data));
        completed.incrementAndGet();
        cpu.post(platform.costs().get(Cost.GUEST_COMPLETE), reap);
    }

    private void reap() {
        cpu.andThen(platform.costs().get(Cost.GUEST_SUBMIT), submitNext);
    }
}
