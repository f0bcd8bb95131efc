package org.mqvio.blkmq;

import java.util.ArrayDeque;
import org.mqvio.api.BlockRequest;
import org.mqvio.api.DispatchResult;
import org.mqvio.api.block.BlockDriver;
import org.mqvio.api.runtime.ExecutionContext;

/**
 * One blk-mq hardware dispatch queue ({@code struct blk_mq_hw_ctx}): its scheduler (the software queues of
 * its CPUs under {@code none}, or mq-deadline), its dispatch list, its tags and its state.
 *
 * <p>A run dispatches, in this order, the dispatch list (requests the driver refused, or that found no tag,
 * which go first next time) and then what the scheduler hands out, while a tag is free and the driver takes
 * them. The driver's answers: {@link DispatchResult#OK}; {@link DispatchResult#DEVICE_BUSY} stops the queue
 * until one of its requests completes or the driver restarts it (when nothing of the queue is in flight
 * there is no completion to wait for, so it is re-run later, as Linux does); {@link DispatchResult#RESOURCE_BUSY}
 * re-runs it later. The refused request goes back to the head of the dispatch list; nothing is dropped. A
 * batch whose last request was not flagged {@code last} ends with {@link BlockDriver#commit}.
 *
 * <p>Concurrency: all state of the queue lives here and every method is synchronized on the queue (live,
 * CPUs submit to and complete on one queue at once; Linux guards the same state with {@code hctx->lock} and
 * the software queues' {@code ctx->lock}, whose cost the model folds into the submit path). The driver is
 * called with the monitor held; a driver never waits inside that call (locks are taken by continuation)
 * and never calls back into the block layer from it, so the monitor is always innermost but for the tag
 * pool's.
 */
final class HardwareQueue {
    /** Why a run stopped. */
    enum Outcome {
        /** Nothing left to dispatch, or waiting for a tag (a completion will run the queue again). */
        IDLE,
        /** The device is busy: wait for a completion or a restart. */
        STOPPED,
        /** A busy answer with nothing to wait for: run again after {@link BlkMq#RESOURCE_DELAY_NS}. */
        DELAY
    }

    private final int index;
    private final TagPool tags;
    private final Scheduler scheduler;
    private final int homeCpu;
    private final LayerRequest.Finisher finisher;
    private final boolean emulateFua;
    private final ArrayDeque<LayerRequest> dispatchList = new ArrayDeque<>();
    private final StaticRequests requests = new StaticRequests();
    private long nextSeq;
    private long shortages;
    private int inFlight;
    private boolean stopped;
    private boolean waitingForTag;
    /** Guarded by this queue's monitor. */
    boolean runPending;
    /** Guarded by this queue's monitor. */
    boolean delayPending;

    private long inserted;
    private long postFlushes;
    private long dispatched;
    private long busyDevice;
    private long busyResource;
    private long tagWaits;
    private int maxInFlight;

    /**
     * @param homeCpu       the CPU that runs the queue when no waiting request names one
     * @param finisher      where the completion of the request derived for the driver goes
     * @param emulateFua    whether the driver does not honour FUA: FUA writes go to it without FUA (the layer
     *                      follows each with a post-flush, {@link #insertPostFlush})
     */
    HardwareQueue(int index, TagPool tags, Scheduler scheduler, int homeCpu,
                  LayerRequest.Finisher finisher, boolean emulateFua) {
        this.index = index;
        this.tags = tags;
        this.scheduler = scheduler;
        this.homeCpu = homeCpu;
        this.finisher = finisher;
        this.emulateFua = emulateFua;
    }

    synchronized int index() {
        return index;
    }

    synchronized TagPool tags() {
        return tags;
    }

    /** Tries to merge a bio from {@code cpu} into a waiting request. */
    synchronized boolean merge(BlockRequest bio, int cpu) {
        return scheduler.merge(bio, cpu);
    }

    /** A request for the bio {@code first}, which starts one, from the queue's {@link StaticRequests}. */
    synchronized LayerRequest newRequest(BlockRequest first) {
        return requests.take(first);
    }

    /**
     * Gives back {@code request}, done with: its originals completed (for a post-flush, those of the write it
     * followed, which is given back too) and nothing refers to it any more.
     */
    synchronized void free(LayerRequest request) {
        requests.give(request);
    }

    /** Enters {@code request} into the queue: it is numbered in arrival order and handed to the scheduler. */
    synchronized void insert(LayerRequest request, long nowNs) {
        request.seq = nextSeq++;
        request.hwQueue = index;
        request.shortagesAtInsert = waitingForTag ? -1 : shortages;
        scheduler.insert(request, nowNs);
        inserted++;
    }

    /**
     * Enters the post-flush of {@code write}, an emulated FUA write that completed OK
     * ({@link LayerRequest#postFlushBio}), submitted at {@code nowNs}: past the scheduler, at the tail of the
     * dispatch list, as Linux's flush machinery inserts its flush request past the elevator.
     */
    synchronized void insertPostFlush(LayerRequest write, long nowNs) {
        LayerRequest flush = requests.take(write.postFlushBio(nowNs));
        flush.follow(write);
        flush.seq = nextSeq++;
        flush.hwQueue = index;
        flush.shortagesAtInsert = waitingForTag ? -1 : shortages;
        dispatchList.addLast(flush);
        postFlushes++;
    }

    /** Post-flushes entered: FUA writes emulated with a flush. */
    synchronized long postFlushes() {
        return postFlushes;
    }

    /** Whether requests wait to be dispatched. */
    synchronized boolean hasWork() {
        return !dispatchList.isEmpty() || !scheduler.isEmpty();
    }

    /** Whether a run now could dispatch something (not stopped, work waiting, no tag wait pending). */
    synchronized boolean runnable() {
        return !stopped && hasWork() && !waitingForTag;
    }

    /** The CPU to run the queue on: that of the request at the head, else the queue's home CPU. */
    synchronized int runCpu() {
        LayerRequest head = dispatchList.peekFirst();
        int cpu = head != null ? head.cpu() : scheduler.someCpu();
        return cpu >= 0 ? cpu : homeCpu;
    }

    /** Dispatches on {@code context} until the queue is empty, out of tags, or the driver refuses. */
    synchronized Outcome run(ExecutionContext context, BlockDriver driver, long nowNs) {
        if (stopped) {
            return Outcome.STOPPED;
        }
        waitingForTag = false;
        boolean open = false;
        Outcome outcome = Outcome.IDLE;
        while (true) {
            LayerRequest r = dispatchList.pollFirst();
            if (r == null) {
                r = scheduler.next(nowNs);
            }
            if (r == null) {
                break;
            }
            int tag = tags.tryGet(r.wantsReservedTag());
            if (tag < 0) {
                dispatchList.addFirst(r);
                shortages++;
                waitingForTag = true;
                break;
            }
            if (r.shortagesAtInsert != shortages && !r.tagWaitCounted) {
                r.tagWaitCounted = true;
                tagWaits++;
            }
            r.tag = tag;
            boolean last = dispatchList.isEmpty() && scheduler.isEmpty();
            BlockRequest request = r.driverRequest(finisher, emulateFua);
            r.markDispatched(nowNs);
            DispatchResult answer = driver.queueRequest(context, index, request, last);
            if (answer == DispatchResult.OK) {
                inFlight++;
                dispatched++;
                maxInFlight = Math.max(maxInFlight, inFlight);
                open = !last;
                continue;
            }
            tags.put(tag);
            r.tag = -1;
            dispatchList.addFirst(r);
            if (answer == DispatchResult.DEVICE_BUSY) {
                busyDevice++;
                stopped = inFlight > 0;
                outcome = stopped ? Outcome.STOPPED : Outcome.DELAY;
            } else {
                busyResource++;
                outcome = Outcome.DELAY;
            }
            break;
        }
        if (open) {
            driver.commit(context, index);
        }
        return outcome;
    }

    /** A request of this queue completed: its tag is free and a device-busy stop ends (SCHED_RESTART). */
    synchronized void completed(LayerRequest request) {
        tags.put(request.tag);
        request.tag = -1;
        inFlight--;
        stopped = false;
    }

    /** The driver has room again. */
    synchronized void restart() {
        stopped = false;
    }

    /** A tag of this queue's pool was freed: a run may dispatch again. */
    synchronized void tagFreed() {
        waitingForTag = false;
    }

    synchronized boolean waitingForTag() {
        return waitingForTag;
    }

    synchronized boolean stopped() {
        return stopped;
    }

    synchronized int inFlight() {
        return inFlight;
    }

    synchronized int waiting() {
        return dispatchList.size() + scheduler.size();
    }

    synchronized long inserted() {
        return inserted;
    }

    synchronized long dispatched() {
        return dispatched;
    }

    synchronized long busyDevice() {
        return busyDevice;
    }

    synchronized long busyResource() {
        return busyResource;
    }

    /** Requests that waited for a tag: the queue ran out of tags while they were in it. */
    synchronized long tagWaits() {
        return tagWaits;
    }

    synchronized int maxInFlight() {
        return maxInFlight;
    }
}
