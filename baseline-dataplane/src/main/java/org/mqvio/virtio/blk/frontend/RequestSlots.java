package org.mqvio.virtio.blk.frontend;

import org.mqvio.api.BlockRequest;

/**
 * Where the guest driver keeps its requests: one slot per ring entry, each with a header and a status byte and
 * a data window of 1 MiB in guest memory (the largest request the front-end sends; the memory is sparse, so a
 * window costs nothing until it is written), and the slot's {@link VirtioBlkFrontend.Chain}, the token its
 * chain travels the ring with.
 *
 * <p>Per-request state is made once per slot and reused, as Linux's virtio-blk keeps its {@code virtblk_req}
 * (header, status byte, scatterlist) in the blk-mq request's driver data, allocated once per tag when the tag
 * set is set up ({@code tag_set.cmd_size}), never per I/O. A slot's chain belongs to the request it was
 * {@linkplain #allocate allocated} for until it is {@linkplain #release released}, which the completion handler
 * does once it has read everything it needs of it; a slot is allocated only while free, and free slots are
 * handed out in the order they were released. Touched only under the queue's lock.
 */
public final class RequestSlots {
    /** The largest request the front-end sends in one chain. */
    static final int MAX_DATA_BYTES = 1 << 20;
    private static final int CONTROL_STRIDE = 32;

    private final long controlBase;
    private final long dataBase;
    /** Each slot's chain, made on the slot's first use. */
    private final VirtioBlkFrontend.Chain[] chains;
    /** The free slots, oldest release first: a ring of {@link #freeCount} entries from {@link #freeHead}. */
    private final int[] free;
    private int freeHead;
    private int freeCount;

    /**
     * {@code count} slots (one per ring entry) from guest-physical address {@code base}, spanning
     * {@link #footprint(int)} bytes of guest memory.
     */
    public RequestSlots(long base, int count) {
        this.controlBase = base;
        this.dataBase = base + (long) count * CONTROL_STRIDE;
        this.chains = new VirtioBlkFrontend.Chain[count];
        this.free = new int[count];
        for (int i = 0; i < count; i++) {
            free[i] = i;
        }
        this.freeCount = count;
    }

    /** Bytes of guest memory the slots span. */
    public static long footprint(int count) {
        return (long) count * CONTROL_STRIDE + (long) count * MAX_DATA_BYTES;
    }

    /**
     * Takes the free slot released longest ago for {@code request}, whose chain takes {@code descriptors} ring
     * descriptors, and returns its chain.
     *
     * @throws IllegalStateException if no slot is free (the front-end reserved more than the ring holds)
     */
    VirtioBlkFrontend.Chain allocate(BlockRequest request, int descriptors) {
        if (freeCount == 0) {
            throw new IllegalStateException("no free request slot: the front-end reserved more than the ring holds");
        }
        int slot = free[freeHead];
        freeHead = (freeHead + 1) % free.length;
        freeCount--;
        VirtioBlkFrontend.Chain chain = chains[slot];
        if (chain == null) {
            chain = new VirtioBlkFrontend.Chain(slot, controlBase + (long) slot * CONTROL_STRIDE,
                    dataBase + (long) slot * MAX_DATA_BYTES);
            chains[slot] = chain;
        }
        chain.take(request, descriptors);
        return chain;
    }

    /**
     * Frees {@code chain}'s slot; from here the slot may carry another request.
     *
     * @throws IllegalStateException if the slot is free already
     */
    void release(VirtioBlkFrontend.Chain chain) {
        chain.free();
        free[(freeHead + freeCount) % free.length] = chain.slot;
        freeCount++;
    }

    /** Slots free now. */
    int freeSlots() {
        return freeCount;
    }
}
