package org.mqvio.api.virtio;

import java.util.Arrays;

/**
 * A descriptor chain as the device side of a {@link Virtqueue} pops it, in the virtio spec's terms: the id of
 * the chain's head descriptor (what the device gives back in the used ring) and the chain's descriptors in
 * order, each a buffer of guest memory ({@code addr}, {@code len}) that the device either reads or, when its
 * {@code VIRTQ_DESC_F_WRITE} flag is set, writes. The device-readable descriptors come first. An indirect
 * table is already resolved: its descriptors appear here in its place, and the {@code NEXT} and
 * {@code INDIRECT} flags, which only link the chain, are not kept.
 *
 * <p>Ownership. The object belongs to the device code that passes it to {@link Virtqueue#pop}, which reuses
 * it: each pop refills it, so nothing is allocated per chain once its arrays have grown to the longest chain
 * seen. What it holds is the device's own copy, read from guest memory and checked once; it stays valid
 * until the next pop into the same object. The buffers it describes belong to the device only until it
 * pushes the head back ({@link Virtqueue#push}): from then on the driver may reuse them. A device that keeps a
 * request beyond the next pop copies what it needs (the head, the buffers it will still read or write).
 *
 * <p>Only a virtqueue implementation fills it ({@link #start}, {@link #append}, {@link #clear}); device code
 * reads it. Not thread-safe: one owner at a time.
 */
public final class DescriptorChain {
    private int head = -1;
    private int descriptors;
    private int readable;
    private long writableBytes;
    private long[] addresses;
    private int[] lengths;

    /** An empty chain with room for a few descriptors; it grows as needed. */
    public DescriptorChain() {
        this(4);
    }

    /**
     * An empty chain with room for {@code capacity} descriptors before it grows.
     *
     * @throws IllegalArgumentException if {@code capacity} is not positive
     */
    public DescriptorChain(int capacity) {
        if (capacity < 1) {
            throw new IllegalArgumentException("a chain's capacity must be at least 1 descriptor, was " + capacity);
        }
        addresses = new long[capacity];
        lengths = new int[capacity];
    }

    /** The head descriptor's id (the id pushed to the used ring); -1 when the object holds no chain. */
    public int head() {
        return head;
    }

    /** Number of descriptors (buffers) in the chain. */
    public int descriptors() {
        return descriptors;
    }

    /** Number of device-readable descriptors: descriptors {@code 0} to {@code readable() - 1}. */
    public int readable() {
        return readable;
    }

    /** Number of device-writable descriptors: the last {@code writable()} descriptors. */
    public int writable() {
        return descriptors - readable;
    }

    /** Total length of the device-writable buffers: the most a push may say was written. */
    public long writableBytes() {
        return writableBytes;
    }

    /** Guest-physical address ({@code addr}) of descriptor {@code i}. */
    public long address(int i) {
        return addresses[checkIndex(i)];
    }

    /** Length in bytes ({@code len}) of descriptor {@code i}. */
    public int length(int i) {
        return lengths[checkIndex(i)];
    }

    /** Whether descriptor {@code i} has {@code VIRTQ_DESC_F_WRITE}: the device writes it rather than reads it. */
    public boolean writeOnly(int i) {
        return checkIndex(i) >= readable;
    }

    /** Descriptor {@code i} as a new {@link GuestBuffer}: for checks and diagnostics, not for a hot path. */
    public GuestBuffer buffer(int i) {
        return new GuestBuffer(address(i), length(i));
    }

    // ---- filled by the virtqueue ----

    /** Empties the chain: no head, no descriptors. */
    public void clear() {
        head = -1;
        descriptors = 0;
        readable = 0;
        writableBytes = 0;
    }

    /**
     * Empties the chain and starts one whose head descriptor is {@code head}.
     *
     * @throws IllegalArgumentException if {@code head} is negative
     */
    public void start(int head) {
        if (head < 0) {
            throw new IllegalArgumentException("a chain's head is a descriptor id, 0 or more, was " + head);
        }
        clear();
        this.head = head;
    }

    /**
     * Appends the next descriptor of the chain started by {@link #start}: a buffer the device reads or, when
     * {@code writeOnly}, writes.
     *
     * @throws IllegalStateException    if no chain was started, or a device-readable buffer follows a
     *                                  device-writable one
     * @throws IllegalArgumentException if the address is negative or the length not positive
     */
    public void append(long address, int length, boolean writeOnly) {
        if (head < 0) {
            throw new IllegalStateException("append before start: the chain has no head");
        }
        if (address < 0 || length <= 0) {
            throw new IllegalArgumentException("a descriptor's buffer needs address >= 0 and length > 0, was "
                    + address + "+" + length);
        }
        if (!writeOnly && readable < descriptors) {
            throw new IllegalStateException("descriptor " + descriptors + " of the chain from head " + head
                    + " is device-readable but follows a device-writable one");
        }
        if (descriptors == addresses.length) {
            addresses = Arrays.copyOf(addresses, 2 * descriptors);
            lengths = Arrays.copyOf(lengths, 2 * descriptors);
        }
        addresses[descriptors] = address;
        lengths[descriptors] = length;
        descriptors++;
        if (writeOnly) {
            writableBytes += length;
        } else {
            readable++;
        }
    }

    private int checkIndex(int i) {
        if (i < 0 || i >= descriptors) {
            throw new IndexOutOfBoundsException("descriptor " + i + " of a chain of " + descriptors);
        }
        return i;
    }

    /** The head and each descriptor as {@code addr+len}, readable ones first, for messages. */
    @Override
    public String toString() {
        StringBuilder s = new StringBuilder("DescriptorChain[head=").append(head).append(", readable=[");
        for (int i = 0; i < descriptors; i++) {
            if (i == readable) {
                s.append("], writable=[");
            } else if (i > 0) {
                s.append(", ");
            }
            s.append("0x").append(Long.toHexString(addresses[i])).append('+').append(lengths[i]);
        }
        if (readable == descriptors) {
            s.append("], writable=[");
        }
        return s.append("]]").toString();
    }
}
