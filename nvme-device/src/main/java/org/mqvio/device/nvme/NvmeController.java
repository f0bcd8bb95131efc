package org.mqvio.device.nvme;

import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.mqvio.api.BlockRequest;
import org.mqvio.api.DispatchResult;
import org.mqvio.api.Status;
import org.mqvio.api.block.BlockLayer;
import org.mqvio.api.cost.Cost;
import org.mqvio.api.device.StorageDevice;
import org.mqvio.api.runtime.ContextKind;
import org.mqvio.api.runtime.ContextSpec;
import org.mqvio.api.runtime.ExecutionContext;
import org.mqvio.api.runtime.Notifier;
import org.mqvio.api.runtime.NotifierKind;
import org.mqvio.api.runtime.NotifierSpec;
import org.mqvio.api.runtime.Platform;

/**
 * The NVMe controller: I/O queue pairs, each with a depth and an MSI-X vector whose handler runs on an
 * interrupt context pinned to a host CPU (queue i to CPU i mod host CPUs). A full queue answers
 * {@link DispatchResult#DEVICE_BUSY} and restarts the block layer when an entry frees. Commands addressing
 * sectors past the end complete with {@link Status#TARGET_ERROR}; nothing escapes as an exception.
 */
final class NvmeController implements StorageDevice {
    private static final String SERIAL = "MQVIO-NVME-0001";

    private final Platform platform;
    private final List<IoQueue> queues = new ArrayList<>();
    private final CompletionMode mode;
    private final long serviceNs;
    private final long capacitySectors;
    private BlockLayer blockLayer;
    private long commands;
    private long completions;
    private long errors;

    NvmeController(Platform platform, int hostCpus, int queueCount, int depth, CompletionMode mode, long serviceNs,
                   long capacitySectors) {
        if (queueCount < 1 || queueCount > NvmeProvider.MAX_QUEUES) {
            throw new IllegalArgumentException("nvme.queues=" + queueCount + "; allowed: 1.." + NvmeProvider.MAX_QUEUES);
        }
        this.platform = Objects.requireNonNull(platform, "platform");
        this.mode = mode;
        this.serviceNs = serviceNs >= 0 ? serviceNs : platform.costs().get(Cost.DEVICE_TIMER);
        this.capacitySectors = capacitySectors;
        for (int q = 0; q < queueCount; q++) {
            queues.add(new IoQueue(q, depth, q % hostCpus));
        }
    }

    @Override
    public void bind(BlockLayer layer) {
        if (blockLayer != null) {
            throw new IllegalStateException("the NVMe controller is already bound to a block layer");
        }
        blockLayer = Objects.requireNonNull(layer, "layer");
    }

    @Override
    public int hardwareQueues() {
        return queues.size();
    }

    @Override
    public int queueDepth(int queue) {
        return queue(queue).depth;
    }

    @Override
    public long capacitySectors() {
        return capacitySectors;
    }

    @Override
    public String serial() {
        return SERIAL;
    }

    @Override
    public DispatchResult queueRequest(ExecutionContext context, int queue, BlockRequest request, boolean last) {
        IoQueue q = queue(queue);
        if (q.inFlight >= q.depth) {
            q.full = true;
            return DispatchResult.DEVICE_BUSY;
        }
        q.inFlight++;
        commands++;
        Status status = execute(request);
        if (mode == CompletionMode.NONE) {
            context.andThen(platform.costs().get(Cost.HOST_COMPLETE), () -> finish(context, q, request, status));
        } else {
            platform.schedule(serviceNs, () -> {
                q.completed.add(new Done(request, status));
                q.vector.signal(null);
            });
        }
        return DispatchResult.OK;
    }

    @Override
    public void commit(ExecutionContext context, int queue) {
        queue(queue);
    }

    @Override
    public Map<String, Long> statistics() {
        Map<String, Long> m = new LinkedHashMap<>();
        m.put("commands", commands);
        m.put("completions", completions);
        m.put("errors", errors);
        m.put("queues", (long) queues.size());
        return m;
    }

    private Status execute(BlockRequest r) {
        if (r.operation().addressesSectors() && (r.sector() + r.sectors() > capacitySectors)) {
            return Status.TARGET_ERROR;
        }
        if (r.operation() == org.mqvio.api.Operation.GET_ID) {
            byte[] id = new byte[BlockRequest.ID_BYTES];
            byte[] s = SERIAL.getBytes(StandardCharsets.US_ASCII);
            System.arraycopy(s, 0, id, 0, Math.min(s.length, id.length));
            r.setData(id);
        }
        return Status.OK;
    }

    private void finish(ExecutionContext context, IoQueue q, BlockRequest request, Status status) {
        q.inFlight--;
        completions++;
        if (!status.isOk()) {
            errors++;
        }
        blockLayer.complete(context, request, status);
        if (q.full) {
            q.full = false;
            blockLayer.restart(context, q.index);
        }
    }

    private IoQueue queue(int queue) {
        if (queue < 0 || queue >= queues.size()) {
            throw new IllegalArgumentException("NVMe queue " + queue + " does not exist; queues: 0.." + (queues.size() - 1));
        }
        return queues.get(queue);
    }

    private record Done(BlockRequest request, Status status) {
    }

    /** One I/O queue pair and its interrupt vector. */
    private final class IoQueue {
        final int index;
        final int depth;
        final ArrayDeque<Done> completed = new ArrayDeque<>();
        final ExecutionContext irq;
        final Notifier vector;
        int inFlight;
        boolean full;

        IoQueue(int index, int depth, int cpu) {
            this.index = index;
            this.depth = depth;
            this.irq = platform.newContext(new ContextSpec("nvme-irq" + index, ContextKind.IRQ, cpu, 0));
            this.vector = platform.newNotifier(new NotifierSpec("nvme-msix" + index, NotifierKind.MSI, 0, 0, 0), irq,
                    this::reap);
        }

        private void reap() {
            long cost = platform.costs().get(Cost.HOST_COMPLETE);
            Done d;
            while ((d = completed.poll()) != null) {
                Done done = d;
                irq.andThen(cost, () -> finish(irq, this, done.request(), done.status()));
            }
        }
    }
}
