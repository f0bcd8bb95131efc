package org.mqvio.virtio.ring;

import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.mqvio.api.stats.Counter;
import org.mqvio.api.stats.CounterSet;
import org.mqvio.api.stats.Statistics;
import org.mqvio.api.stats.Unit;
import org.mqvio.api.virtio.DescriptorChain;
import org.mqvio.api.virtio.GuestBuffer;
import org.mqvio.api.virtio.GuestMemory;
import org.mqvio.api.virtio.UsedBuffer;
import org.mqvio.api.virtio.Virtqueue;

/*
 * A virtio 1.x split virtqueue living in guest memory.
 *
 * Layout (see SplitRingLayout), from the base address:
 *
 *   descriptor table  16 * size   {addr, len, flags, next}: the buffers; chains linked by next
 *   available ring    6 + 2*size  flags, idx, ring[size] of chain heads, used_event    (driver writes)
 *   used ring         6 + 8*size  flags, idx, ring[size] of {id, len}, avail_event    (device writes)
 *   indirect tables   (only with indirect descriptors) one table of indirectMaxChain
 *                     descriptors per head, 16-byte aligned after the used ring (driver writes)
 *
 * Protocol. Indices are free-running 16-bit counters; ring slots are index & (size - 1).
 *   driver  add():         take descriptors off the free list, write them (or one indirect descriptor
 *                          pointing at the head's table), write the head into avail.ring[idx];
 *           kickPrepare(): publish avail.idx, then read the device's wish: with event idx, kick when the
 *                          new idx passed avail_event (vring_need_event); else unless used.flags has
 *                          NO_NOTIFY;
 *           getUsed():     if used.idx moved, take used.ring[last_used], free the chain, return the token.
 *   device  pop():         if avail.idx moved, read avail.ring[last_avail], walk and validate the chain;
 *           push():        write used.ring[used_idx] = {head, written}, publish used.idx;
 *           shouldNotify():with event idx, interrupt when used.idx passed used_event since the last
 *                          check; else unless avail.flags has NO_INTERRUPT.
 * Suppression without lost wake-ups: each side writes its wish (enableCallback / setNotification(true))
 * and then re-reads the other side's index (enableCallback's return value / hasAvailable()) before
 * sleeping. Index publication and the loads that must follow it live in one method per side:
 * DriverRing.publishAvailIdx and DeviceRing.publishUsedIdx; that is where a live runtime adds its fences.
 */

/**
 * A virtio 1.x split virtqueue in a {@link GuestMemory}: the driver half behaves like Linux's
 * {@code virtio_ring.c}, the device half like QEMU's {@code virtio.c}. The two halves share nothing but guest
 * memory, so a ring written by anyone else (a fuzzer, a buggy or hostile guest) reaches the device half
 * exactly as a real device would see it.
 *
 * <p>Contract, beyond {@link Virtqueue}:
 * <ul>
 *   <li>The ring occupies {@link #footprint(int, RingFeatures)} bytes from its base address. The constructor
 *       initializes the ring headers (flags, indices, event fields) as a driver that zeroed the area would;
 *       descriptors are written as chains are added. {@link #attachDevice} instead serves, from the device side
 *       only, a ring someone else set up, writing nothing as it attaches.</li>
 *   <li>{@link #add} uses one indirect descriptor for a chain of 2 to {@code indirectMaxChain} buffers when
 *       indirect descriptors are negotiated, direct descriptors otherwise. Buffers must be non-empty.</li>
 *   <li>{@link #kickPrepare} and {@link #shouldNotify} answer false when nothing was added / pushed since their
 *       previous call.</li>
 *   <li>The device half refuses, by entering the broken state: an avail index more than {@code size} ahead,
 *       a head or {@code next} out of range, a head offered while still in flight, a chain longer than its
 *       table (a loop), indirect descriptors when not negotiated, indirect tables that are empty, not a
 *       multiple of 16 bytes, longer than {@value RingFeatures#MAX_INDIRECT_CHAIN} descriptors, nested or
 *       not at the head, zero-length buffers, buffers outside guest memory, and a device-readable
 *       descriptor after a device-writable one, a chain of more than 1024 descriptors (QEMU's
 *       {@code VIRTQUEUE_MAX_SIZE}, whatever the queue size). When broken, {@link #pop} returns false, {@link #push} drops
 *       the chain, {@link #shouldNotify} answers false.</li>
 *   <li>{@link #push} throws {@link IllegalStateException} for a head that is not in flight and
 *       {@link IllegalArgumentException} when {@code written} exceeds the chain's writable bytes: those are
 *       bugs of the host code, not guest input.</li>
 *   <li>Allocation: once the caller's {@link DescriptorChain} and {@link UsedBuffer} have grown to the longest
 *       chain seen, a round trip ({@link #add} with the caller's lists, {@link #kickPrepare}, {@link #pop},
 *       {@link #push}, {@link #getUsed}) allocates nothing; the device half keeps per head only one word: not in
 *       flight, or in flight with the chain's writable bytes.</li>
 *   <li>Concurrency: one driver-side user and one device-side user, which may be different threads: each
 *       side publishes its index with a release store and reads the other's with an acquire load, and reads
 *       the other's index again only when the entries its last read covered are used up (see
 *       {@code DriverRing} and {@code DeviceRing} for the fences around notification suppression). Each
 *       side's private state is padded off the other's cache lines.</li>
 *   <li>Memory: each half resolves the descriptor table, avail ring and used ring once, as it is set up
 *       ({@code RingPart}): a part within one page of a {@link SparseGuestMemory} is accessed in that page's
 *       array, any other part through the memory's checked accessors. Buffers and indirect tables at the
 *       addresses a guest writes into descriptors are always read through the checked accessors.</li>
 * </ul>
 *
 * @param <T> the driver's token type
 */
public final class SplitVirtqueue<T> implements Virtqueue<T> {
    /** {@link #kickPrepare} answers after adding that needed no kick. */
    public static final Counter KICK_SUPPRESSED = Counter.declare("kick_suppressed", Unit.EVENTS,
            "kicks the device's event index or flags made unnecessary");
    /** {@link #shouldNotify} answers after pushing that needed no interrupt. */
    public static final Counter NOTIFY_SUPPRESSED = Counter.declare("notify_suppressed", Unit.EVENTS,
            "interrupts the driver's event index or flags made unnecessary");
    /** What {@link #statistics} reports, in this order. */
    public static final CounterSet COUNTERS = CounterSet.of(ADDED, KICKS, KICK_SUPPRESSED, POPPED, PUSHED, NOTIFIES,
            NOTIFY_SUPPRESSED);

    private final int index;
    private final GuestMemory memory;
    private final long base;
    private final SplitRingLayout layout;
    private final RingFeatures features;
    private final DriverRing<T> driver;
    private final DeviceRing device;

    /**
     * Creates a queue whose ring starts at {@code base} in {@code memory}, with all indices at 0.
     *
     * @param index    the queue's index on its device (0 or more)
     * @param memory   the guest memory holding the ring
     * @param base     guest-physical address of the descriptor table: 16-byte aligned, with
     *                 {@link #footprint(int, RingFeatures)} bytes of memory from there on
     * @param size     number of descriptors: a power of two from 1 to 32768
     * @param features the negotiated ring features
     * @throws IllegalArgumentException if an argument is out of range; the message says what is allowed
     */
    public SplitVirtqueue(int index, GuestMemory memory, long base, int size, RingFeatures features) {
        this(index, memory, base, size, features, 0);
    }

    /**
     * As {@link #SplitVirtqueue(int, GuestMemory, long, int, RingFeatures)}, with every ring index (avail, used,
     * and the event indices) starting at {@code initialIndex} instead of 0: the queue is then as after
     * {@code initialIndex} round trips, so a test reaches the 16-bit index wrap (from 65535 to 0) in a few.
     *
     * @param initialIndex the starting value of every ring index, from 0 to 65535
     * @throws IllegalArgumentException if an argument is out of range; the message says what is allowed
     */
    public SplitVirtqueue(int index, GuestMemory memory, long base, int size, RingFeatures features, int initialIndex) {
        this(index, memory, base, size, features, initialIndex, true);
        device.initHeaders();
    }

    /**
     * The device side of a ring that a driver elsewhere set up and may be using: nothing is written to guest
     * memory, and the device resumes from the used index it finds there, as QEMU's
     * {@code virtio_queue_restore_last_avail_idx} does: chains the driver made available beyond it are popped
     * (nothing is in flight on the new device side). The returned queue's driver side is not here: its
     * driver-side methods ({@link #add}, {@link #kickPrepare}, {@link #getUsed}, {@link #disableCallback},
     * {@link #enableCallback}) throw {@link IllegalStateException}; {@link #freeDescriptors} answers 0.
     *
     * @throws IllegalArgumentException as the constructor does
     */
    public static SplitVirtqueue<Void> attachDevice(int index, GuestMemory memory, long base, int size,
                                                    RingFeatures features) {
        SplitRingLayout.checkQueueSize(size);
        checkPlacement(Objects.requireNonNull(memory, "memory"), base, size, Objects.requireNonNull(features, "features"));
        int usedIdx = DeviceRing.publishedUsedIdx(memory, new SplitRingLayout(size), base);
        return new SplitVirtqueue<>(index, memory, base, size, features, usedIdx, false);
    }

    private SplitVirtqueue(int index, GuestMemory memory, long base, int size, RingFeatures features, int initialIndex,
                           boolean withDriver) {
        SplitRingLayout.checkQueueSize(size);
        Objects.requireNonNull(memory, "memory");
        Objects.requireNonNull(features, "features");
        if (index < 0) {
            throw new IllegalArgumentException("queue index must be 0 or more, was " + index);
        }
        if (initialIndex < 0 || initialIndex > 0xFFFF) {
            throw new IllegalArgumentException("initial ring index must be from 0 to 65535, was " + initialIndex);
        }
        checkPlacement(memory, base, size, features);
        this.index = index;
        this.memory = memory;
        this.base = base;
        this.layout = new SplitRingLayout(size);
        this.features = features;
        this.driver = withDriver
                ? new DriverRing<>(memory, layout, base, features, base + indirectOffset(layout), initialIndex)
                : null;
        this.device = new DeviceRing(memory, layout, base, index, features, initialIndex);
    }

    private static void checkPlacement(GuestMemory memory, long base, int size, RingFeatures features) {
        long footprint = footprint(size, features);
        if (base < 0 || base % SplitRingLayout.DESC_ALIGN != 0 || base > memory.size() - footprint) {
            throw new IllegalArgumentException("ring base must be a multiple of " + SplitRingLayout.DESC_ALIGN
                    + " with " + footprint + " bytes of guest memory after it (memory has " + memory.size()
                    + " bytes), was 0x" + Long.toHexString(base));
        }
    }

    /**
     * Bytes of guest memory a queue of {@code size} descriptors occupies from its base address: the ring,
     * plus the indirect tables when indirect descriptors are negotiated.
     *
     * @throws IllegalArgumentException if {@code size} is not a power of two from 1 to 32768
     */
    public static long footprint(int size, RingFeatures features) {
        SplitRingLayout layout = new SplitRingLayout(size);
        if (!features.has(RingFeature.INDIRECT_DESC)) {
            return layout.totalSize();
        }
        return indirectOffset(layout) + (long) size * features.indirectMaxChain() * SplitRingLayout.DESC_SIZE;
    }

    private static long indirectOffset(SplitRingLayout layout) {
        return SplitRingLayout.alignUp(layout.totalSize(), SplitRingLayout.DESC_ALIGN);
    }

    /** Guest-physical address of the ring (its descriptor table). */
    public long base() {
        return base;
    }

    /** The ring's layout. */
    public SplitRingLayout layout() {
        return layout;
    }

    /** The negotiated features. */
    public RingFeatures features() {
        return features;
    }

    /** The guest memory holding the ring. */
    public GuestMemory memory() {
        return memory;
    }

    @Override
    public int index() {
        return index;
    }

    @Override
    public int size() {
        return layout.queueSize();
    }

    @Override
    public int freeDescriptors() {
        return driver == null ? 0 : driver.freeDescriptors();
    }

    // ---- driver side ----

    /**
     * {@inheritDoc}
     *
     * @throws NullPointerException     if a list, a buffer or the token is null
     * @throws IllegalArgumentException if there is no buffer at all, a buffer is empty, or the chain needs
     *                                  more descriptors than the queue has
     */
    @Override
    public boolean add(List<GuestBuffer> readable, List<GuestBuffer> writable, T token) {
        return driver().add(readable, writable, token);
    }

    @Override
    public boolean kickPrepare() {
        return driver().kickPrepare();
    }

    /**
     * {@inheritDoc}
     *
     * @throws IllegalStateException if the device returned an id that is not a chain in flight
     */
    @Override
    public boolean getUsed(UsedBuffer<T> into) {
        return driver().getUsed(Objects.requireNonNull(into, "into"));
    }

    @Override
    public void disableCallback() {
        driver().disableCallback();
    }

    @Override
    public boolean enableCallback() {
        return driver().enableCallback();
    }

    private DriverRing<T> driver() {
        if (driver == null) {
            throw noDriver();
        }
        return driver;
    }

    private IllegalStateException noDriver() {
        return new IllegalStateException("virtqueue " + index + " is a device side attached to a ring whose driver"
                + " is elsewhere: it has no driver side");
    }

    // ---- device side ----

    /**
     * {@inheritDoc}
     *
     * @throws NullPointerException if {@code into} is null (a bug of the host code: it does not break the queue)
     */
    @Override
    public boolean pop(DescriptorChain into) {
        return device.pop(Objects.requireNonNull(into, "into"));
    }

    @Override
    public void push(int head, int written) {
        device.push(head, written);
    }

    @Override
    public boolean shouldNotify() {
        return device.shouldNotify();
    }

    @Override
    public void setNotification(boolean enabled) {
        device.setNotification(enabled);
    }

    @Override
    public boolean hasAvailable() {
        return device.hasAvailable();
    }

    @Override
    public Optional<String> brokenReason() {
        return device.brokenReason();
    }

    /** {@inheritDoc} The reason is logged (SLF4J, warning) with the queue's index, as a ring's own break is. */
    @Override
    public void breakWith(String reason) {
        device.breakWith(Objects.requireNonNull(reason, "reason"));
    }

    /** {@link #COUNTERS} since creation. */
    @Override
    public Statistics statistics() {
        return Statistics.builder(COUNTERS)
                .put(ADDED, driver == null ? 0 : driver.added())
                .put(KICKS, driver == null ? 0 : driver.kicks())
                .put(KICK_SUPPRESSED, driver == null ? 0 : driver.kickSuppressed())
                .put(POPPED, device.popped())
                .put(PUSHED, device.pushed())
                .put(NOTIFIES, device.notifies())
                .put(NOTIFY_SUPPRESSED, device.notifySuppressed())
                .build();
    }

    @Override
    public String toString() {
        return "SplitVirtqueue[index=" + index + ", size=" + size() + ", base=0x" + Long.toHexString(base)
                + ", features=" + features.negotiated() + ", indirectMaxChain=" + features.indirectMaxChain()
                + (driver == null ? ", driver elsewhere" : ", avail=" + driver.availIdx()) + ", lastAvail="
                + device.lastAvailIdx() + ", used=" + device.usedIdx()
                + (driver == null ? "" : ", lastUsed=" + driver.lastUsedIdx())
                + ", free=" + freeDescriptors() + ", inUse=" + device.inUse()
                + brokenReason().map(r -> ", broken: " + r).orElse("") + "]";
    }
}
