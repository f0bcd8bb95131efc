package org.mqvio.api.virtio;

import java.util.List;
import java.util.Optional;
import org.mqvio.api.stats.Counter;
import org.mqvio.api.stats.Statistics;
import org.mqvio.api.stats.Unit;

/**
 * A virtio virtqueue seen from both ends: the driver (guest) adds descriptor chains and collects used
 * ones; the device (host) pops available chains and pushes used ones. Notification suppression (event
 * index or the NO_NOTIFY / NO_INTERRUPT flags) decides when a kick or an interrupt is needed.
 *
 * <p>Concurrency: one driver-side user and one device-side user at a time (each side is serialized by its
 * owner: the guest's virtqueue lock, the IoThread). The driver side trusts itself; the device side treats
 * the ring as untrusted guest memory: a malformed ring puts the queue in a {@link #brokenReason() broken}
 * state with an explanation, after which {@link #pop} returns nothing. It never throws.
 *
 * <p>Allocation. Chains cross the ring as in the virtio spec: the device pops a chain (a head id and its
 * descriptors) into a {@link DescriptorChain} it owns and reuses, and gives the chain back by its head id with
 * the bytes it wrote (a used ring element, {@code id} and {@code len}); the driver collects used buffers into a
 * {@link UsedBuffer} it owns and reuses. So once those objects have grown to the longest chain seen, a round
 * trip (add, publish, pop, push, collect) allocates nothing in the queue. A popped chain stays valid until the
 * next pop into the same object; its buffers are the device's until it pushes the head, the driver's again
 * after.
 *
 * @param <T> the driver's token type, returned with each used buffer
 */
public interface Virtqueue<T> {
    /** Chains the driver made available. */
    Counter ADDED = Counter.declare("added", Unit.EVENTS, "chains the driver made available");
    /** Kicks the driver sent the device. */
    Counter KICKS = Counter.declare("kicks", Unit.EVENTS, "kicks the driver sent the device");
    /** Chains the device popped. */
    Counter POPPED = Counter.declare("popped", Unit.EVENTS, "chains the device popped");
    /** Used buffers the device pushed. */
    Counter PUSHED = Counter.declare("pushed", Unit.EVENTS, "used buffers the device pushed");
    /** Interrupts the device asked for. */
    Counter NOTIFIES = Counter.declare("notifies", Unit.EVENTS, "interrupts the device asked for");


    /** Index of this queue on its device. */
    int index();

    /** Number of descriptors (a power of two). */
    int size();

    /** Descriptors the driver can still use. */
    int freeDescriptors();

    // ---- driver side ----

    /**
     * Adds a chain of device-readable then device-writable buffers. Returns false, changing nothing, when
     * there are not enough free descriptors.
     */
    boolean add(List<GuestBuffer> readable, List<GuestBuffer> writable, T token);

    /** Publishes added chains and answers whether the device must be kicked (Linux's {@code virtqueue_kick_prepare}). */
    boolean kickPrepare();

    /**
     * Collects the next used buffer into {@code into} and returns true, or returns false, leaving {@code into}
     * as it was, when none is pending (Linux's {@code virtqueue_get_buf}, whose token and length are
     * {@code into}'s). The chain's descriptors are the driver's again.
     */
    boolean getUsed(UsedBuffer<T> into);

    /** Asks the device not to interrupt (Linux's {@code virtqueue_disable_cb}). */
    void disableCallback();

    /**
     * Asks the device to interrupt again; returns false if used buffers arrived meanwhile, so the caller
     * must process them before sleeping (Linux's {@code virtqueue_enable_cb}).
     */
    boolean enableCallback();

    // ---- device side ----

    /**
     * Reads the next available chain into {@code into} and returns true, or returns false, with {@code into}
     * emptied ({@link DescriptorChain#head()} -1), when the ring is empty or broken (QEMU's
     * {@code virtqueue_pop}). The chain in {@code into} is valid until the next pop into the same object; its
     * buffers are the device's until it {@linkplain #push pushes} the head. Never throws for anything in guest
     * memory.
     */
    boolean pop(DescriptorChain into);

    /**
     * Returns the popped chain whose head descriptor is {@code head} to the driver, with {@code written} bytes
     * written into its device-writable buffers (the used ring element {@code id}, {@code len}); publishes it
     * at once. The chain need not still be in the object it was popped into.
     */
    void push(int head, int written);

    /** Whether the driver must be interrupted for the used buffers pushed so far (QEMU's {@code virtio_should_notify}). */
    boolean shouldNotify();

    /** Enables or disables kicks from the driver (QEMU's {@code virtio_queue_set_notification}). */
    void setNotification(boolean enabled);

    /** Whether the driver has made chains available that the device has not popped. */
    boolean hasAvailable();

    /** Why the device side stopped, if it did: a malformed ring, or a request its device back-end refused. */
    Optional<String> brokenReason();

    /**
     * Puts the device side in its broken state (QEMU's {@code virtio_error}), for a request the device back-end
     * found malformed: from then on it behaves as for a malformed ring ({@link #pop} returns nothing, pushes
     * are dropped, no interrupts) and {@link #brokenReason} gives {@code reason}. A queue broken already keeps
     * its first reason. Never throws for a non-null reason.
     */
    void breakWith(String reason);

    /**
     * Statistics since creation: at least {@link #ADDED}, {@link #KICKS}, {@link #POPPED}, {@link #PUSHED},
     * {@link #NOTIFIES}.
     */
    Statistics statistics();
}
