package org.mqvio.blkmq;

import java.util.ArrayDeque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.mqvio.api.BlockRequest;
import org.mqvio.api.DispatchResult;
import org.mqvio.api.Status;
import org.mqvio.api.block.BlockDriver;
import org.mqvio.api.block.BlockLayer;
import org.mqvio.api.runtime.ExecutionContext;
import org.mqvio.api.runtime.Platform;
import org.mqvio.api.spi.BlockLayerSetup;

/**
 * blk-mq: each submitting CPU maps to one hardware dispatch queue (spread evenly); each hardware queue has
 * a tag depth; requests beyond it wait, in order, and are dispatched when a tag frees. A busy answer puts
 * the request back at the head of its queue: a device-busy queue stops until the driver restarts it, a
 * resource-busy queue runs again after 3 ms ({@code BLK_MQ_RESOURCE_DELAY}). Completions in the guest go
 * back to the submitting CPU by IPI when {@code rq_affinity} is set.
 *
 * <p>Queue runs after a completion or a restart are deferred to a posted item, never run inside the
 * driver's completion path (which may hold the driver's lock), as Linux defers them to kblockd.
 */
final class BlkMq implements BlockLayer {
    private static final long RESOURCE_DELAY_NS = 3_000_000L;

    private final Platform platform;
    private final BlockDriver driver;
    private final List<ExecutionContext> cpus;
    private final HardwareQueue[] queues;
    private final int[] cpuToQueue;
    private final CompletionIpis ipis;
    private long submitted;
    private long dispatched;
    private long completed;
    private long busy;
    private long requeued;
    private long tagWaits;

    BlkMq(BlockLayerSetup setup, int nrHwQueues, int depth, int rqAffinity) {
        this.platform = setup.platform();
        this.driver = setup.driver();
        this.cpus = setup.cpus();
        int offered = driver.hardwareQueues();
        if (nrHwQueues > offered) {
            throw new IllegalArgumentException("blk-mq.nr_hw_queues=" + nrHwQueues + " but the driver offers "
                    + offered + " hardware queues; allowed: 0 (all) to " + offered);
        }
        int n = nrHwQueues == 0 ? offered : nrHwQueues;
        queues = new HardwareQueue[n];
        for (int q = 0; q < n; q++) {
            int driverDepth = driver.queueDepth(q);
            if (depth > driverDepth) {
                throw new IllegalArgumentException("blk-mq.queue_depth=" + depth + " exceeds hardware queue " + q
                        + "'s depth " + driverDepth + "; allowed: 0 (the driver's) to " + driverDepth);
            }
            queues[q] = new HardwareQueue(q, depth == 0 ? driverDepth : depth);
        }
        cpuToQueue = new int[cpus.size()];
        for (int c = 0; c < cpuToQueue.length; c++) {
            cpuToQueue[c] = c % n;
        }
        boolean steer = rqAffinity > 0 && setup.role() == BlockLayerSetup.Role.GUEST;
        ipis = steer ? new CompletionIpis(platform, cpus) : null;
        driver.bind(this);
    }

    @Override
    public void submit(ExecutionContext context, BlockRequest request) {
        checkCpu(request);
        request.markSubmitted(platform.nanoTime());
        submitted++;
        HardwareQueue hq = queues[cpuToQueue[request.cpu()]];
        if (hq.inFlight >= hq.depth) {
            tagWaits++;
        }
        hq.waiting.add(request);
        run(context, hq);
    }

    @Override
    public void complete(ExecutionContext context, BlockRequest request, Status status) {
        HardwareQueue hq = queues[cpuToQueue[request.cpu()]];
        hq.inFlight--;
        completed++;
        if (ipis != null && cpus.get(request.cpu()) != context) {
            ipis.send(context, request, status);
        } else {
            request.complete(context, status, platform.nanoTime());
        }
        scheduleRun(hq);
    }

    @Override
    public void restart(ExecutionContext context, int queue) {
        HardwareQueue hq = queues[queue];
        hq.stopped = false;
        scheduleRun(hq);
    }

    @Override
    public long capacitySectors() {
        return driver.capacitySectors();
    }

    @Override
    public Map<String, Long> statistics() {
        Map<String, Long> m = new LinkedHashMap<>();
        m.put("submitted", submitted);
        m.put("dispatched", dispatched);
        m.put("completed", completed);
        m.put("busy", busy);
        m.put("requeued", requeued);
        m.put("tag_waits", tagWaits);
        m.put("hw_queues", (long) queues.length);
        if (ipis != null) {
            m.put("completion_ipis", ipis.sent());
        }
        return m;
    }

    /** Dispatches the queue's waiting requests while tags are free and the driver takes them. */
    private void run(ExecutionContext context, HardwareQueue hq) {
        boolean open = false;
        while (!hq.stopped && !hq.waiting.isEmpty() && hq.inFlight < hq.depth) {
            BlockRequest r = hq.waiting.poll();
            hq.inFlight++;
            boolean last = hq.waiting.isEmpty() || hq.inFlight >= hq.depth;
            r.markDispatched(platform.nanoTime());
            DispatchResult result = driver.queueRequest(context, hq.index, r, last);
            if (result == DispatchResult.OK) {
                dispatched++;
                open = !last;
                continue;
            }
            hq.inFlight--;
            hq.waiting.addFirst(r);
            busy++;
            requeued++;
            if (result == DispatchResult.DEVICE_BUSY) {
                hq.stopped = true;
            } else {
                platform.schedule(RESOURCE_DELAY_NS, () -> scheduleRun(hq));
            }
            break;
        }
        if (open) {
            driver.commit(context, hq.index);
        }
    }

    /** Runs the queue later, on the CPU of the request at its head, unless a run is already pending. */
    private void scheduleRun(HardwareQueue hq) {
        if (hq.runPending || hq.stopped || hq.waiting.isEmpty() || hq.inFlight >= hq.depth) {
            return;
        }
        hq.runPending = true;
        ExecutionContext cpu = cpus.get(hq.waiting.peek().cpu());
        cpu.post(0, () -> {
            hq.runPending = false;
            run(cpu, hq);
        });
    }

    private void checkCpu(BlockRequest request) {
        if (request.cpu() < 0 || request.cpu() >= cpus.size()) {
            throw new IllegalArgumentException("request " + request.id() + " comes from CPU " + request.cpu()
                    + " but this block layer has CPUs 0.." + (cpus.size() - 1));
        }
    }

    private static final class HardwareQueue {
        final int index;
        final int depth;
        final ArrayDeque<BlockRequest> waiting = new ArrayDeque<>();
        int inFlight;
        boolean stopped;
        boolean runPending;

        HardwareQueue(int index, int depth) {
            this.index = index;
            this.depth = depth;
        }
    }
}
