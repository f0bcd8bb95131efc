package org.mqvio.harness.device;

import java.util.ArrayDeque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.mqvio.api.BlockRequest;
import org.mqvio.api.DispatchResult;
import org.mqvio.api.Status;
import org.mqvio.api.block.BlockLayer;
import org.mqvio.api.device.StorageDevice;
import org.mqvio.api.runtime.ExecutionContext;
import org.mqvio.api.stats.CounterSet;
import org.mqvio.api.stats.Statistics;
import org.mqvio.harness.sim.SimPlatform;

/**
 * A minimal host block layer for device tests: CPU {@code c} submits to hardware queue
 * {@code c mod queues}; each queue dispatches its requests in order within the device's depth, in batches
 * (the last request of a batch flagged, else a commit), and holds a request the device refuses until a
 * restart (device busy) or a short delay (resource busy). It counts completions per request id, and every
 * request's own {@link BlockRequest#complete} throws on a second completion, so a double completion fails
 * the test inside the run.
 */
final class TestHost implements BlockLayer {
    private static final CounterSet COUNTERS = CounterSet.of(SUBMITTED, DISPATCHED, COMPLETED, BUSY);
    private static final long RESOURCE_RETRY_NS = 10_000;

    private final SimPlatform platform;
    private final StorageDevice device;
    private final List<ExecutionContext> cpus;
    private final Queue[] queues;
    private final Map<Long, Integer> completions = new HashMap<>();
    private long submitted;
    private long completed;

    TestHost(SimPlatform platform, StorageDevice device, List<ExecutionContext> cpus) {
        this.platform = platform;
        this.device = device;
        this.cpus = List.copyOf(cpus);
        this.queues = new Queue[device.hardwareQueues()];
        for (int q = 0; q < queues.length; q++) {
            queues[q] = new Queue(q, device.queueDepth(q));
        }
        device.bind(this);
    }

    /** Submits {@code batch} from {@code context} (CPU {@code request.cpu()}) as one dispatch run. */
    void submitAll(ExecutionContext context, List<BlockRequest> batch) {
        Queue first = null;
        for (BlockRequest r : batch) {
            r.markSubmitted(platform.nanoTime());
            submitted++;
            Queue q = queueOf(r);
            q.waiting.add(r);
            if (first == null) {
                first = q;
            } else if (first != q) {
                throw new IllegalArgumentException("a batch goes to one hardware queue");
            }
        }
        if (first != null) {
            run(context, first);
        }
    }

    @Override
    public void submit(ExecutionContext context, BlockRequest request) {
        submitAll(context, List.of(request));
    }

    @Override
    public void complete(ExecutionContext context, BlockRequest request, Status status) {
        Queue q = queueOf(request);
        q.inFlight--;
        completed++;
        completions.merge(request.id(), 1, Integer::sum);
        request.complete(context, status, platform.nanoTime());
        scheduleRun(q);
    }

    @Override
    public void restart(ExecutionContext context, int queue) {
        queues[queue].stopped = false;
        scheduleRun(queues[queue]);
    }

    @Override
    public long capacitySectors() {
        return device.capacitySectors();
    }

    @Override
    public Statistics statistics() {
        return Statistics.builder(COUNTERS).put(SUBMITTED, submitted).put(DISPATCHED, submitted).put(COMPLETED, completed)
                .put(BUSY, 0).build();
    }

    /** How many times request {@code id} was completed. */
    int completionsOf(long id) {
        return completions.getOrDefault(id, 0);
    }

    long completed() {
        return completed;
    }

    private Queue queueOf(BlockRequest r) {
        return queues[r.cpu() % queues.length];
    }

    private void run(ExecutionContext context, Queue q) {
        boolean open = false;
        while (!q.stopped && !q.waiting.isEmpty() && q.inFlight < q.depth) {
            BlockRequest r = q.waiting.poll();
            q.inFlight++;
            boolean last = q.waiting.isEmpty() || q.inFlight >= q.depth;
            r.markDispatched(platform.nanoTime());
            DispatchResult result = device.queueRequest(context, q.index, r, last);
            if (result == DispatchResult.OK) {
                open = !last;
                continue;
            }
            q.inFlight--;
            q.waiting.addFirst(r);
            if (result == DispatchResult.DEVICE_BUSY) {
                q.stopped = true;
            } else {
                platform.schedule(RESOURCE_RETRY_NS, () -> scheduleRun(q));
            }
            break;
        }
        if (open) {
            device.commit(context, q.index);
        }
    }

    private void scheduleRun(Queue q) {
        if (q.runPending || q.stopped || q.waiting.isEmpty() || q.inFlight >= q.depth) {
            return;
        }
        q.runPending = true;
        ExecutionContext cpu = cpus.get(q.waiting.peek().cpu());
        cpu.post(0, () -> {
            q.runPending = false;
            run(cpu, q);
        });
    }

    private static final class Queue {
        final int index;
        final int depth;
        final ArrayDeque<BlockRequest> waiting = new ArrayDeque<>();
        int inFlight;
        boolean stopped;
        boolean runPending;

        Queue(int index, int depth) {
            this.index = index;
            this.depth = depth;
        }
    }
}
