package org.mqvio.harness.blocklayer;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.function.IntFunction;
import org.mqvio.api.BlockRequest;
import org.mqvio.api.DispatchResult;
import org.mqvio.api.Operation;
import org.mqvio.api.Status;
import org.mqvio.api.block.BlockDriver;
import org.mqvio.api.block.BlockLayer;
import org.mqvio.api.runtime.ContextKind;
import org.mqvio.api.runtime.ContextSpec;
import org.mqvio.api.runtime.ExecutionContext;
import org.mqvio.harness.sim.SimPlatform;

/**
 * A driver for block layer tests: hardware queues of a given capacity whose commands complete after a
 * random service time on a chosen context (by default an interrupt context per queue), with a status that
 * depends on the command's first sector, and that answer busy at random. It records every command it takes
 * and every busy answer, and restarts a queue on the next completion after it answered device-busy (as the
 * contract asks of a driver).
 */
final class TestDriver implements BlockDriver {
    /**
     * A command the driver took: on which queue, when, flagged last or not; the command as it was handed over (a
     * {@link BlockRequest#snapshot}: a block layer may reuse the request itself once the driver completed it).
     */
    record Arrival(int queue, long atNs, BlockRequest command, boolean last) {
        long endSector() {
            return command.sector() + command.sectors();
        }
    }

    private final SimPlatform platform;
    private final SplittableRandom random;
    private final int capacity;
    private final int deviceBusyPercent;
    private final int resourceBusyPercent;
    private final long minServiceNs;
    private final long maxServiceNs;
    private final IntFunction<ExecutionContext> completionContext;
    private final java.util.ArrayDeque<DispatchResult> script;
    private final int[] inFlight;
    private final boolean[] owesRestart;
    final int[] maxInFlight;
    final List<Arrival> arrivals = new ArrayList<>();
    final List<List<Arrival>> arrivalsByQueue = new ArrayList<>();
    int maxTotalInFlight;
    long busyAnswers;
    long commits;
    private int totalInFlight;
    private BlockLayer layer;

    private TestDriver(Builder b) {
        this.platform = b.platform;
        this.random = new SplittableRandom(b.seed);
        this.capacity = b.capacity;
        this.deviceBusyPercent = b.deviceBusyPercent;
        this.resourceBusyPercent = b.resourceBusyPercent;
        this.minServiceNs = b.minServiceNs;
        this.maxServiceNs = b.maxServiceNs;
        this.script = new java.util.ArrayDeque<>(b.script);
        this.inFlight = new int[b.queues];
        this.owesRestart = new boolean[b.queues];
        this.maxInFlight = new int[b.queues];
        for (int q = 0; q < b.queues; q++) {
            arrivalsByQueue.add(new ArrayList<>());
        }
        if (b.completionContext != null) {
            this.completionContext = b.completionContext;
        } else {
            List<ExecutionContext> irqs = new ArrayList<>();
            for (int q = 0; q < b.queues; q++) {
                irqs.add(platform.newContext(ContextSpec.of("test-irq" + q, ContextKind.IRQ)));
            }
            this.completionContext = irqs::get;
        }
    }

    static Builder on(SimPlatform platform) {
        return new Builder(platform);
    }

    /** The status the driver gives a command: an error for some sectors, so statuses can be traced. */
    static Status statusOf(BlockRequest command) {
        return command.operation().addressesSectors() && command.sector() / 8 % 7 == 3 ? Status.MEDIUM_ERROR : Status.OK;
    }

    @Override
    public void bind(BlockLayer blockLayer) {
        if (layer != null) {
            throw new IllegalStateException("bound twice");
        }
        layer = blockLayer;
    }

    @Override
    public int hardwareQueues() {
        return inFlight.length;
    }

    @Override
    public int queueDepth(int queue) {
        return capacity;
    }

    @Override
    public long capacitySectors() {
        return 1L << 32;
    }

    @Override
    public DispatchResult queueRequest(ExecutionContext context, int queue, BlockRequest request, boolean last) {
        DispatchResult forced = script.poll();
        if (forced != null && forced != DispatchResult.OK) {
            busyAnswers++;
            owesRestart[queue] |= forced == DispatchResult.DEVICE_BUSY;
            return forced;
        }
        int roll = forced != null ? 50 : random.nextInt(100);
        if (inFlight[queue] >= capacity || (roll < deviceBusyPercent && inFlight[queue] > 0)) {
            owesRestart[queue] = true;
            busyAnswers++;
            return DispatchResult.DEVICE_BUSY;
        }
        if (roll >= 100 - resourceBusyPercent) {
            busyAnswers++;
            return DispatchResult.RESOURCE_BUSY;
        }
        inFlight[queue]++;
        totalInFlight++;
        maxInFlight[queue] = Math.max(maxInFlight[queue], inFlight[queue]);
        maxTotalInFlight = Math.max(maxTotalInFlight, totalInFlight);
        Arrival a = new Arrival(queue, platform.nanoTime(), request.snapshot(), last);
        arrivals.add(a);
        arrivalsByQueue.get(queue).add(a);
        Status status = statusOf(request);
        long service = minServiceNs + (maxServiceNs > minServiceNs ? random.nextLong(maxServiceNs - minServiceNs) : 0);
        ExecutionContext irq = completionContext.apply(queue);
        platform.schedule(service, () -> irq.post(100, () -> {
            inFlight[queue]--;
            totalInFlight--;
            if (request.operation() == Operation.GET_ID) {
                request.setData(new byte[BlockRequest.ID_BYTES]);
            }
            layer.complete(irq, request, status);
            if (owesRestart[queue]) {
                owesRestart[queue] = false;
                layer.restart(irq, queue);
            }
        }));
        return DispatchResult.OK;
    }

    /** Yes: the test driver stores nothing and has no cache, so FUA needs no flush after it. */
    @Override
    public boolean honoursFua() {
        return true;
    }

    @Override
    public void commit(ExecutionContext context, int queue) {
        commits++;
    }

    /** Commands in flight on every queue now. */
    int inFlightNow() {
        return totalInFlight;
    }

    /** Builds a {@link TestDriver}. */
    static final class Builder {
        private final SimPlatform platform;
        private int queues = 1;
        private int capacity = 1024;
        private int deviceBusyPercent;
        private int resourceBusyPercent;
        private long minServiceNs = 1_000;
        private long maxServiceNs = 20_000;
        private long seed = 1;
        private IntFunction<ExecutionContext> completionContext;
        private List<DispatchResult> script = List.of();

        private Builder(SimPlatform platform) {
            this.platform = platform;
        }

        Builder queues(int n) {
            queues = n;
            return this;
        }

        Builder capacity(int n) {
            capacity = n;
            return this;
        }

        Builder busy(int devicePercent, int resourcePercent) {
            deviceBusyPercent = devicePercent;
            resourceBusyPercent = resourcePercent;
            return this;
        }

        Builder service(long minNs, long maxNs) {
            minServiceNs = minNs;
            maxServiceNs = maxNs;
            return this;
        }

        Builder seed(long s) {
            seed = s;
            return this;
        }

        /** Completes commands of queue q on {@code contexts.apply(q)} instead of an interrupt context. */
        Builder completeOn(IntFunction<ExecutionContext> contexts) {
            completionContext = contexts;
            return this;
        }

        /** Answers these first, in order, whatever the queue holds (OK still respects the capacity). */
        Builder script(DispatchResult... answers) {
            script = List.of(answers);
            return this;
        }

        TestDriver build() {
            return new TestDriver(this);
        }
    }
}
