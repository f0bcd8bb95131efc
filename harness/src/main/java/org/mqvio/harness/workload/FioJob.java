package org.mqvio.harness.workload;

import java.util.random.RandomGenerator;
import org.mqvio.api.BlockRequest;
import org.mqvio.api.Operation;
import org.mqvio.api.block.BlockLayer;
import org.mqvio.api.cost.Cost;
import org.mqvio.api.runtime.ExecutionContext;
import org.mqvio.api.runtime.Platform;

/**
 * One clone of a fio job on one vCPU: keeps {@code iodepth} I/Os in flight, each submitted after the guest
 * submit cost and, once complete, reaped after the guest completion cost, until issuing stops. Completion
 * callbacks only record and post: the next submission runs as the vCPU's own item, never inside the
 * interrupt handler that completed the request (as fio reaps in task context).
 */
final class FioJob {
    private final int index;
    private final JobSpec spec;
    private final ExecutionContext vcpu;
    private final int cpu;
    private final BlockLayer blockLayer;
    private final Platform platform;
    private final RandomGenerator random;
    private final long spanBlocks;
    private final long stopIssuingAtNs;
    private final Recorder recorder;
    private final Runnable submitOne = this::submitOne;
    private final Runnable reapOne = this::reapOne;
    private long nextSequentialBlock;
    private long nextId;

    FioJob(int index, JobSpec spec, ExecutionContext vcpu, int cpu, BlockLayer blockLayer, Platform platform,
           long stopIssuingAtNs, Recorder recorder) {
        this.index = index;
        this.spec = spec;
        this.vcpu = vcpu;
        this.cpu = cpu;
        this.blockLayer = blockLayer;
        this.platform = platform;
        this.random = platform.random("job" + index);
        long capacityBytes = blockLayer.capacitySectors() * BlockRequest.SECTOR_SIZE;
        long span = spec.sizeBytes() == 0 ? capacityBytes : Math.min(spec.sizeBytes(), capacityBytes);
        this.spanBlocks = span / spec.blockSize();
        if (spanBlocks < 1) {
            throw new IllegalArgumentException("size=" + span + " holds no block of bs=" + spec.blockSize()
                    + "; allowed: a size of at least one block");
        }
        this.stopIssuingAtNs = stopIssuingAtNs;
        this.recorder = recorder;
    }

    void start() {
        long cost = platform.costs().get(Cost.GUEST_SUBMIT);
        for (int i = 0; i < spec.iodepth(); i++) {
            vcpu.post(cost, submitOne);
        }
    }

    private void submitOne() {
        long now = platform.nanoTime();
        if (now >= stopIssuingAtNs) {
            return;
        }
        Operation op = nextOperation();
        long block = spec.rw().random() ? random.nextLong(spanBlocks) : nextSequentialBlock++ % spanBlocks;
        BlockRequest r = BlockRequest.builder(op)
                .id(((long) index << 40) | nextId++)
                .sector(block * (spec.blockSize() / BlockRequest.SECTOR_SIZE))
                .length(spec.blockSize())
                .cpu(cpu)
                .createdNs(now)
                .completion((ctx, done) -> completed(done))
                .build();
        recorder.issued();
        blockLayer.submit(vcpu, r);
    }

    private Operation nextOperation() {
        if (spec.rw().mixed()) {
            return random.nextInt(100) < spec.rwmixread() ? Operation.READ : Operation.WRITE;
        }
        return spec.rw().reads() ? Operation.READ : Operation.WRITE;
    }

    private void completed(BlockRequest r) {
        recorder.completed(r, platform.nanoTime());
        vcpu.post(platform.costs().get(Cost.GUEST_COMPLETE), reapOne);
    }

    private void reapOne() {
        vcpu.andThen(platform.costs().get(Cost.GUEST_SUBMIT), submitOne);
    }
}
