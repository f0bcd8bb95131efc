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

    /** The next used buffer, or empty when none is pending (Linux's {@code virtqueue_get_buf}). */
    Optional<UsedBuffer<T>> getUsed();

    /** Asks the device not to interrupt (Linux's {@code virtqueue_disable_cb}). */
    void disableCallback();

    /**
     * Asks the device to interrupt again; returns false if used buffers arrived meanwhile, so the caller
     * must process them before sleeping (Linux's {@code virtqueue_enable_cb}).
     */
    boolean enableCallback();

    // ---- device side ----

    /**
     * The next available chain, or empty when the ring is empty or broken (QEMU's {@code virtqueue_pop}).
     * Never throws.
     */
    Optional<VirtqueueElement> pop();

    /** Returns {@code element} to the driver with {@code written} bytes written; publishes it at once. */
    void push(VirtqueueElement element, int written);

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
