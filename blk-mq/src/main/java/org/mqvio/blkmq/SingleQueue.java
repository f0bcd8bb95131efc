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

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.LongAdder;
import org.mqvio.api.BlockRequest;
import org.mqvio.api.Status;
import org.mqvio.api.block.BlockDriver;
import org.mqvio.api.block.BlockLayer;
import org.mqvio.api.cost.Cost;
import org.mqvio.api.runtime.ContextKind;
import org.mqvio.api.runtime.ExecutionContext;
import org.mqvio.api.runtime.LockKind;
import org.mqvio.api.runtime.Platform;
import org.mqvio.api.runtime.PlatformLock;
import org.mqvio.api.spi.BlockLayerSetup;
import org.mqvio.api.stats.Counter;
import org.mqvio.api.stats.CounterSet;
import org.mqvio.api.stats.Statistics;
import org.mqvio.api.stats.Unit;

/**
 * The legacy single-queue block layer: one request queue, behind one lock, for every CPU.
 *
 * <p>Every submission, every dispatch and every completion takes the queue lock. Calls a context makes
 * within one work item collect in its {@link LockBatch} and are handled in one round of the lock: insert the
 * submitted requests into the elevator (merging where ranges touch), finish the completed ones (their room
 * frees), then dispatch to the driver's hardware queue 0 while there is room and the driver takes them,
 * release. A completed request is completed upward before its context takes the lock to finish it, as
 * {@code blk_end_request} ends its bios before it takes the queue lock. Busy answers keep the request first
 * in line: device-busy waits for a completion or a restart, resource-busy re-runs after 3 ms.
 *
 * <p>The contention model. A round holds the lock for {@code submit_hold} per request inserted,
 * {@code complete_hold} per request finished and {@code dispatch_hold} per request dispatched, plus, when
 * the previous round ran on another CPU, the transfer of the queue's hot cache lines to this CPU
 * ({@link CacheLineBouncing}: {@code hot_lines} times {@code cost.lock_handoff}). The lock's own kind adds
 * its handoff: a ticket lock's grows with the number of spinning waiters (the runtime's model), and spinning
 * waiters burn their CPUs. With one CPU the queue stays in its cache and the layer costs only its hold times;
 * with many, nearly every round starts with the lines on another CPU, each request costs about two rounds of
 * (hold + transfers + handoff) in series, and throughput stops at the inverse of that, however many CPUs
 * submit, while blk-mq, whose CPUs share nothing, keeps scaling. This is the SYSTOR 2013 finding.
 *
 * <p>The ticket lock's per-waiter cost is the runtime's {@code cost.ticket_per_waiter}, which the cost table
 * calibrates for vCPUs (1 us, inflated by preempted and halted waiters); on a host it is about one cache-line
 * transfer. With the default table the host queue therefore collapses faster than on bare metal: 4 KiB random
 * reads on 8 host CPUs ({@code --dataplane=native}) give 324K, 514K, 187K, 75K IOPS for 1, 2, 4, 8 CPUs
 * (blk-mq: 385K to 3.08M); with {@code --set cost.ticket_per_waiter=50} 324K, 514K, 714K, 526K, and without
 * the line transfers ({@code single-queue.hot_lines=0}) the queue still reaches 1.08M at 8 CPUs.
 *
 * <p>Concurrency: the queue, the elevator and the counters other than {@code submitted} are touched only
 * under the queue lock; each context's {@link LockBatch} only by that context.
 *
 * <p>FUA over a driver that does not honour it is emulated as in {@link BlkMq}: the write goes without FUA; when
 * it completes OK, the round that finishes it enters a flush of the layer's own at the tail of the dispatch
 * list, and the write's originals complete with that flush's status when it completes (with the write's own
 * status, and no flush, when the write fails). {@code fua_emulated} counts the post-flushes.
 *
 * <p>A native job's host CPU ({@link ContextKind#HOST}) also pays {@code host_submit} per request, outside
 * the lock, after its round.
 */
final class SingleQueue implements BlockLayer {
    static final Counter QUEUED = Counter.declare("queued", Unit.ITEMS, "requests waiting in the elevator");
    static final Counter LOCK_ROUNDS = Counter.declare("lock_rounds", Unit.EVENTS, "rounds under the queue lock");
    static final Counter LOCK_BOUNCES = Counter.declare("lock_bounces", Unit.EVENTS,
            "rounds whose hot cache lines came from another CPU");
    static final CounterSet COUNTERS = CounterSet.of(SUBMITTED, DISPATCHED, COMPLETED, BEYOND_END, MERGED,
            FUA_EMULATED, BUSY, BUSY_DEVICE, BUSY_RESOURCE, REQUEUED, TAG_WAITS, IN_FLIGHT, TAGS_IN_USE, QUEUED,
            MAX_DEPTH, LOCK_ROUNDS, LOCK_BOUNCES);
    /** Lock hold per request inserted, dispatched and finished, in ns. */
    record Holds(long submitNs, long dispatchNs, long completeNs) {
        Holds {
            if (submitNs < 0 || dispatchNs < 0 || completeNs < 0) {
                throw new IllegalArgumentException("lock hold times must be >= 0 ns, were submit=" + submitNs
                        + " dispatch=" + dispatchNs + " complete=" + completeNs);
            }
        }
    }

    private final Platform platform;
    private final BlockDriver driver;
    private final List<ExecutionContext> cpus;
    private final PlatformLock lock;
    private final HardwareQueue queue;
    private final Holds holds;
    private final CacheLineBouncing lines;
    private final long hostSubmitNs;
    private final Map<ExecutionContext, LockBatch> batches = new ConcurrentHashMap<>();
    /** Set after a round releases the lock, cleared by the timer: atomic. */
    private final AtomicBoolean delayPending = new AtomicBoolean();
    /** Counted outside the lock by every submitting CPU. */
    private final LongAdder submitted = new LongAdder();
    private long completed;
    /** Fails requests that reach past the device's end before they are queued. */
    private final EndOfDevice endOfDevice;
    private long merged;

    SingleQueue(BlockLayerSetup setup, LockKind lockKind, boolean deadline, int depth, Merging merging, Holds holds,
                int hotLines) {
        this.platform = setup.platform();
        this.driver = setup.driver();
        this.endOfDevice = new EndOfDevice(driver, setup.platform());
        this.cpus = setup.cpus();
        this.holds = holds;
        String name = "single-queue-" + setup.role().name().toLowerCase(java.util.Locale.ROOT);
        this.lock = platform.newLock(name, lockKind);
        Scheduler elevator = deadline ? new DeadlineScheduler(DeadlineTunables.LINUX, merging) : new NoopScheduler(merging);
        this.queue = new HardwareQueue(0, new TagPool(depth, 0), elevator, 0, this::finish,
                !driver.honoursFua());
        this.lines = new CacheLineBouncing(hotLines, platform.costs().get(Cost.LOCK_HANDOFF));
        this.hostSubmitNs = platform.costs().get(Cost.HOST_SUBMIT);
        driver.bind(this);
    }

    @Override
    public void submit(ExecutionContext context, BlockRequest request) {
        if (request.cpu() < 0 || request.cpu() >= cpus.size()) {
            throw new IllegalArgumentException("request " + request.id() + " comes from CPU " + request.cpu()
                    + " but this block layer has CPUs 0.." + (cpus.size() - 1));
        }
        request.markSubmitted(platform.nanoTime());
        submitted.increment();
        if (endOfDevice.failed(context, request)) {
            return;
        }
        LockBatch batch = batchOf(context);
        batch.submits.add(request);
        lockRound(context, batch);
    }

    @Override
    public void complete(ExecutionContext context, BlockRequest request, Status status) {
        request.complete(context, status, platform.nanoTime());
    }

    /** The driver completed the request derived from {@code r}: complete what it carried, then finish it. */
    private void finish(ExecutionContext context, LayerRequest r, Status status) {
        r.returnData();
        long now = platform.nanoTime();
        r.postFlushDue = r.needsPostFlush(status);
        if (!r.postFlushDue) {
            LayerRequest done = r.completes();
            for (int i = 0, n = done.size(); i < n; i++) {
                done.original(i).complete(context, status, now);
            }
        }
        LockBatch batch = batchOf(context);
        batch.finished.add(r);
        lockRound(context, batch);
    }

    @Override
    public void restart(ExecutionContext context, int queue) {
        if (queue != 0) {
            throw new IllegalArgumentException("restart of hardware queue " + queue
                    + "; the single-queue layer dispatches to queue 0 only");
        }
        LockBatch batch = batchOf(context);
        batch.runRequested = true;
        lockRound(context, batch);
    }

    @Override
    public long capacitySectors() {
        return driver.capacitySectors();
    }

    private LockBatch batchOf(ExecutionContext context) {
        return batches.computeIfAbsent(context, c -> new LockBatch());
    }

    private void lockRound(ExecutionContext context, LockBatch batch) {
        if (batch.pending) {
            return;
        }
        batch.pending = true;
        lock.acquire(context, () -> locked(context, batch));
    }

    /** The lock is ours: hold it for the round's work, then do the work and release. */
    private void locked(ExecutionContext context, LockBatch batch) {
        int finished = batch.finished.size();
        int room = queue.tags().depth() - queue.tags().inUse() + finished;
        int waiting = queue.waiting() + batch.submits.size();
        for (LayerRequest r : batch.finished) {
            if (r.postFlushDue) {
                waiting++;
            }
        }
        boolean mayDispatch = !queue.stopped() || finished > 0 || batch.runRequested;
        int dispatches = mayDispatch ? Math.max(0, Math.min(room, waiting)) : 0;
        long hold = lines.acquiredBy(context) + batch.submits.size() * holds.submitNs()
                + finished * holds.completeNs() + dispatches * holds.dispatchNs();
        context.andThen(hold, () -> round(context, batch));
    }

    private void round(ExecutionContext context, LockBatch batch) {
        long now = platform.nanoTime();
        int submits = batch.submits.size();
        for (LayerRequest r : batch.finished) {
            queue.completed(r);
            if (r.postFlushDue) {
                queue.insertPostFlush(r, now);
            } else {
                completed += r.completes().size();
                // Done with: its originals completed before this round (finish).
                queue.free(r);
            }
        }
        batch.finished.clear();
        if (batch.runRequested) {
            queue.restart();
            batch.runRequested = false;
        }
        for (BlockRequest bio : batch.submits) {
            if (queue.merge(bio, bio.cpu())) {
                merged++;
            } else {
                queue.insert(queue.newRequest(bio), now);
            }
        }
        batch.submits.clear();
        HardwareQueue.Outcome outcome = queue.run(context, driver, now);
        lock.release(context);
        batch.pending = false;
        if (!batch.isEmpty()) {
            lockRound(context, batch);
        }
        if (submits > 0 && context.kind() == ContextKind.HOST && hostSubmitNs > 0) {
            context.charge(submits * hostSubmitNs);
        }
        if (outcome == HardwareQueue.Outcome.DELAY && delayPending.compareAndSet(false, true)) {
            platform.schedule(BlkMq.RESOURCE_DELAY_NS, this::delayedRun);
        }
    }

    /** After a busy answer with nothing in flight: run the queue again on a CPU of a waiting request. */
    private void delayedRun() {
        delayPending.set(false);
        ExecutionContext cpu = cpus.get(Math.min(queue.runCpu(), cpus.size() - 1));
        cpu.post(0, () -> restart(cpu, 0));
    }

    @Override
    public Statistics statistics() {
        long busy = queue.busyDevice() + queue.busyResource();
        return Statistics.builder(COUNTERS)
                .put(SUBMITTED, submitted.sum())
                .put(DISPATCHED, queue.dispatched())
                .put(COMPLETED, completed + endOfDevice.count())
                .put(BEYOND_END, endOfDevice.count())
                .put(MERGED, merged)
                .put(FUA_EMULATED, queue.postFlushes())
                .put(BUSY, busy)
                .put(BUSY_DEVICE, queue.busyDevice())
                .put(BUSY_RESOURCE, queue.busyResource())
                .put(REQUEUED, busy)
                .put(TAG_WAITS, queue.tagWaits())
                .put(IN_FLIGHT, queue.inFlight())
                .put(TAGS_IN_USE, queue.tags().inUse())
                .put(QUEUED, queue.waiting())
                .put(MAX_DEPTH, queue.maxInFlight())
                .put(LOCK_ROUNDS, lines.acquisitions())
                .put(LOCK_BOUNCES, lines.bounces())
                .build();
    }
}
