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
    private static final long ARRAY_HEADER = 24;
    /** A descriptor in a {@code DescriptorChain}: its address (a long) and its length (an int). */
    private static final long DESCRIPTOR = 8 + 4;
    /** A {@code DescriptorChain}'s initial capacity, in descriptors. */
    private static final int CHAIN_INITIAL_CAPACITY = 4;
    /**
     * One break: its message, the queue's prefixed reason, the log event (measured: 1,248 to 1,472 bytes once the
     * refusal's path has run in the JVM; the first run's linkage is a one-time cost, see {@link RingRefusals}).
     */
    private static final long BREAK_ALLOWANCE = 16 << 10;
    /**
     * One request's bookkeeping besides its data: the host request and its builder, a GET_ID's id bytes, and
     * the first time its head descriptor is popped the head's request state and its array of the chain's data
     * buffers (bounded by the chain's length, counted separately; both are then reused by the head's later chains).
     */
    private static final long REQUEST_ALLOWANCE = 1 << 10;
    /** A pass's own objects: with merging on, the lists that group the pass's requests. */
    private static final long PASS_ALLOWANCE = 4 << 10;

    private DeviceSideBounds() {
    }

    /**
     * The most one {@code pop} allocates: nothing for the chain itself (the ring reads it into the caller's
     * {@code DescriptorChain}), except that the caller's chain grows, by doubling, once in its life up to the
     * longest chain there may be; and one break.
     */
    public static long popBytes() {
        return chainGrowthBytes() + BREAK_ALLOWANCE;
    }

    /**
     * The most one pass of a {@code VirtioBlkIoThread} serving {@code queues} queues allocates: per queue, the
     * most chains a pass takes, each a request's bookkeeping with its copy of the chain's buffers; per queue one
     * break; its one chain object's growth; the most request data a pass can admit (up to the in-flight limit,
     * plus the one request that crosses it), copied once for the host; and the pass's own objects.
     */
    public static long passBytes(int queues) {
        long chains = (long) queues * VirtioBlkIoThread.MAX_CHAINS_PER_PASS;
        long requestBuffers = ARRAY_HEADER + (long) MAX_CHAIN * 2 * 8;
        long data = VirtioBlkIoThread.MAX_BYTES_IN_FLIGHT + VirtioBlkIoThread.MAX_REQUEST_BYTES + chains * ARRAY_HEADER;
        return chains * (requestBuffers + REQUEST_ALLOWANCE) + queues * BREAK_ALLOWANCE + chainGrowthBytes() + data
                + PASS_ALLOWANCE;
    }

    /**
     * A {@code DescriptorChain}'s two arrays grown by doubling from their initial capacity to the longest chain:
     * every size they pass through, allocated once (the last copy is the longest chain's).
     */
    private static long chainGrowthBytes() {
        long total = 0;
        for (long n = 2 * CHAIN_INITIAL_CAPACITY; n < 2L * MAX_CHAIN; n *= 2) {
            total += 2 * ARRAY_HEADER + n * DESCRIPTOR;
        }
        return total;
    }
}
