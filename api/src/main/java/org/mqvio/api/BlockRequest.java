package org.mqvio.api;

import java.util.Objects;
import org.mqvio.api.runtime.ExecutionContext;

/**
 * One block I/O request: what to do ({@link Operation}), where (sector in 512-byte units and length in
 * bytes), with which flags, from which CPU, and when each step happened.
 *
 * <p>Contract: a request is created by whoever submits it, with the {@link Completion} to call; every
 * layer below passes it on or derives its own request from it; exactly one layer completes it, exactly
 * once, through {@link #complete}. A second completion is a bug in the stack and throws
 * {@link IllegalStateException} naming both outcomes, so conformance tests catch it. Timestamps are in
 * the runtime's nanoseconds. A request is confined to one context at a time; it is not thread-safe.
 *
 * <p>Ownership and reuse: a request belongs to its creator, who may reuse it for another request
 * ({@link Builder#rebuild}) once it has completed, as a block layer reuses the requests it derives for its driver
 * (Linux's static requests, re-initialised for every new request) and fio its {@code io_u}s. So completing a request
 * hands it back: from the moment {@link #complete} calls its {@link Completion}, only the creator touches it. A layer
 * it was handed to (a block layer by {@code submit}, a driver by {@code queueRequest}) reads what it still needs
 * before it completes it, and neither that layer nor anything that watched the request pass (a wrapper, a probe, a
 * trace) touches it afterwards: not later, and not in the rest of the call that completed it, since on the live
 * runtime the creator may be rebuilding it on another thread while that call is still running. The same holds for a
 * driver once {@link org.mqvio.api.block.BlockLayer#complete} has returned. Whoever needs a request's fields after
 * its completion keeps a {@link #snapshot} taken before it. The creator, in turn, reuses a request only once its
 * completion has been called and it is done with the request itself (fio's clone reaps it first), and the completion
 * hands the request to the creator's thread through something that orders the completing thread's writes before the
 * creator's reads (a post to a context, a lock-free list).
 */
public final class BlockRequest {
    /** The size of a sector, the unit of {@link #sector()}: 512 bytes, as in virtio-blk and Linux. */
    public static final int SECTOR_SIZE = 512;
    /** Length of the identification string returned for {@link Operation#GET_ID} (virtio-blk). */
    public static final int ID_BYTES = 20;

    private long id;
    private Operation operation;
    private long sector;
    private int length;
    private boolean fua;
    private int cpu;
    private long createdNs;
    private Completion completion;
    private byte[] data;
    private long submittedNs = -1;
    private long dispatchedNs = -1;
    private long completedNs = -1;
    private Status status;

    private static final java.lang.invoke.VarHandle STATUS;
    private static final Completion NO_COMPLETION = (context, request) -> { };

    static {
        try {
            STATUS = java.lang.invoke.MethodHandles.lookup().findVarHandle(BlockRequest.class, "status", Status.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    private BlockRequest(Builder b) {
        init(b);
    }

    /**
     * Sets every field as {@code b} says, with no timestamp and no status; throws, changing nothing, on a field out
     * of range. Kept small, the checks apart, so that the compiler can inline it and never allocate the builder.
     */
    private void init(Builder b) {
        check(b.operation, b.sector, b.length, b.fua);
        Completion c = Objects.requireNonNull(b.completion, "completion");
        this.id = b.id;
        this.operation = b.operation;
        this.sector = b.sector;
        this.length = b.length;
        this.fua = b.fua;
        this.cpu = b.cpu;
        this.createdNs = b.createdNs;
        this.completion = c;
        this.data = b.data;
        this.submittedNs = -1;
        this.dispatchedNs = -1;
        this.completedNs = -1;
        this.status = null;
    }

    private static void check(Operation op, long sector, int length, boolean fua) {
        Objects.requireNonNull(op, "operation");
        if (sector < 0 || length < 0 || (op.addressesSectors() && length % SECTOR_SIZE != 0)
                || (fua && op != Operation.WRITE)) {
            throw invalid(op, sector, length, fua);
        }
    }

    /** What is wrong with fields {@link #check} refused; its messages are built here, off the path that builds. */
    private static IllegalArgumentException invalid(Operation op, long sector, int length, boolean fua) {
        if (sector < 0) {
            return new IllegalArgumentException("sector must be >= 0, was " + sector);
        }
        if (length < 0) {
            return new IllegalArgumentException("length must be >= 0 bytes, was " + length);
        }
        if (op.addressesSectors() && length % SECTOR_SIZE != 0) {
            return new IllegalArgumentException(
                    op + " length must be a multiple of " + SECTOR_SIZE + " bytes, was " + length);
        }
        return new IllegalArgumentException("FUA is allowed on WRITE only, not on " + op);
    }

    /** Starts a request for {@code operation}. */
    public static Builder builder(Operation operation) {
        return new Builder(operation);
    }

    /** Completes this request with {@code status} at {@code nowNs}, then calls its completion on {@code context}. */
    public void complete(ExecutionContext context, Status status, long nowNs) {
        Objects.requireNonNull(status, "status");
        // One atomic step, so that two threads completing the same request (a bug) cannot both pass.
        if (!STATUS.compareAndSet(this, (Status) null, status)) {
            throw new IllegalStateException("request " + id + " (" + operation + " sector " + sector
                    + ") completed twice: first " + this.status + " at " + completedNs + " ns, then " + status
                    + " at " + nowNs + " ns");
        }
        this.completedNs = nowNs;
        completion.completed(context, this);
    }

    /**
     * An unconnected copy of this request as it stands now (its fields, the same data buffer, its timestamps and
     * status), whose completion does nothing: for a driver, probe or test that needs what it was handed after
     * handing it back (see the ownership rule above).
     */
    public BlockRequest snapshot() {
        BlockRequest copy = new Builder(operation).id(id).sector(sector).length(length).fua(fua).cpu(cpu)
                .createdNs(createdNs).data(data).completion(NO_COMPLETION).build();
        copy.submittedNs = submittedNs;
        copy.dispatchedNs = dispatchedNs;
        copy.completedNs = completedNs;
        copy.status = status;
        return copy;
    }

    /** Records when the request entered the block layer (the submitter stamps its own submission latency). */
    public void markSubmitted(long nowNs) {
        submittedNs = nowNs;
    }

    /** Records when the request was handed to a driver. */
    public void markDispatched(long nowNs) {
        dispatchedNs = nowNs;
    }

    public long id() {
        return id;
    }

    public Operation operation() {
        return operation;
    }

    /** First sector, in 512-byte units. */
    public long sector() {
        return sector;
    }

    /** Length in bytes (0 for FLUSH). */
    public int length() {
        return length;
    }

    /** Number of 512-byte sectors covered. */
    public long sectors() {
        return length / SECTOR_SIZE;
    }

    /** Force unit access: the write is durable when it completes. */
    public boolean fua() {
        return fua;
    }

    /** Index of the submitting CPU among the submitting layer's CPUs. */
    public int cpu() {
        return cpu;
    }

    public long createdNs() {
        return createdNs;
    }

    /** When the request entered the block layer, or -1. */
    public long submittedNs() {
        return submittedNs;
    }

    /** When the request was last handed to a driver, or -1. */
    public long dispatchedNs() {
        return dispatchedNs;
    }

    /** When the request completed, or -1 while in flight. */
    public long completedNs() {
        return completedNs;
    }

    /** The status, or null while in flight. */
    public Status status() {
        return status;
    }

    public boolean isCompleted() {
        return status != null;
    }

    /** The payload: data to write, or the buffer a read fills. Null when the stack does not carry data. */
    public byte[] data() {
        return data;
    }

    /** Sets the payload (a read's result, or data read from guest memory). */
    public void setData(byte[] data) {
        this.data = data;
    }

    @Override
    public String toString() {
        return "BlockRequest[" + id + " " + operation + " sector=" + sector + " length=" + length
                + (fua ? " fua" : "") + " cpu=" + cpu + (status == null ? "" : " " + status) + "]";
    }

    /**
     * Builds a {@link BlockRequest}. A builder may be kept and used again: each {@link #build} or {@link #rebuild}
     * takes its fields as they stand, so an owner that reuses requests can keep one builder and set every field
     * before each use rather than make a builder per request.
     */
    public static final class Builder {
        private Operation operation;
        private long id;
        private long sector;
        private int length;
        private boolean fua;
        private int cpu;
        private long createdNs;
        private Completion completion;
        private byte[] data;

        private Builder(Operation operation) {
            this.operation = operation;
        }

        /** Sets the operation (the one {@link BlockRequest#builder} was given, for a builder kept for reuse). */
        public Builder operation(Operation operation) {
            this.operation = operation;
            return this;
        }

        public Builder id(long id) {
            this.id = id;
            return this;
        }

        public Builder sector(long sector) {
            this.sector = sector;
            return this;
        }

        public Builder length(int bytes) {
            this.length = bytes;
            return this;
        }

        public Builder fua(boolean fua) {
            this.fua = fua;
            return this;
        }

        public Builder cpu(int cpu) {
            this.cpu = cpu;
            return this;
        }

        public Builder createdNs(long createdNs) {
            this.createdNs = createdNs;
            return this;
        }

        public Builder completion(Completion completion) {
            this.completion = completion;
            return this;
        }

        public Builder data(byte[] data) {
            this.data = data;
            return this;
        }

        public BlockRequest build() {
            return new BlockRequest(this);
        }

        /**
         * Makes {@code done}, a request that has completed, the request {@link #build} would make (no timestamp,
         * no status), and returns it: for the creator of {@code done}, reusing it once every layer it was handed to
         * is done with it (the ownership rule of {@link BlockRequest}).
         *
         * @throws IllegalStateException if {@code done} has not completed
         */
        public BlockRequest rebuild(BlockRequest done) {
            if (done.status == null) {
                throw notCompleted(done);
            }
            done.init(this);
            return done;
        }

        /**
         * {@link #build} when {@code kept} is null, else {@link #rebuild}{@code (kept)}: for an owner that keeps one
         * request for its life and makes it at its first use.
         *
         * @throws IllegalStateException if {@code kept} has not completed
         */
        public BlockRequest buildOrRebuild(BlockRequest kept) {
            return kept == null ? build() : rebuild(kept);
        }

        private static IllegalStateException notCompleted(BlockRequest done) {
            return new IllegalStateException("request " + done.id + " (" + done.operation + " sector " + done.sector
                    + ") is reused before it completed");
        }
    }
}
