package org.mqvio.virtio.blk.backend;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.mqvio.api.BlockRequest;
import org.mqvio.api.Operation;
import org.mqvio.api.Status;
import org.mqvio.api.block.BlockLayer;
import org.mqvio.api.cost.Cost;
import org.mqvio.api.runtime.ExecutionContext;
import org.mqvio.api.runtime.Notifier;
import org.mqvio.api.runtime.Platform;
import org.mqvio.api.stats.Counter;
import org.mqvio.api.stats.CounterSet;
import org.mqvio.api.stats.Statistics;
import org.mqvio.api.stats.Unit;
import org.mqvio.api.virtio.DescriptorChain;
import org.mqvio.api.virtio.GuestMemory;
import org.mqvio.api.virtio.IoThread;
import org.mqvio.api.virtio.Virtqueue;
import org.mqvio.virtio.blk.VirtioBlkProtocol;
import org.mqvio.virtio.ring.SharedLines;

/**
 * A data-plane IoThread serving virtio-blk virtqueues, as QEMU's data plane does:
 * <ul>
 *   <li>on a kick (or, while polling, on seeing new chains): for each queue, disable notifications, pop
 *   every available request, enable notifications and check again (a request added in between is not
 *   lost); then submit the pass's requests to the host block layer, merged into runs of adjacent sectors if
 *   configured;</li>
 *   <li>on a host completion (an eventfd): copy read data to the guest, write the status byte, push the
 *   used entry, and interrupt the guest once per queue when the suppression state asks for it;</li>
 *   <li>when out of work: sleep with kicks enabled, or whatever else its {@link IoThreadIdle} does (a design
 *   may poll first with kicks disabled).</li>
 * </ul>
 * Requests the device cannot serve (unknown type: UNSUPP; sectors past the end, more than
 * {@value #MAX_REQUEST_BYTES} bytes of data or more than guest memory holds: IOERR) complete at once without
 * reaching the host, and before any buffer is allocated for their data. The sector field is read only for
 * operations that address sectors; for the others the virtio spec calls it reserved and it is ignored. A
 * malformed chain (no 16-byte header, no status byte, data buffers in the wrong direction) breaks that queue
 * through {@link Virtqueue#breakWith}, as QEMU's {@code virtio_error} does: it is no longer served, its
 * {@link Virtqueue#brokenReason} says why, and the rest of the pass and other queues go on. Nothing thrown
 * while reading a guest's ring or request escapes the loop: it breaks that queue alone.
 *
 * <p>Work per pass is bounded: each queue gives at most {@value #MAX_CHAINS_PER_PASS} chains to a pass (the
 * most QEMU has in flight on one queue: its queue sizes stop at {@code VIRTQUEUE_MAX_SIZE}, 1024); a queue
 * with more left gets another pass at once, after the others had theirs. Memory is bounded too: a chain
 * describes at most 1024 buffers (the ring's limit), a request carries at most {@value #MAX_REQUEST_BYTES}
 * bytes, and the thread holds at most {@link #MAX_BYTES_IN_FLIGHT} bytes of request data for the host.
 */
public final class VirtioBlkIoThread implements IoThread {
    /** Requests submitted to the host block layer after merging (fewer than submitted when merged). */
    public static final Counter HOST_REQUESTS = Counter.declare("host_requests", Unit.EVENTS,
            "requests submitted to the host block layer after merging");
    /**
     * The largest request handed to the host, in bytes: 32 MiB, the NVMe model's largest transfer (65,536 blocks
     * of 512 bytes); larger ones complete with IOERR, as QEMU's {@code virtio_blk_sect_range_ok} refuses a
     * request over its block layer's maximum.
     */
    public static final int MAX_REQUEST_BYTES = 32 << 20;
    /** Most chains one queue gives to one pass (QEMU's {@code VIRTQUEUE_MAX_SIZE}). */
    public static final int MAX_CHAINS_PER_PASS = 1024;
    /**
     * Most bytes of request data a thread has handed to the host and not yet completed: 256 MiB. Reaching it,
     * the thread takes no more chains until completions free some (their pass pops again). The data is
     * copied (host requests carry their own buffers), and a guest's overlapping buffers could otherwise make
     * every chain in flight a {@value #MAX_REQUEST_BYTES}-byte request; a well-formed guest's data lies in its
     * own memory, and even 1024 requests of 128 KiB in flight stay under this.
     */
    public static final long MAX_BYTES_IN_FLIGHT = 256L << 20;
    /** Requests refused as malformed. */
    public static final Counter REJECTED = Counter.declare("rejected", Unit.EVENTS, "requests refused as malformed");
    /** What {@link #statistics} reports, in this order. */
    public static final CounterSet COUNTERS = CounterSet.of(LOOPS, SUBMITTED, HOST_REQUESTS, COMPLETED, NOTIFIES,
            REJECTED).and(IoThreadIdle.COUNTERS);
    private final String name;
    private final ExecutionContext context;
    private final Platform platform;
    private final GuestMemory memory;
    private final String serial;
    private final boolean merge;
    private boolean notifySuppression = true;
    private IoThreadIdle idle;
    private final List<ServedQueue> queues = new ArrayList<>();
    /** Host completions arrive on whatever context completed them (another thread, live): a lock-free FIFO. */
    private final CompletedRequests completed = new CompletedRequests();
    /** The requests this pass popped for the host; swapped with {@link #submitting} as the pass submits them. */
    private List<ParsedRequest> pass = new ArrayList<>();
    private List<ParsedRequest> submitting = new ArrayList<>();
    /** The queues a reap pushed to, in the order it first did. */
    private final List<ServedQueue> touched = new ArrayList<>();
    /** Every queue's chains are popped into this one object; a request copies what it needs of it. */
    private final DescriptorChain chain = new DescriptorChain();
    private Notifier completionEventfd;
    private BlockLayer host;
    private int hostCpu;
    private long nextId;
    private long loops;
    private long submitted;
    private long hostRequests;
    private long completedCount;
    private long notifies;
    private long rejected;
    private long bytesInFlight;

    /**
     * An IoThread that serves no queue yet and sleeps when out of work.
     *
     * @param name     the thread's name (QEMU's {@code iothread} object id)
     * @param context  the execution context it runs on
     * @param platform the runtime: costs, time, timers
     * @param memory   the guest memory its rings and requests live in
     * @param serial   the serial number GET_ID answers (up to 20 ASCII bytes)
     * @param merge    whether a pass merges adjacent same-direction requests (QEMU 2.3+)
     */
    public VirtioBlkIoThread(String name, ExecutionContext context, Platform platform, GuestMemory memory,
                             String serial, boolean merge) {
        this.name = name;
        this.context = context;
        this.platform = platform;
        this.memory = memory;
        this.serial = serial;
        this.merge = merge;
        this.idle = new SleepWhenIdle(context);
    }

    /** Replaces how this thread waits for work (by default it sleeps until woken); before {@link #connect}. */
    public void setIdle(IoThreadIdle idle) {
        if (host != null) {
            throw new IllegalStateException("IoThread " + name + " is connected already: set its idle behaviour before");
        }
        this.idle = Objects.requireNonNull(idle, "idle");
    }

    /**
     * Whether the guest is interrupted only when its suppression state asks (true by default, as QEMU does);
     * false interrupts at every pass that pushed used entries: an ablation of suppression.
     */
    public void setNotifySuppression(boolean honoured) {
        this.notifySuppression = honoured;
    }

    /** Serves {@code vq} too, raising {@code irq} when the guest is to be interrupted for its used chains. */
    public void serve(Virtqueue<?> vq, Notifier irq) {
        serve(vq, irq, new SharedLines(platform, vq.size()));
    }

    /**
     * As {@link #serve(Virtqueue, Notifier)}, with the queue's cache lines shared with the guest driver: popping
     * and pushing pay for the lines that must move here from a vCPU.
     */
    public void serve(Virtqueue<?> vq, Notifier irq, SharedLines lines) {
        queues.add(new ServedQueue(Objects.requireNonNull(vq, "vq"), Objects.requireNonNull(irq, "irq"),
                Objects.requireNonNull(lines, "lines")));
    }

    /** The eventfd host completions signal this thread by; it must run {@link #doWork} here. */
    public void setCompletionEventfd(Notifier eventfd) {
        this.completionEventfd = eventfd;
    }

    /** Connects the thread to the host block layer it submits to, as host CPU {@code hostCpuIndex}, and starts waiting. */
    public void connect(BlockLayer hostLayer, int hostCpuIndex) {
        this.host = Objects.requireNonNull(hostLayer, "hostLayer");
        this.hostCpu = hostCpuIndex;
        idle.start();
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public ExecutionContext context() {
        return context;
    }

    @Override
    public List<? extends Virtqueue<?>> virtqueues() {
        return queues.stream().map(ServedQueue::vq).toList();
    }

    @Override
    public int doWork() {
        loops++;
        idle.leave();
        int work = reapCompletions();
        boolean more = false;
        for (int i = 0; i < queues.size(); i++) {
            int popped = popAll(queues.get(i));
            work += popped;
            more |= popped >= MAX_CHAINS_PER_PASS;
        }
        submitPass();
        reapCompletions();
        if (more) {
            context.post(0, this::doWork);
        }
        idle.enter();
        return work;
    }

    @Override
    public Statistics statistics() {
        Statistics.Builder stats = Statistics.builder(COUNTERS)
                .put(LOOPS, loops)
                .put(SUBMITTED, submitted)
                .put(HOST_REQUESTS, hostRequests)
                .put(COMPLETED, completedCount)
                .put(NOTIFIES, notifies)
                .put(REJECTED, rejected);
        idle.statistics().forEach(stats::put);
        return stats.build();
    }

    /** Why each served queue that stopped did (a malformed ring or request), one line each. */
    public List<String> brokenQueues() {
        List<String> out = new ArrayList<>();
        for (ServedQueue sq : queues) {
            sq.vq().brokenReason().ifPresent(out::add);
        }
        return out;
    }

    /**
     * Whether a served queue that has not stopped has chains available: what a polling thread checks when its
     * window ends before it sleeps. Reads the rings' available index, in the order the queues were served,
     * and stops at the first that has some.
     */
    public boolean hasAvailable() {
        for (int i = 0; i < queues.size(); i++) {
            ServedQueue sq = queues.get(i);
            if (bytesInFlight < MAX_BYTES_IN_FLIGHT && !sq.broken() && sq.vq().hasAvailable()) {
                return true;
            }
        }
        return false;
    }

    // ---- requests ----

    /**
     * Pops and parses the queue's chains, up to {@link #MAX_CHAINS_PER_PASS} and while less than
     * {@link #MAX_BYTES_IN_FLIGHT} is in flight; returns how many. Stopped by a limit, it leaves kicks disabled:
     * the caller gives the queue another pass (chains), or a completion's pass resumes it (bytes).
     */
    private int popAll(ServedQueue sq) {
        if (sq.broken() || bytesInFlight >= MAX_BYTES_IN_FLIGHT) {
            return 0;
        }
        boolean polling = idle.polling();
        int n = 0;
        Virtqueue<?> vq = sq.vq();
        while (true) {
            vq.setNotification(false);
            while (vq.pop(chain)) {
                n++;
                context.charge(sq.lines().pop(context));
                parseGuarded(sq, chain);
                if (sq.broken() || n >= MAX_CHAINS_PER_PASS || bytesInFlight >= MAX_BYTES_IN_FLIGHT) {
                    return n;
                }
            }
            if (polling) {
                return n;
            }
            vq.setNotification(true);
            if (!vq.hasAvailable() || sq.broken()) {
                return n;
            }
        }
    }

    /** {@link #parse}, with anything it throws on the guest's data turned into a break of that queue alone. */
    private void parseGuarded(ServedQueue sq, DescriptorChain c) {
        try {
            parse(sq, c);
        } catch (RuntimeException ex) {
            sq.breakWith("virtio-blk request " + c.head() + " could not be read: " + ex);
        }
    }

    private void parse(ServedQueue sq, DescriptorChain c) {
        context.charge(platform.costs().get(Cost.IOTHREAD_SUBMIT));
        int in = c.readable();
        int out = c.writable();
        int last = c.descriptors() - 1;
        if (in == 0 || c.length(0) != VirtioBlkProtocol.HEADER_BYTES || out == 0 || c.length(last) != 1) {
            sq.breakWith("virtio-blk request " + c.head() + " needs a 16-byte header first and a 1-byte status"
                    + " last (got " + in + " readable, " + out + " writable buffers)");
            return;
        }
        // The header's reserved field (ioprio) is never read; the sector only for operations that address sectors.
        long type = memory.readU32(c.address(0));
        Operation op = VirtioBlkProtocol.operationOf(type);
        long readableData = bytes(c, 1, in);
        long writableData = bytes(c, in, last);
        if (op == null) {
            finishLocally(request(sq, c, Operation.FLUSH, 0, 0), Status.NOT_SUPPORTED, null);
            return;
        }
        boolean deviceWrites = op == Operation.READ || op == Operation.GET_ID;
        if (deviceWrites ? readableData != 0 : writableData != 0) {
            sq.breakWith("virtio-blk " + op + " request " + c.head() + " has data buffers the device "
                    + (deviceWrites ? "must write marked read-only" : "must read marked writable"));
            return;
        }
        if (op == Operation.GET_ID) {
            finishLocally(request(sq, c, op, 0, 0).withBuffers(c, in, last), Status.OK, serialBytes());
            return;
        }
        if (!op.addressesSectors()) {
            pass.add(request(sq, c, op, 0, 0));
            return;
        }
        // Checked before anything is allocated for the data: size (against the host's limit and guest
        // memory, which overlapping buffers can exceed), alignment, then the sector range.
        long length = deviceWrites ? writableData : readableData;
        long sector = memory.readU64(c.address(0) + VirtioBlkProtocol.HEADER_SECTOR_OFFSET);
        if (length > Math.min(MAX_REQUEST_BYTES, memory.size()) || length % BlockRequest.SECTOR_SIZE != 0
                || sector < 0 || sector > host.capacitySectors() - length / BlockRequest.SECTOR_SIZE) {
            finishLocally(request(sq, c, op, 0, 0), Status.IO_ERROR, null);
            return;
        }
        pass.add(deviceWrites ? request(sq, c, op, sector, (int) length).withBuffers(c, in, last)
                : request(sq, c, op, sector, (int) length).withBuffers(c, 1, in));
        bytesInFlight += length;
    }

    /**
     * The request state of the chain in {@code c}, its head's, started for {@code op} at {@code sector} with
     * {@code length} bytes. Throws if the head is still in flight (a virtqueue that offered it twice): the caller
     * breaks the queue.
     */
    private ParsedRequest request(ServedQueue sq, DescriptorChain c, Operation op, long sector, int length) {
        return sq.requestFor(this, c.head()).begin(c, op, sector, length);
    }

    /** Bytes of descriptors {@code from} to {@code to}: at most 1024 buffers of under 2 GiB, so no overflow. */
    private static long bytes(DescriptorChain c, int from, int to) {
        long total = 0;
        for (int i = from; i < to; i++) {
            total += c.length(i);
        }
        return total;
    }

    private void submitPass() {
        if (pass.isEmpty()) {
            return;
        }
        // The pass's requests are swapped out before they go to the host, so any popped meanwhile wait for the next.
        List<ParsedRequest> requests = pass;
        pass = submitting;
        submitting = requests;
        if (merge) {
            List<List<ParsedRequest>> groups = RequestMerger.merge(requests);
            requests.clear();
            for (List<ParsedRequest> group : groups) {
                for (int i = 1; i < group.size(); i++) {
                    group.get(i - 1).nextPart = group.get(i);
                }
                submit(group.get(0));
            }
        } else {
            for (int i = 0; i < requests.size(); i++) {
                submit(requests.get(i));
            }
            requests.clear();
        }
    }

    /** Submits {@code first}, with the parts linked after it, as one host request. */
    private void submit(ParsedRequest first) {
        int length = 0;
        int parts = 0;
        for (ParsedRequest p = first; p != null; p = p.nextPart) {
            length += p.length();
            parts++;
        }
        BlockRequest r = first.hostRequest(nextId++, length, hostCpu, platform.nanoTime(),
                first.op() == Operation.WRITE ? gather(first, length) : null);
        submitted += parts;
        hostRequests++;
        host.submit(context, r);
    }

    /** The data of a write, read from the device-readable buffers of {@code first} and the parts after it. */
    private byte[] gather(ParsedRequest first, int length) {
        byte[] data = new byte[length];
        int at = 0;
        for (ParsedRequest p = first; p != null; p = p.nextPart) {
            at = p.gather(memory, data, at);
        }
        return data;
    }

    private byte[] serialBytes() {
        byte[] id = new byte[BlockRequest.ID_BYTES];
        byte[] s = serial.getBytes(StandardCharsets.US_ASCII);
        System.arraycopy(s, 0, id, 0, Math.min(s.length, id.length));
        return id;
    }

    private void finishLocally(ParsedRequest p, Status status, byte[] data) {
        rejected += status.isOk() ? 0 : 1;
        p.outcome = status;
        p.outcomeData = data;
        completed.add(p);
    }

    /**
     * A host request finished, on whatever context completed it: hand its parts to this thread by eventfd. Each
     * part's successor is read before the part is handed over: from then on the thread may push it and its head
     * be popped again.
     */
    void hostCompleted(ExecutionContext where, ParsedRequest first, Status status, byte[] data) {
        int offset = 0;
        ParsedRequest p = first;
        while (p != null) {
            ParsedRequest next = p.nextPart;
            p.outcome = status;
            p.outcomeData = data == null ? null : slice(data, offset, p.length());
            offset += p.length();
            completed.add(p);
            p = next;
        }
        completionEventfd.signal(where);
    }

    private static byte[] slice(byte[] data, int offset, int length) {
        if (offset == 0 && length == data.length) {
            return data;
        }
        byte[] part = new byte[Math.max(0, Math.min(length, data.length - offset))];
        System.arraycopy(data, offset, part, 0, part.length);
        return part;
    }

    private int reapCompletions() {
        if (completed.isEmpty()) {
            return 0;
        }
        int n = 0;
        long cost = platform.costs().get(Cost.IOTHREAD_COMPLETE);
        ParsedRequest p;
        while ((p = completed.poll()) != null) {
            n++;
            ServedQueue sq = p.queue();
            context.charge(cost);
            byte[] data = p.outcomeData;
            int written = 0;
            if (data != null && (p.op() == Operation.READ || p.op() == Operation.GET_ID)) {
                p.scatter(memory, data, 0);
                written = (int) Math.min(data.length, p.dataBytes());
            }
            memory.writeU8(p.status(), VirtioBlkProtocol.statusByte(p.outcome));
            bytesInFlight -= p.length();
            int head = p.head();
            // Everything the push needs has been read: the head's state is free for its next pop.
            p.pushed();
            sq.vq().push(head, written + 1);
            context.charge(sq.lines().push(context));
            completedCount++;
            if (!sq.touched) {
                sq.touched = true;
                touched.add(sq);
            }
        }
        for (int i = 0; i < touched.size(); i++) {
            ServedQueue sq = touched.get(i);
            sq.touched = false;
            if (sq.vq().shouldNotify() || !notifySuppression) {
                notifies++;
                sq.irq().signal(context);
            }
        }
        touched.clear();
        return n;
    }
}
