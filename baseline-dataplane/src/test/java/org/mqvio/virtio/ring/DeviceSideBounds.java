package org.mqvio.virtio.ring;

import org.mqvio.virtio.blk.backend.VirtioBlkIoThread;

/**
 * The most a device-side call may allocate, derived from the limits the device side enforces (issue 18): a
 * chain of at most {@value ChainReader#MAX_CHAIN_DESCRIPTORS} descriptors, at most
 * {@value VirtioBlkIoThread#MAX_CHAINS_PER_PASS} chains per queue per pass, at most
 * {@value VirtioBlkIoThread#MAX_REQUEST_BYTES} bytes per request and {@link VirtioBlkIoThread#MAX_BYTES_IN_FLIGHT}
 * bytes of request data in flight per thread.
 *
 * <p>Object sizes are the largest HotSpot lays out: a 16-byte object header, 8-byte references (no compressed
 * oops or class pointers), a 24-byte array header, 8-byte alignment. Two allowances are stated rather than
 * derived: what one break costs (its message and log event: a few strings of a few hundred characters) and
 * what one request's bookkeeping costs (about seven small objects, none over 128 bytes). Both are fixed
 * amounts, independent of what the guest wrote.
 */
public final class DeviceSideBounds {
    /** The most descriptors a chain may have. */
    public static final int MAX_CHAIN = ChainReader.MAX_CHAIN_DESCRIPTORS;
    private static final long HEADER = 16;
    private static final long REFERENCE = 8;
    private static final long ARRAY_HEADER = 24;
    /** A {@code GuestBuffer}: a long and an int. */
    private static final long BUFFER = align(HEADER + 8 + 4);
    /** A chain's element, its {@code Optional} and two immutable list objects. */
    private static final long ELEMENT_AND_LISTS = 4 * align(HEADER + 3 * REFERENCE);
    /**
     * One break: its message, the queue's prefixed reason, the log event (measured: 1,248 to 1,472 bytes once the
     * refusal's path has run in the JVM; the first run's linkage is a one-time cost, see {@link RingRefusals}).
     */
    private static final long BREAK_ALLOWANCE = 16 << 10;
    /**
     * One request's bookkeeping besides its data and its chain: the parsed request, its completion record, the
     * host request and its builder, the completion lambda, the in-flight record and its list, the pass list's
     * cells, and a GET_ID's id bytes.
     */
    private static final long REQUEST_ALLOWANCE = 1 << 10;
    /** A pass's own fixed objects: lists of touched queues, the stream that groups the pass's requests. */
    private static final long PASS_ALLOWANCE = 4 << 10;

    private DeviceSideBounds() {
    }

    /**
     * The most one {@code pop} allocates: a chain of the most descriptors there may be, each a buffer held by
     * reference in two arrays (the range copied out of the reader's array, and the immutable list's own copy),
     * the element and its lists, the reader's array grown by doubling up to that length, and one break.
     */
    public static long popBytes() {
        return chainBytes() + readerGrowthBytes() + BREAK_ALLOWANCE;
    }

    /**
     * The most one pass of a {@code VirtioBlkIoThread} serving {@code queues} queues allocates: per queue, the
     * most chains a pass takes, each the largest pop plus a request's bookkeeping; the most request data a pass
     * can admit (up to the in-flight limit, plus the one request that crosses it), copied once for the host;
     * and the pass's own objects.
     */
    public static long passBytes(int queues) {
        long chains = (long) queues * VirtioBlkIoThread.MAX_CHAINS_PER_PASS;
        long perQueue = readerGrowthBytes() + BREAK_ALLOWANCE;
        long data = VirtioBlkIoThread.MAX_BYTES_IN_FLIGHT + VirtioBlkIoThread.MAX_REQUEST_BYTES + chains * ARRAY_HEADER;
        return chains * (chainBytes() + REQUEST_ALLOWANCE) + queues * perQueue + data + PASS_ALLOWANCE;
    }

    /** A chain of the most descriptors there may be, as one pop describes it. */
    private static long chainBytes() {
        long n = MAX_CHAIN;
        return n * (BUFFER + 2 * REFERENCE) + 4 * ARRAY_HEADER + ELEMENT_AND_LISTS;
    }

    /** The chain reader's array of buffers grown by doubling, once in a queue's life, up to the longest chain. */
    private static long readerGrowthBytes() {
        long n = MAX_CHAIN;
        return 2 * n * REFERENCE + Long.numberOfTrailingZeros(n) * ARRAY_HEADER;
    }

    private static long align(long bytes) {
        return (bytes + 7) & -8L;
    }
}
