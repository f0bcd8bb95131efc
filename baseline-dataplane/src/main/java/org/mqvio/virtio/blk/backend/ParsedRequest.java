package org.mqvio.virtio.blk.backend;

import org.mqvio.api.BlockRequest;
import org.mqvio.api.Completion;
import org.mqvio.api.Operation;
import org.mqvio.api.Status;
import org.mqvio.api.runtime.ExecutionContext;
import org.mqvio.api.virtio.DescriptorChain;
import org.mqvio.api.virtio.GuestMemory;

/**
 * The device's state of one chain in flight: a virtio-blk request the device side has read and checked, ready
 * for the host, and then its host outcome until it is pushed back. There is one per head descriptor of a served
 * queue, made on the head's first pop and reused by every chain with that head ({@link ServedQueue#requestFor}),
 * as SPDK's vhost-blk target keeps a task per descriptor indexed by the chain's head ({@code process_blk_task}
 * in {@code lib/vhost/vhost_blk.c}, which refuses a head whose task is still pending). A head is in flight from
 * its pop to its push, and the ring never offers a head in flight again (its device half refuses one, see
 * {@code DeviceRing}), so the state is free whenever its head is popped: {@link #begin} checks it.
 *
 * <p>It keeps its own copy of what it needs of the chain after the next pop reuses the popped
 * {@link DescriptorChain}: the status byte's address and the data buffers the device reads (a write) or writes
 * (a read, GET_ID). As the host request's {@link Completion} it takes the host's outcome ({@link #completed});
 * the parts of a merged host request are linked from the first ({@link #nextPart}).
 *
 * <p>It also owns the host request it leads ({@link #hostRequest}), as SPDK's task embeds its block I/O: built the
 * first time, rebuilt ({@link BlockRequest.Builder#rebuild}) each later time. By {@link BlockRequest}'s ownership rule
 * nothing at the host touches a request once its completion has been called; the completion reads the status and
 * data before it hands the parts over, and this state leads a new host request only after its head was pushed and
 * popped again, so its previous host request has completed by then.
 *
 * <p>Threads: filled and pushed on the IoThread; the host's completion (any thread, live) only sets the outcome
 * fields and then hands the request over through the thread's {@link CompletedRequests}, whose atomic step
 * publishes them.
 */
final class ParsedRequest implements Completion {
    private static final int INITIAL_BUFFERS = 1;

    private final VirtioBlkIoThread thread;
    private final ServedQueue queue;
    private final int head;
    private boolean inFlight;
    private long status;
    /** The data buffers the request moves, as address and length pairs ({@code [2i]}, {@code [2i+1]}). */
    private long[] data = new long[2 * INITIAL_BUFFERS];
    private int buffers;
    private Operation op;
    private long sector;
    private int length;
    /** The next part of the same host request, when the pass merged several; null for the last. */
    ParsedRequest nextPart;
    /** The host's outcome: set by the completion, read by the IoThread when it pushes the chain. */
    Status outcome;
    byte[] outcomeData;
    /** The next request on the thread's list of completed requests ({@link CompletedRequests}). */
    ParsedRequest nextCompleted;
    /** The host request this state led last (when it was a host request's first part), or null before. */
    private BlockRequest hostRequest;
    /** The fields of the host request; kept, like the request, for the state's life. */
    private final BlockRequest.Builder hostFields = BlockRequest.builder(Operation.READ);

    ParsedRequest(VirtioBlkIoThread thread, ServedQueue queue, int head) {
        this.thread = thread;
        this.queue = queue;
        this.head = head;
    }

    /**
     * Starts a request from the chain in {@code c}, whose head is this state's: {@code op} at {@code sector},
     * {@code length} bytes, and no data buffers yet; its status byte is the chain's last descriptor (checked to be
     * a 1-byte writable buffer).
     *
     * @throws IllegalStateException if the head's previous request has not been pushed back yet
     */
    ParsedRequest begin(DescriptorChain c, Operation op, long sector, int length) {
        if (inFlight) {
            throw new IllegalStateException("head " + head + " is still in flight (popped and not pushed back)");
        }
        inFlight = true;
        this.status = c.address(c.descriptors() - 1);
        this.op = op;
        this.sector = sector;
        this.length = length;
        this.buffers = 0;
        this.nextPart = null;
        this.outcome = null;
        this.outcomeData = null;
        return this;
    }

    /** Takes descriptors {@code from} to {@code to} (exclusive) of the chain in {@code c} as the data buffers. */
    ParsedRequest withBuffers(DescriptorChain c, int from, int to) {
        int n = to - from;
        if (data.length < 2 * n) {
            data = new long[2 * n];
        }
        for (int i = 0; i < n; i++) {
            data[2 * i] = c.address(from + i);
            data[2 * i + 1] = c.length(from + i);
        }
        buffers = n;
        return this;
    }

    /**
     * The host request carrying this state and {@code length} bytes of the parts linked after it: this state's own,
     * rebuilt, or built the first time. Its id is {@code id}, its CPU the host CPU {@code cpu}, created at
     * {@code nowNs}, carrying {@code data} (a write's) or none.
     */
    BlockRequest hostRequest(long id, int length, int cpu, long nowNs, byte[] data) {
        // Every field is set again each time (fua stays false): the builder holds nothing from the last request.
        hostFields.operation(op).id(id).sector(sector).length(length).cpu(cpu).createdNs(nowNs).data(data)
                .completion(this);
        hostRequest = hostFields.buildOrRebuild(hostRequest);
        return hostRequest;
    }

    /** The request is being pushed back: its head may be popped again. Drops the outcome's data. */
    void pushed() {
        inFlight = false;
        outcome = null;
        outcomeData = null;
    }

    /** Whether it was popped and not yet pushed back. */
    boolean inFlight() {
        return inFlight;
    }

    /** The host request carrying it (and the parts linked after it) completed. */
    @Override
    public void completed(ExecutionContext context, BlockRequest request) {
        thread.hostCompleted(context, this, request.status(), request.data());
    }

    ServedQueue queue() {
        return queue;
    }

    /** The chain's head descriptor, pushed back when the request completes. */
    int head() {
        return head;
    }

    /** Guest address of the chain's status byte. */
    long status() {
        return status;
    }

    Operation op() {
        return op;
    }

    /** First sector. */
    long sector() {
        return sector;
    }

    /** Bytes of data (0 for FLUSH). */
    int length() {
        return length;
    }

    /** The sector just past this request. */
    long endSector() {
        return sector + length / BlockRequest.SECTOR_SIZE;
    }

    /** Total length of the data buffers. */
    long dataBytes() {
        long total = 0;
        for (int i = 0; i < buffers; i++) {
            total += data[2 * i + 1];
        }
        return total;
    }

    /** Reads the data buffers, in order, into {@code out} from {@code at}; returns the index after the last byte. */
    int gather(GuestMemory memory, byte[] out, int at) {
        for (int i = 0; i < buffers; i++) {
            memory.read(data[2 * i], out, at, (int) data[2 * i + 1]);
            at += (int) data[2 * i + 1];
        }
        return at;
    }

    /** Writes {@code bytes} (from {@code offset}) into the data buffers, in order, until either runs out. */
    void scatter(GuestMemory memory, byte[] bytes, int offset) {
        int at = offset;
        for (int i = 0; i < buffers && at < bytes.length; i++) {
            int n = (int) Math.min(data[2 * i + 1], bytes.length - at);
            memory.write(data[2 * i], bytes, at, n);
            at += n;
        }
    }

    @Override
    public String toString() {
        return "ParsedRequest[queue=" + queue.vq().index() + ", head=" + head + ", " + op + " " + sector + "+" + length
                + (inFlight ? ", in flight" : "") + "]";
    }
}
