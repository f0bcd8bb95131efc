package org.mqvio.harness.conformance;

import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import org.mqvio.api.BlockRequest;
import org.mqvio.api.DispatchResult;
import org.mqvio.api.Operation;
import org.mqvio.api.Status;
import org.mqvio.api.block.BlockLayer;
import org.mqvio.api.device.ForwardingStorageDevice;
import org.mqvio.api.device.StorageDevice;
import org.mqvio.api.runtime.ExecutionContext;
import org.mqvio.api.runtime.Platform;

/**
 * The kit's view of the device (through {@link org.mqvio.harness.stack.Stack}'s device decorator): passes every
 * call on, and logs each command the device accepts or refuses and each completion it gives, with the status
 * it gave, after applying the injected {@link Faults}. It also counts commands in flight per queue, so a drain
 * can be checked.
 */
final class DeviceProbe extends ForwardingStorageDevice {
    private final Platform platform;
    private final EventLog log;
    private final Faults faults;
    private final Map<BlockRequest, Long> commands = new IdentityHashMap<>();
    private final Map<BlockRequest, Integer> queues = new IdentityHashMap<>();
    private int[] inFlight = new int[0];
    private long nextCommand;
    /** The command the device is being handed on this thread, to tell a completion made inside the call. */
    private final ThreadLocal<BlockRequest> inQueueRequest = new ThreadLocal<>();

    DeviceProbe(StorageDevice device, Platform platform, EventLog log, Faults faults) {
        super(device);
        this.platform = platform;
        this.log = log;
        this.faults = faults;
    }

    @Override
    public void bind(BlockLayer blockLayer) {
        inFlight = new int[Math.max(0, delegate().hardwareQueues())];
        super.bind(blockLayer);
    }

    @Override
    public DispatchResult queueRequest(ExecutionContext context, int queue, BlockRequest request, boolean last) {
        long command;
        synchronized (this) {
            command = nextCommand++;
            commands.put(request, command);
            queues.put(request, queue);
        }
        // Read before the request goes down: once queued it may complete on another thread, and its owner rebuild it
        // for another I/O, before this call returns (BlockRequest's ownership rule).
        int cpu = request.cpu();
        Operation operation = request.operation();
        long sector = request.sector();
        int length = request.length();
        boolean fua = request.fua();
        long submittedNs = request.submittedNs();
        List<Stamp> payload = operation == Operation.WRITE && request.data() != null ? Payload.read(request.data())
                : null;
        BlockRequest outer = inQueueRequest.get();
        inQueueRequest.set(request);
        DispatchResult answer;
        try {
            answer = super.queueRequest(context, queue, request, last);
        } finally {
            inQueueRequest.set(outer);
        }
        synchronized (this) {
            if (answer != DispatchResult.OK) {
                commands.remove(request);
                queues.remove(request);
                if (nextCommand == command + 1) {
                    nextCommand--;
                }
                log.add(new Event.DeviceRefused(platform.nanoTime(), queue, operation, sector, length, answer));
                return answer;
            }
            if (queue >= 0 && queue < inFlight.length) {
                inFlight[queue]++;
            }
            log.add(new Event.DeviceQueued(platform.nanoTime(), command, queue, cpu, operation, sector, length, fua,
                    submittedNs, payload));
        }
        return answer;
    }

    /** Commands accepted and not completed, per hardware queue. */
    synchronized int[] inFlight() {
        return inFlight.clone();
    }

    /** Logs each completion, with the injected fault applied, and passes it up. */
    @Override
    protected void completed(ExecutionContext context, BlockRequest request, Status status) {
        Status reported;
        synchronized (this) {
            Long command = commands.remove(request);
            Integer queue = queues.remove(request);
            long now = platform.nanoTime();
            if (command == null) {
                log.add(new Event.Anomaly(now, "the device completed " + request.operation() + " "
                        + request.sector() + "+" + request.sectors() + " with " + status
                        + ", a command it never accepted or had completed already"));
                reported = null;
            } else {
                reported = faults.apply(request, status);
                if (queue >= 0 && queue < inFlight.length) {
                    inFlight[queue]--;
                }
                log.add(new Event.DeviceCompleted(now, command, queue, status, reported,
                        inQueueRequest.get() == request));
            }
        }
        super.completed(context, request, reported == null ? status : reported);
    }
}
