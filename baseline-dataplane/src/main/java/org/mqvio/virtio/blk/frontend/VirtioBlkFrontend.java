package org.mqvio.virtio.blk.frontend;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import java.util.function.LongSupplier;
import org.mqvio.api.BlockRequest;
import org.mqvio.api.DispatchResult;
import org.mqvio.api.Operation;
import org.mqvio.api.block.BlockDriver;
import org.mqvio.api.block.BlockLayer;
import org.mqvio.api.cost.Cost;
import org.mqvio.api.runtime.ExecutionContext;
import org.mqvio.api.runtime.Notifier;
import org.mqvio.api.runtime.Platform;
import org.mqvio.api.runtime.PlatformLock;
import org.mqvio.api.virtio.GuestBuffer;
import org.mqvio.api.virtio.GuestMemory;
import org.mqvio.api.virtio.UsedBuffer;
import org.mqvio.api.virtio.Virtqueue;
import org.mqvio.virtio.blk.VirtioBlkProtocol;
import org.mqvio.virtio.ring.RingFeatures;
import org.mqvio.virtio.ring.SharedLines;

/**
 * The guest's virtio-blk driver, as Linux's {@code virtio_blk} (3.17 and later): the block layer's hardware
 * queues are the virtqueues; each has a lock taken with interrupts off.
 *
 * <p>Submit: under the queue's lock, add the chain (header, data, status) and, for the last request of a
 * batch, prepare the kick; release; kick outside the lock. A full ring answers
 * {@link DispatchResult#DEVICE_BUSY}; the queue is restarted when completions free descriptors. The answer
 * is given at once from a reservation of descriptors; the chain is added in the continuation that holds the
 * lock, so requests dispatched by one item share one lock round (a batch per CPU).
 *
 * <p>Complete (the queue's interrupt handler, {@code virtblk_done}): under the lock, disable callbacks, take
 * every used buffer and complete its request through the block layer (which may IPI the submitting CPU,
 * still under the lock), re-enable callbacks and repeat if more arrived.
 *
 * <p>Concurrency (live): the ring, the request slots and the handler's kick state are touched only under the
 * queue's lock. The descriptor reservation is taken outside it by every submitting vCPU, so it is an atomic
 * counter, and the queue's stopped flag is volatile: a submitter that finds the ring full sets the flag and
 * then tries the reservation once more, while the handler frees descriptors and then reads the flag, so one
 * of them always sees the other (no queue stays stopped with room free). Batches are per context, in a
 * concurrent map; only their own context touches them.
 *
 * <p>Allocation: none per request once each slot and each context has been seen. A request's ring token and
 * buffers are its slot's, made once ({@link RequestSlots}, as Linux keeps its {@code virtblk_req} per tag), and
 * the steps of each context's rounds of a queue's lock are actions made once per context and queue, whose
 * per-round flags are set in the lock and read before it is released.
 */
public final class VirtioBlkFrontend implements BlockDriver {
    /**
     * The front-end's token for a request on the ring: one per request slot, made once and reused by every request
     * that slot carries ({@link RequestSlots}): the slot's buffers in guest memory (header, data window, status
     * byte) and, while the slot is in use, its block request. Opaque outside this package; the type of the
     * virtqueues given to {@link #addQueue}.
     */
    public static final class Chain {
        final int slot;
        /** The slot's 16-byte request header, the chain's first buffer. */
        final GuestBuffer header;
        /** The slot's status byte, the chain's last buffer. */
        final GuestBuffer status;
        /** Where the slot's data window starts. */
        final long dataAddress;
        /** The data buffer of the last request of this length: remade only when a request's length differs. */
        private GuestBuffer data;
        /** The request the slot carries; null while the slot is free. */
        BlockRequest request;
        /** Ring descriptors the chain takes. */
        int descriptors;

        Chain(int slot, long headerAddress, long dataAddress) {
            this.slot = slot;
            this.header = new GuestBuffer(headerAddress, VirtioBlkProtocol.HEADER_BYTES);
            this.status = new GuestBuffer(headerAddress + VirtioBlkProtocol.HEADER_BYTES, 1);
            this.dataAddress = dataAddress;
        }

        /** The slot's data window as a buffer of {@code length} bytes. */
        GuestBuffer data(int length) {
            if (data == null || data.length() != length) {
                data = new GuestBuffer(dataAddress, length);
            }
            return data;
        }

        /** The free slot now carries {@code r}, in a chain of {@code descriptors} ring descriptors. */
        void take(BlockRequest r, int descriptors) {
            if (request != null) {
                throw new IllegalStateException("request slot " + slot + " handed out while it still carries request "
                        + request.id());
            }
            this.request = r;
            this.descriptors = descriptors;
        }

        /** The slot is free again. */
        void free() {
            if (request == null) {
                throw new IllegalStateException("request slot " + slot + " released while free");
            }
            request = null;
        }

        @Override
        public String toString() {
            return "Chain[request=" + (request == null ? "none" : request.id()) + ", slot=" + slot + ", descriptors="
                    + descriptors + "]";
        }
    }

    private final Platform platform;
    private final GuestMemory memory;
    private final LongSupplier capacitySectors;
    private final List<FrontendQueue> queues = new ArrayList<>();
    private BlockLayer blockLayer;

    /**
     * A front-end with no queues yet.
     *
     * @param platform        the runtime: costs, and the contexts requests are dispatched from
     * @param memory          the guest memory holding the rings and the request slots
     * @param capacitySectors the disk's size, asked when the block layer asks (once the device is connected)
     */
    public VirtioBlkFrontend(Platform platform, GuestMemory memory, LongSupplier capacitySectors) {
        this.platform = platform;
        this.memory = memory;
        this.capacitySectors = capacitySectors;
    }

    /**
     * Adds the next hardware queue: virtqueue {@code vq} (empty, with the negotiated {@code features}), the
     * guest lock that serializes it and the request slots that hold its requests' headers and status bytes.
     * {@code kickInLock} places the kick before the lock's release (Linux before 3.16) instead of after it.
     * Its kick must be set with {@link #setKick} before the first request.
     */
    public void addQueue(Virtqueue<Chain> vq, PlatformLock lock, RequestSlots slots, RingFeatures features,
                         boolean kickInLock) {
        addQueue(vq, lock, slots, features, kickInLock, new SharedLines(platform, vq.size()));
    }

    /**
     * As {@link #addQueue(Virtqueue, PlatformLock, RequestSlots, RingFeatures, boolean)}, with the queue's shared
     * cache lines, which the device side serving it touches too: the lines this driver's adds and completion
     * handler must move from another CPU lengthen its lock's hold.
     */
    public void addQueue(Virtqueue<Chain> vq, PlatformLock lock, RequestSlots slots, RingFeatures features,
                         boolean kickInLock, SharedLines lines) {
        queues.add(new FrontendQueue(queues.size(), vq, lock, slots, features.indirectMaxChain(), kickInLock,
                Objects.requireNonNull(lines, "lines")));
    }

    /**
     * Whether queue {@code q} honours the device's kick suppression (true by default, as every driver does);
     * false kicks at the end of every batch whatever the device asked: an ablation of suppression.
     */
    public void setKickSuppression(int q, boolean honoured) {
        queues.get(q).kickSuppression = honoured;
    }

    /** Connects queue {@code q}'s kick to the device side that serves it. */
    public void setKick(int q, Notifier kick) {
        queues.get(q).kick = kick;
    }

    /**
     * Tells {@code listener} each time queue {@code q} ends a batch without a kick because the device asked
     * for none: how a device that polls instead of waiting for kicks sees new chains.
     */
    public void setKicklessPublishListener(int q, KicklessPublishListener listener) {
        queues.get(q).kicklessPublish = Objects.requireNonNull(listener, "listener");
    }

    @Override
    public void bind(BlockLayer layer) {
        if (blockLayer != null) {
            throw new IllegalStateException("the virtio-blk front-end is already bound to a block layer");
        }
        blockLayer = Objects.requireNonNull(layer, "layer");
    }

    @Override
    public int hardwareQueues() {
        return queues.size();
    }

    @Override
    public int queueDepth(int queue) {
        return queues.get(queue).vq.size();
    }

    @Override
    public long capacitySectors() {
        return capacitySectors.getAsLong();
    }

    @Override
    public DispatchResult queueRequest(ExecutionContext context, int queue, BlockRequest request, boolean last) {
        FrontendQueue fq = queues.get(queue);
        if (request.length() > RequestSlots.MAX_DATA_BYTES) {
            throw new IllegalArgumentException("request " + request.id() + " is " + request.length()
                    + " bytes; the virtio-blk front-end sends at most " + RequestSlots.MAX_DATA_BYTES + " per request");
        }
        int need = fq.descriptorsFor(request);
        if (!fq.reserve(need)) {
            fq.stopped = true;
            // A completion may have freed room since, and read the flag before it was set: look again.
            if (!fq.reserve(need)) {
                return DispatchResult.DEVICE_BUSY;
            }
        }
        if (fq.handler == context) {
            // Dispatched from inside this queue's completion handler (a block layer that runs its queue on
            // completion): the handler holds the lock already, so the chain goes in now and the handler's
            // release prepares the kick.
            addChain(fq, request);
            fq.handlerTransferNs += fq.lines.add(context);
            fq.handlerKick |= last;
            return DispatchResult.OK;
        }
        LockRounds rounds = fq.roundsOf(context);
        rounds.requests.add(request);
        rounds.kick |= last;
        rounds.lockAndFlush();
        return DispatchResult.OK;
    }

    /**
     * No: virtio-blk has a flush command ({@code VIRTIO_BLK_T_FLUSH}) but no FUA bit in its request header, so
     * Linux's virtio_blk declares a volatile write cache without FUA and the block layer emulates FUA writes
     * with a flush after them. A FUA request handed here anyway goes out as a plain write.
     */
    @Override
    public boolean honoursFua() {
        return false;
    }

    @Override
    public void commit(ExecutionContext context, int queue) {
        FrontendQueue fq = queues.get(queue);
        if (fq.handler == context) {
            fq.handlerKick = true;
            return;
        }
        LockRounds rounds = fq.roundsOf(context);
        rounds.kick = true;
        rounds.lockAndFlush();
    }

    /** The interrupt handler of queue {@code q}: the target of its interrupt, run on the vCPU its vector targets. */
    public void interrupt(ExecutionContext context, int q) {
        FrontendQueue fq = queues.get(q);
        fq.lock.acquire(context, fq.roundsOf(context).reapInLock);
    }

    /** In the lock: add the batch's chains, prepare the kick; release after the hold time, then kick. */
    private void flush(LockRounds rounds) {
        FrontendQueue fq = rounds.fq;
        ExecutionContext context = rounds.context;
        List<BlockRequest> requests = rounds.requests;
        int added = requests.size();
        long transferNs = 0;
        for (int i = 0; i < added; i++) {
            addChain(fq, requests.get(i));
            transferNs += fq.lines.add(context);
        }
        requests.clear();
        boolean published = rounds.kick;
        rounds.roundKicks = published && (fq.vq.kickPrepare() || !fq.kickSuppression);
        rounds.roundPublished = published;
        if (published) {
            transferNs += fq.lines.publishAvail(context);
        }
        rounds.kick = false;
        rounds.lockPending = false;
        long hold = platform.costs().get(Cost.VQ_ADD_HOLD) * Math.max(1, added) + transferNs;
        context.andThen(hold, rounds.endFlush);
    }

    /** Kicks if the ring asked for it; otherwise lets a polling device see what was published. */
    private void signalDevice(ExecutionContext context, FrontendQueue fq, boolean kick, boolean published) {
        if (kick) {
            fq.kick.signal(context);
        } else if (published && fq.kicklessPublish != null) {
            fq.kicklessPublish.publishedWithoutKick(context);
        }
    }

    private void addChain(FrontendQueue fq, BlockRequest r) {
        Chain chain = fq.slots.allocate(r, fq.descriptorsFor(r));
        long header = chain.header.address();
        memory.writeU32(header, VirtioBlkProtocol.typeOf(r.operation()));
        memory.writeU32(header + 4, 0);
        memory.writeU64(header + VirtioBlkProtocol.HEADER_SECTOR_OFFSET, r.sector());
        memory.writeU8(chain.status.address(), 0xff);
        List<GuestBuffer> readable = fq.readable;
        List<GuestBuffer> writable = fq.writable;
        readable.clear();
        writable.clear();
        readable.add(chain.header);
        int dataLength = dataBytes(r);
        if (dataLength > 0) {
            GuestBuffer data = chain.data(dataLength);
            if (r.operation() == Operation.READ || r.operation() == Operation.GET_ID) {
                writable.add(data);
            } else {
                if (r.data() != null) {
                    memory.write(data.address(), r.data(), 0, Math.min(r.data().length, dataLength));
                }
                readable.add(data);
            }
        }
        writable.add(chain.status);
        if (!fq.vq.add(readable, writable, chain)) {
            throw new IllegalStateException("virtqueue " + fq.vq.index() + " refused a chain the front-end had reserved room for");
        }
    }

    /** In the lock: {@code virtblk_done}'s loop; release after the per-entry hold time. */
    private void reapUsed(LockRounds rounds) {
        FrontendQueue fq = rounds.fq;
        ExecutionContext context = rounds.context;
        fq.handler = context;
        int reaped = 0;
        long transferNs = 0;
        do {
            fq.vq.disableCallback();
            while (fq.vq.getUsed(fq.used)) {
                Chain c = fq.used.token();
                BlockRequest request = c.request;
                int statusByte = memory.readU8(c.status.address());
                if (request.operation() == Operation.READ && request.data() != null) {
                    memory.read(c.dataAddress, request.data(), 0, request.length());
                }
                int descriptors = c.descriptors;
                // Everything the completion needs of the slot has been read: it may carry another request now.
                fq.slots.release(c);
                fq.reserved.addAndGet(-descriptors);
                reaped++;
                transferNs += fq.lines.takeUsed(context);
                blockLayer.complete(context, request, VirtioBlkProtocol.statusOf(statusByte));
            }
        } while (!fq.vq.enableCallback());
        boolean restart = reaped > 0 && fq.stopped;
        if (restart) {
            fq.stopped = false;
        }
        rounds.roundRestarts = restart;
        long hold = platform.costs().get(Cost.VQ_USED_HOLD) * reaped + transferNs + fq.handlerTransferNs;
        fq.handlerTransferNs = 0;
        context.andThen(hold, rounds.endReap);
    }

    /** After the handler's hold: publish what it added, release, then kick and restart the queue as needed. */
    private void endReap(LockRounds rounds) {
        FrontendQueue fq = rounds.fq;
        ExecutionContext context = rounds.context;
        boolean restart = rounds.roundRestarts;
        fq.handler = null;
        boolean published = fq.handlerKick;
        boolean kick = published && (fq.vq.kickPrepare() || !fq.kickSuppression);
        if (published) {
            context.charge(fq.lines.publishAvail(context));
        }
        fq.handlerKick = false;
        fq.lock.release(context);
        // Chains added from inside the handler need the same notice as any other: a kick, or the kickless
        // publish when a polling device has kicks off (without it they waited for the next kick).
        signalDevice(context, fq, kick, published);
        if (restart) {
            blockLayer.restart(context, fq.index);
        }
    }

    /**
     * Bytes of the chain's data buffer: the payload of reads and writes, the 20-byte id of GET_ID, the range
     * of DISCARD and WRITE_ZEROES as the front-end sends it; 0 for FLUSH (header and status only).
     */
    static int dataBytes(BlockRequest r) {
        return switch (r.operation()) {
            case GET_ID -> BlockRequest.ID_BYTES;
            case FLUSH -> 0;
            default -> r.length();
        };
    }

    /**
     * One context's rounds of one queue's lock: the requests it dispatched that wait for its next round, and the
     * steps of a round as actions made once and reused (a round adds the batch, or runs the completion handler).
     * A step's flags are set in the lock and read by the steps that end the round, which run before the lock is
     * released, so the next round of the same lock cannot overwrite them. Touched only by its own context.
     */
    private final class LockRounds {
        final ExecutionContext context;
        final FrontendQueue fq;
        final List<BlockRequest> requests = new ArrayList<>();
        boolean kick;
        boolean lockPending;
        /** Set by {@link #flush}: whether the round ends with a kick, and whether it published new chains. */
        boolean roundKicks;
        boolean roundPublished;
        /** Set by {@link #reapUsed}: whether the round ends by restarting the stopped queue. */
        boolean roundRestarts;
        final Runnable flushInLock;
        final Runnable endFlush;
        final Runnable release;
        final Runnable reapInLock;
        final Runnable endReap;

        LockRounds(ExecutionContext context, FrontendQueue fq) {
            this.context = context;
            this.fq = fq;
            this.flushInLock = () -> flush(this);
            this.endFlush = this::endFlush;
            this.release = () -> fq.lock.release(context);
            this.reapInLock = () -> reapUsed(this);
            this.endReap = () -> endReap(this);
        }

        /** Asks for a round of the lock to add the batch, unless one is asked for already. */
        void lockAndFlush() {
            if (lockPending) {
                return;
            }
            lockPending = true;
            fq.lock.acquire(context, flushInLock);
        }

        /** After an add round's hold: kick, or let a polling device know, before or after releasing the lock. */
        private void endFlush() {
            boolean kicks = roundKicks;
            boolean published = roundPublished;
            if (fq.kickInLock) {
                signalDevice(context, fq, kicks, published);
                context.andThen(0, release);
            } else {
                fq.lock.release(context);
                signalDevice(context, fq, kicks, published);
            }
        }
    }

    private final class FrontendQueue {
        final int index;
        final Virtqueue<Chain> vq;
        final PlatformLock lock;
        final RequestSlots slots;
        final Map<ExecutionContext, LockRounds> rounds = new ConcurrentHashMap<>();
        private final Function<ExecutionContext, LockRounds> newRounds = c -> new LockRounds(c, this);
        /** The rounds last asked for: one vCPU's in a row, as with a queue per vCPU, skip the map. */
        private LockRounds recentRounds;
        /** The longest chain the ring puts in an indirect table; 0 without indirect descriptors. */
        final int indirectMaxChain;
        final boolean kickInLock;
        /** The queue's cache lines shared with other vCPUs and the IoThread; touched only under the lock. */
        final SharedLines lines;
        /** Whether a kick is sent only when the device asks for one. */
        boolean kickSuppression = true;
        /** Line transfers of chains added from inside the completion handler, paid in its hold. */
        long handlerTransferNs;
        Notifier kick;
        KicklessPublishListener kicklessPublish;
        /** The context running this queue's completion handler, which holds the lock; null otherwise. */
        volatile ExecutionContext handler;
        boolean handlerKick;
        /** The buffers of the chain being added (the ring copies them into descriptors); touched only under the lock. */
        final List<GuestBuffer> readable = new ArrayList<>(2);
        final List<GuestBuffer> writable = new ArrayList<>(2);
        /** Where the completion handler collects used buffers; touched only under the lock. */
        final UsedBuffer<Chain> used = new UsedBuffer<>();
        /** Descriptors promised to dispatched requests, taken outside the lock by every vCPU. */
        final AtomicInteger reserved = new AtomicInteger();
        volatile boolean stopped;

        FrontendQueue(int index, Virtqueue<Chain> vq, PlatformLock lock, RequestSlots slots, int indirectMaxChain,
                      boolean kickInLock, SharedLines lines) {
            this.index = index;
            this.kickInLock = kickInLock;
            this.lines = lines;
            this.vq = vq;
            this.lock = lock;
            this.slots = slots;
            this.indirectMaxChain = indirectMaxChain;
        }

        /** Reserves {@code need} descriptors if they fit beside those already promised. */
        boolean reserve(int need) {
            while (true) {
                int r = reserved.get();
                if (r + need > vq.size()) {
                    return false;
                }
                if (reserved.compareAndSet(r, r + need)) {
                    return true;
                }
            }
        }

        /**
         * {@code context}'s rounds of this queue's lock. Called by every vCPU at once (live): the recent entry is a
         * racy cache of objects whose identity ({@code context}, final) is safely published, so a stale read only
         * costs a map look-up.
         */
        LockRounds roundsOf(ExecutionContext context) {
            LockRounds r = recentRounds;
            if (r == null || r.context != context) {
                r = rounds.get(context);
                if (r == null) {
                    r = rounds.computeIfAbsent(context, newRounds);
                }
                recentRounds = r;
            }
            return r;
        }

        /**
         * Ring descriptors a request takes: one if its chain (header, data if any, status) goes into an indirect
         * table, else one per buffer.
         */
        int descriptorsFor(BlockRequest r) {
            int buffers = dataBytes(r) > 0 ? 3 : 2;
            return buffers <= indirectMaxChain ? 1 : buffers;
        }
    }
}
