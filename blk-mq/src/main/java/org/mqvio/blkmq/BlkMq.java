package org.mqvio.blkmq;

import static org.mqvio.blkmq.LayerCounters.BEYOND_END;
import static org.mqvio.blkmq.LayerCounters.BUSY_DEVICE;
import static org.mqvio.blkmq.LayerCounters.BUSY_RESOURCE;
import static org.mqvio.blkmq.LayerCounters.IN_FLIGHT;
import static org.mqvio.blkmq.LayerCounters.MAX_DEPTH;
import static org.mqvio.blkmq.LayerCounters.MERGED;
import static org.mqvio.blkmq.LayerCounters.REQUEUED;
import static org.mqvio.blkmq.LayerCounters.TAGS_IN_USE;
import static org.mqvio.blkmq.LayerCounters.TAG_WAITS;

import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.LongAdder;
import org.mqvio.api.BlockRequest;
import org.mqvio.api.Status;
import org.mqvio.api.block.BlockDriver;
import org.mqvio.api.block.BlockLayer;
import org.mqvio.api.cost.Cost;
import org.mqvio.api.runtime.ContextKind;
import org.mqvio.api.runtime.ExecutionContext;
import org.mqvio.api.runtime.Platform;
import org.mqvio.api.spi.BlockLayerSetup;
import org.mqvio.api.stats.Counter;
import org.mqvio.api.stats.CounterSet;
import org.mqvio.api.stats.Statistics;
import org.mqvio.api.stats.Unit;

/**
 * blk-mq, the multi-queue block layer. A submitted request (a bio) goes:
 * <ol>
 *   <li>into its CPU's {@link Plug}, merging with the newest plugged request or with a waiting request of
 *   its hardware queue's scheduler when the ranges touch ({@code nomerges} turns merging off);</li>
 *   <li>when the plug is flushed (in a continuation of the submitting item, or at its limit), into its
 *   {@link HardwareQueue} (chosen by the {@link CpuQueueMap}): the CPU's software staging queue under
 *   {@code none}, or {@link DeadlineScheduler mq-deadline}; the queue then runs at once on the submitting
 *   context;</li>
 *   <li>to the driver with a tag from the queue's {@link TagPool} (per queue, or shared), one batch per run;
 *   busy answers and tag shortage keep it on the queue's dispatch list, first in line.</li>
 * </ol>
 * The driver completes the request it was given; the layer frees the tag and completes every submitted
 * request it carried exactly once, where {@link CompletionRouter rq_affinity} says (by IPI if need be).
 *
 * <p>FUA over a driver that does not honour it ({@link BlockDriver#honoursFua}, virtio-blk for one): a FUA
 * write goes to the driver as a plain write; when it completes OK the layer enters a flush of its own (the
 * post-flush, past the scheduler, on the write's hardware queue) and completes the write's originals with the
 * flush's status when the flush completes; a write that fails completes them with its own status and no
 * flush follows. This is Linux's block/blk-flush.c sequence for a queue with a volatile write cache and no
 * FUA (data, then post-flush), without its merging of concurrent flushes: one post-flush per FUA write.
 * {@code fua_emulated} counts them; {@code dispatched} includes them.
 *
 * <p>Queue runs after a completion, a restart or a delay are deferred to a posted item on a CPU of the queue,
 * never run inside the driver's completion path (which may hold the driver's lock), as Linux defers them to
 * kblockd. A busy answer with nothing to wait for re-runs the queue after {@link #RESOURCE_DELAY_NS}.
 *
 * <p>Costs: the submit path outside the driver is the caller's cost (guest_submit in a guest, iothread_submit
 * for an IoThread); a native job's host CPU ({@link ContextKind#HOST}) pays {@code host_submit} per request,
 * charged when its plug is flushed. blk-mq itself shares no lock between CPUs.
 *
 * <p>Concurrency: every queue's state is in its own object (software queue, hardware queue, tag pool, plug),
 * and each hardware queue serializes itself (its software queues and scheduler with it); a plug belongs to
 * its CPU's context. This class routes between them and keeps its counters in adders; completions upward
 * and posted queue runs happen outside every queue's monitor.
 */
final class BlkMq implements BlockLayer {
    static final Counter PLUG_FLUSHES = Counter.declare("plug_flushes", Unit.EVENTS,
            "plugged batches let into the queues");
    static final Counter HW_QUEUES = Counter.declare("hw_queues", Unit.ITEMS, "hardware dispatch queues");
    static final Counter COMPLETION_IPIS = Counter.declare("completion_ipis", Unit.EVENTS,
            "IPIs sent to complete a request on its submitting CPU (rq_affinity > 0)");
    /**
     * What every instance reports first; then completion IPIs (rq_affinity > 0) and two counters per hardware
     * queue.
     */
    private static final CounterSet COMMON = CounterSet.of(SUBMITTED, DISPATCHED, COMPLETED, BEYOND_END, MERGED,
            FUA_EMULATED, BUSY, BUSY_DEVICE, BUSY_RESOURCE, REQUEUED, TAG_WAITS, PLUG_FLUSHES, IN_FLIGHT, TAGS_IN_USE,
            HW_QUEUES);
    /** Linux's {@code BLK_MQ_RESOURCE_DELAY}: 3 ms. */
    static final long RESOURCE_DELAY_NS = 3_000_000L;

    private final Platform platform;
    private final BlockDriver driver;
    private final List<ExecutionContext> cpus;
    private final BlkMqConfig config;
    private final HardwareQueue[] queues;
    private final Plug[] plugs;
    /** Per CPU: the plug's flush continuation, kept while the same context opens the plug. */
    private final PlugFlush[] plugFlushActions;
    /** Per hardware queue: its posted run, made once (a queue has one run pending at most). */
    private final QueueRun[] queueRuns;
    private final CompletionRouter router;
    private final long hostSubmitNs;
    private final LongAdder submitted = new LongAdder();
    private final LongAdder completed = new LongAdder();
    private final LongAdder merged = new LongAdder();
    private final LongAdder plugFlushes = new LongAdder();
    /** Fails requests that reach past the device's end before they are queued. */
    private final EndOfDevice endOfDevice;
    private final CounterSet counters;
    /** {@code hwq<i>_dispatched} and {@code hwq<i>_max_depth} of each hardware queue. */
    private final Counter[] hwqDispatched;
    private final Counter[] hwqMaxDepth;

    BlkMq(BlockLayerSetup setup, BlkMqConfig config) {
        this.platform = setup.platform();
        this.driver = setup.driver();
        this.endOfDevice = new EndOfDevice(driver, setup.platform());
        this.cpus = setup.cpus();
        this.config = config;
        this.hostSubmitNs = platform.costs().get(Cost.HOST_SUBMIT);
        FifoQueue[] softwareQueues = new FifoQueue[cpus.size()];
        for (int c = 0; c < softwareQueues.length; c++) {
            softwareQueues[c] = new FifoQueue(config.merging());
        }
        TagPool sharedTags = config.shared() ? new TagPool(config.depths()[0], config.reserved()) : null;
        queues = new HardwareQueue[config.queues()];
        for (int q = 0; q < queues.length; q++) {
            List<Integer> mapped = config.map().cpusOf(q);
            Scheduler scheduler = config.deadline() ? new DeadlineScheduler(config.tunables(), config.merging())
                    : new NoneScheduler(softwareQueues, mapped);
            TagPool tags = sharedTags != null ? sharedTags : new TagPool(config.depths()[q], config.reserved());
            int home = mapped.isEmpty() ? q % cpus.size() : mapped.get(0);
            queues[q] = new HardwareQueue(q, tags, scheduler, home, this::finish,
                    !driver.honoursFua());
        }
        if (config.plug()) {
            int limit = queues.length > 1 ? Plug.MAX_REQUESTS_MULTI_QUEUE : Plug.MAX_REQUESTS;
            plugs = new Plug[cpus.size()];
            for (int c = 0; c < plugs.length; c++) {
                plugs[c] = new Plug(limit, queues[config.map().queueOf(c)]);
            }
            plugFlushActions = new PlugFlush[plugs.length];
        } else {
            plugs = null;
            plugFlushActions = null;
        }
        queueRuns = new QueueRun[queues.length];
        for (int q = 0; q < queues.length; q++) {
            queueRuns[q] = new QueueRun(queues[q]);
        }
        CounterSet declared = config.rqAffinity() > 0 ? COMMON.and(COMPLETION_IPIS) : COMMON;
        hwqDispatched = new Counter[queues.length];
        hwqMaxDepth = new Counter[queues.length];
        for (int q = 0; q < queues.length; q++) {
            hwqDispatched[q] = DISPATCHED.in("hwq" + q);
            hwqMaxDepth[q] = MAX_DEPTH.in("hwq" + q);
            declared = declared.and(hwqDispatched[q], hwqMaxDepth[q]);
        }
        counters = declared;
        String name = "blk-mq-" + setup.role().name().toLowerCase(java.util.Locale.ROOT);
        router = new CompletionRouter(platform, cpus, config.rqAffinity(), config.groupSize(), config.ipiCosts(), name);
        driver.bind(this);
    }

    @Override
    public void submit(ExecutionContext context, BlockRequest request) {
        int cpu = request.cpu();
        if (cpu < 0 || cpu >= cpus.size()) {
            throw new IllegalArgumentException("request " + request.id() + " comes from CPU " + cpu
                    + " but this block layer has CPUs 0.." + (cpus.size() - 1));
        }
        request.markSubmitted(platform.nanoTime());
        submitted.increment();
        if (endOfDevice.failed(context, request)) {
            return;
        }
        HardwareQueue hq = queues[config.map().queueOf(cpu)];
        if (plugs == null) {
            boolean wasMerged;
            synchronized (hq) {
                wasMerged = hq.merge(request, cpu);
                if (!wasMerged) {
                    hq.insert(hq.newRequest(request), platform.nanoTime());
                }
            }
            if (wasMerged) {
                merged.increment();
            } else {
                run(context, hq);
            }
            chargeSubmit(context, 1);
            return;
        }
        Plug plug = plugs[cpu];
        if (plug.isOpen() && plug.owner() != context) {
            flush(context, plug);
        }
        boolean opened = plug.count(context);
        if (plug.merge(request, config.merging()) || hq.merge(request, cpu)) {
            merged.increment();
        } else {
            plug.add(hq.newRequest(request));
        }
        if (opened) {
            context.andThen(0, plugFlush(cpu, context));
        }
        if (plug.isFull()) {
            flush(context, plug);
        }
    }

    /** Empties {@code plug} into its hardware queue, runs it once, and charges the submit path. */
    private void flush(ExecutionContext context, Plug plug) {
        if (!plug.isOpen()) {
            return;
        }
        int bios = plug.bios();
        plugFlushes.increment();
        long now = platform.nanoTime();
        // Nothing runs between the inserts, so the plug is read in place and closed after.
        HardwareQueue hq = plug.queue();
        int n = plug.size();
        for (int i = 0; i < n; i++) {
            hq.insert(plug.get(i), now);
        }
        plug.close();
        if (n > 0) {
            run(context, hq);
        }
        chargeSubmit(context, bios);
    }

    private void chargeSubmit(ExecutionContext context, int requests) {
        if (context.kind() == ContextKind.HOST && hostSubmitNs > 0) {
            context.charge(requests * hostSubmitNs);
        }
    }

    @Override
    public void complete(ExecutionContext context, BlockRequest request, Status status) {
        request.complete(context, status, platform.nanoTime());
    }

    /** The driver completed the request derived from {@code r}: free its tag, complete what it carried. */
    private void finish(ExecutionContext context, LayerRequest r, Status status) {
        HardwareQueue hq = queues[r.hwQueue];
        hq.completed(r);
        r.returnData();
        if (r.needsPostFlush(status)) {
            hq.insertPostFlush(r, platform.nanoTime());
        } else {
            LayerRequest done = r.completes();
            int n = done.size();
            completed.add(n);
            for (int i = 0; i < n; i++) {
                router.complete(context, done.original(i), status);
            }
            // Done with: the originals have completed and the driver has given it back.
            hq.free(r);
        }
        if (config.shared()) {
            for (HardwareQueue q : queues) {
                boolean waited;
                synchronized (q) {
                    waited = q.waitingForTag();
                    if (waited) {
                        q.tagFreed();
                    }
                }
                if (waited) {
                    scheduleRun(q);
                }
            }
        } else {
            hq.tagFreed();
        }
        scheduleRun(hq);
    }

    @Override
    public void restart(ExecutionContext context, int queue) {
        if (queue < 0 || queue >= queues.length) {
            throw new IllegalArgumentException("restart of hardware queue " + queue + "; this blk-mq has queues 0.."
                    + (queues.length - 1));
        }
        queues[queue].restart();
        scheduleRun(queues[queue]);
    }

    @Override
    public long capacitySectors() {
        return driver.capacitySectors();
    }

    private void run(ExecutionContext context, HardwareQueue hq) {
        synchronized (hq) {
            if (hq.run(context, driver, platform.nanoTime()) != HardwareQueue.Outcome.DELAY || hq.delayPending) {
                return;
            }
            hq.delayPending = true;
        }
        platform.schedule(RESOURCE_DELAY_NS, () -> {
            synchronized (hq) {
                hq.delayPending = false;
            }
            scheduleRun(hq);
        });
    }

    /** Runs the queue later, on a CPU of its own, unless a run is pending or could do nothing. */
    private void scheduleRun(HardwareQueue hq) {
        ExecutionContext cpu;
        QueueRun action = queueRuns[hq.index()];
        synchronized (hq) {
            if (hq.runPending || !hq.runnable()) {
                return;
            }
            hq.runPending = true;
            cpu = cpus.get(hq.runCpu());
            action.cpu = cpu;
        }
        cpu.post(0, action);
    }

    /** The continuation that flushes the plug of {@code cpu} opened by {@code context}: one kept per plug. */
    private Runnable plugFlush(int cpu, ExecutionContext context) {
        PlugFlush action = plugFlushActions[cpu];
        if (action == null || action.context != context) {
            action = new PlugFlush(context, plugs[cpu]);
            plugFlushActions[cpu] = action;
        }
        return action;
    }

    /**
     * A queue's run, posted to the CPU it runs on: one per queue, since a queue has one run pending at most
     * ({@code runPending}); the CPU is set, under the queue's monitor, when the run is posted.
     */
    private final class QueueRun implements Runnable {
        final HardwareQueue hq;
        /** The CPU of the pending run; guarded by the queue's monitor. */
        ExecutionContext cpu;

        QueueRun(HardwareQueue hq) {
            this.hq = hq;
        }

        @Override
        public void run() {
            ExecutionContext on;
            synchronized (hq) {
                hq.runPending = false;
                on = cpu;
            }
            BlkMq.this.run(on, hq);
        }
    }

    /** A plug's flush at the end of the item of {@code context} that opened it. */
    private final class PlugFlush implements Runnable {
        final ExecutionContext context;
        final Plug plug;

        PlugFlush(ExecutionContext context, Plug plug) {
            this.context = context;
            this.plug = plug;
        }

        @Override
        public void run() {
            flush(context, plug);
        }
    }

    @Override
    public Statistics statistics() {
        long dispatched = 0;
        long busyDevice = 0;
        long busyResource = 0;
        long tagWaits = 0;
        long inFlight = 0;
        long tagsInUse = 0;
        long fuaEmulated = 0;
        Map<TagPool, Boolean> pools = new IdentityHashMap<>();
        for (HardwareQueue q : queues) {
            dispatched += q.dispatched();
            busyDevice += q.busyDevice();
            busyResource += q.busyResource();
            tagWaits += q.tagWaits();
            fuaEmulated += q.postFlushes();
            inFlight += q.inFlight();
            if (pools.put(q.tags(), Boolean.TRUE) == null) {
                tagsInUse += q.tags().inUse();
            }
        }
        Statistics.Builder b = Statistics.builder(counters)
                .put(SUBMITTED, submitted.sum())
                .put(DISPATCHED, dispatched)
                .put(COMPLETED, completed.sum() + endOfDevice.count())
                .put(BEYOND_END, endOfDevice.count())
                .put(MERGED, merged.sum())
                .put(FUA_EMULATED, fuaEmulated)
                .put(BUSY, busyDevice + busyResource)
                .put(BUSY_DEVICE, busyDevice)
                .put(BUSY_RESOURCE, busyResource)
                .put(REQUEUED, busyDevice + busyResource)
                .put(TAG_WAITS, tagWaits)
                .put(PLUG_FLUSHES, plugFlushes.sum())
                .put(IN_FLIGHT, inFlight)
                .put(TAGS_IN_USE, tagsInUse)
                .put(HW_QUEUES, queues.length);
        if (config.rqAffinity() > 0) {
            b.put(COMPLETION_IPIS, router.ipisSent());
        }
        for (HardwareQueue q : queues) {
            b.put(hwqDispatched[q.index()], q.dispatched());
            b.put(hwqMaxDepth[q.index()], q.maxInFlight());
        }
        return b.build();
    }
}
