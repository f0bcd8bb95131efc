package org.mqvio.virtio.blk.backend;

import static org.mqvio.virtio.ring.SplitRingLayout.DESC_ADDR;
import static org.mqvio.virtio.ring.SplitRingLayout.DESC_FLAGS;
import static org.mqvio.virtio.ring.SplitRingLayout.DESC_F_INDIRECT;
import static org.mqvio.virtio.ring.SplitRingLayout.DESC_F_NEXT;
import static org.mqvio.virtio.ring.SplitRingLayout.DESC_F_WRITE;
import static org.mqvio.virtio.ring.SplitRingLayout.DESC_LEN;
import static org.mqvio.virtio.ring.SplitRingLayout.DESC_NEXT;
import static org.mqvio.virtio.ring.SplitRingLayout.DESC_SIZE;

import java.util.List;
import java.util.SplittableRandom;
import org.mqvio.api.virtio.GuestMemory;
import org.mqvio.virtio.blk.VirtioBlkProtocol;
import org.mqvio.virtio.ring.SplitRingLayout;
import org.mqvio.virtio.ring.SplitVirtqueue;

/**
 * A rogue guest thread: until stopped, it rewrites the rings of its victim queues (descriptor table, avail ring
 * index, entries and flags, event fields, the used ring, indirect tables, request headers) with random and
 * adversarial values, often as almost well-formed requests so that chains get past the ring into the
 * back-end, and kicks the device now and then. It writes only inside the victims' windows of guest memory, and
 * points device-writable buffers only where the device's writes stay there (or outside memory), so whatever
 * the device does with them cannot reach another queue.
 */
final class RingCorruptor implements Runnable {
    /**
     * A victim: its device side (for the ring's place and size), the guest memory window it and its buffers
     * live in, and its kick.
     */
    record Victim(SplitVirtqueue<?> vq, long window, Runnable kick) {
        /** Where the header of the request at {@code head} goes: one of 1024 places, 32 bytes apart. */
        long header(int head) {
            return window + WINDOW_HEADERS + 32L * (head & 1023);
        }

        /** Where the status byte of the request at {@code head} goes. */
        long status(int head) {
            return window + WINDOW_STATUS + (head & 1023);
        }

        long table() {
            return window + WINDOW_TABLE;
        }

        long data() {
            return window + WINDOW_DATA;
        }
    }

    /** Bytes of guest memory per victim: its ring (with per-head indirect tables) and its buffers. */
    static final long WINDOW = 16L << 20;
    private static final long WINDOW_HEADERS = 12L << 20;
    private static final long WINDOW_STATUS = WINDOW_HEADERS + (64 << 10);
    private static final long WINDOW_TABLE = 13L << 20;
    private static final long WINDOW_DATA = 14L << 20;
    private static final long[] LENGTHS = {0, 1, 15, 16, 17, 511, 512, 4096, 65536, 32 << 20, (32 << 20) + 512,
        200 << 20, 0x7FFFFFFFL, 0x80000000L, 0xFFFFFFFFL};
    private static final int[] TABLE_ENTRIES = {0, 1, 2, 3, 16, 1023, 1024, 1025, 4096};
    private static final int[] TYPES = {VirtioBlkProtocol.T_IN, VirtioBlkProtocol.T_OUT, VirtioBlkProtocol.T_FLUSH,
        VirtioBlkProtocol.T_GET_ID, VirtioBlkProtocol.T_DISCARD, VirtioBlkProtocol.T_WRITE_ZEROES, 2, 0x7FFFFFFF,
        0x80000000, 0xFFFFFFFF};

    private final GuestMemory memory;
    private final List<Victim> victims;
    private final SplittableRandom random;
    private volatile boolean stop;
    private long writes;

    RingCorruptor(GuestMemory memory, List<Victim> victims, long seed) {
        this.memory = memory;
        this.victims = victims;
        this.random = new SplittableRandom(seed);
    }

    void stop() {
        stop = true;
    }

    /** Fields written so far; read after the thread ended. */
    long writes() {
        return writes;
    }

    @Override
    public void run() {
        while (!stop) {
            burst();
            Thread.yield();
        }
    }

    /** Corrupts one victim a few times and kicks it now and then. */
    void burst() {
        Victim v = victims.get(random.nextInt(victims.size()));
        for (int n = 1 + random.nextInt(8); n > 0; n--) {
            corrupt(v);
        }
        if (random.nextInt(4) == 0) {
            v.kick().run();
        }
    }

    /**
     * One corruption. Most are requests, direct or indirect, that are almost well-formed (each field adversarial
     * now and then), so that chains live long enough to get past the ring into the back-end; the rest rewrite
     * anything at all, which mostly breaks the queue at once.
     */
    private void corrupt(Victim v) {
        switch (random.nextInt(16)) {
            case 0 -> desc(v, anyIndex(v), address(v), length(), random.nextInt(0x10000), next(v));
            case 1 -> links(v);
            case 2 -> availIdx(v);
            case 3 -> u16(availEntry(v, random.nextInt(0x10000)), next(v));
            case 4 -> eventsAndFlags(v);
            case 5, 6, 7, 8 -> offer(v, indirect(v, anyIndex(v)));
            default -> offer(v, request(v, anyIndex(v)));
        }
    }

    /** Header, one data buffer and the status byte from {@code head} on, each field possibly adversarial. */
    private int request(Victim v, int head) {
        int size = v.vq().size();
        int data = (head + 1) % size;
        int status = (head + 2) % size;
        desc(v, head, header(v, head), rarely() ? length() : VirtioBlkProtocol.HEADER_BYTES, DESC_F_NEXT,
                rarely() ? next(v) : data);
        int dataFlags = DESC_F_NEXT | (random.nextBoolean() ? DESC_F_WRITE : 0);
        desc(v, data, rarely() ? address(v) : v.data(), random.nextInt(4) == 0 ? length() : 512L << random.nextInt(5),
                rarely() ? random.nextInt(0x10000) : dataFlags, rarely() ? next(v) : status);
        desc(v, status, v.status(head), rarely() ? length() : 1,
                rarely() ? random.nextInt(0x10000) : DESC_F_WRITE, next(v));
        return head;
    }

    /** An indirect head whose table (of any length, some too long) holds a request or garbage. */
    private int indirect(Victim v, int head) {
        int entries = TABLE_ENTRIES[random.nextInt(TABLE_ENTRIES.length)];
        int flags = rarely() ? DESC_F_INDIRECT | random.nextInt(0x10000) : DESC_F_INDIRECT;
        desc(v, head, rarely() ? address(v) : v.table(), rarely() ? length() : (long) DESC_SIZE * entries, flags,
                next(v));
        int written = Math.min(entries, 64);
        for (int i = 0; i < written; i++) {
            long at = v.table() + (long) DESC_SIZE * i;
            boolean last = i == entries - 1;
            if (rarely()) {
                descAt(at, address(v), length(), random.nextInt(0x10000), random.nextInt(0x10000));
            } else if (i == 0) {
                descAt(at, header(v, head), VirtioBlkProtocol.HEADER_BYTES, last ? 0 : DESC_F_NEXT, 1);
            } else if (last) {
                descAt(at, v.status(head), 1, DESC_F_WRITE, 0);
            } else {
                descAt(at, v.data() + 512L * i, 512, DESC_F_NEXT | DESC_F_WRITE, random.nextInt(8) == 0 ? i : i + 1);
            }
        }
        return head;
    }

    /** Runs of NEXT links: through the whole table, to the table's size, back to themselves. */
    private void links(Victim v) {
        int size = v.vq().size();
        int from = anyIndex(v);
        int count = Math.min(size, 1 + random.nextInt(random.nextBoolean() ? 4 : 2048));
        int kind = random.nextInt(3);
        for (int k = 0; k < count; k++) {
            int i = (from + k) % size;
            int next = switch (kind) {
                case 0 -> (i + 1) % size;
                case 1 -> i + 1 == size ? size : i + 1;
                default -> k + 1 == count ? from : i + 1;
            };
            desc(v, i, v.data(), 1 + random.nextInt(16), DESC_F_NEXT, next);
        }
        offer(v, from);
    }

    /** Makes {@code head} available at the current avail index and moves the index on by one. */
    private void offer(Victim v, int head) {
        long idxAt = v.vq().base() + v.vq().layout().availIdxOffset();
        int idx = memory.readU16(idxAt);
        u16(availEntry(v, idx), head);
        u16(idxAt, idx + 1);
    }

    private void availIdx(Victim v) {
        long idxAt = v.vq().base() + v.vq().layout().availIdxOffset();
        int idx = memory.readU16(idxAt);
        int size = v.vq().size();
        int[] moves = {1, 1, 1, 2, size, size + 1, -1, 0x8000, random.nextInt(0x10000)};
        u16(idxAt, idx + moves[random.nextInt(moves.length)]);
    }

    /** Writes the virtio-blk header of the request at {@code head}: any type, reserved field and sector. */
    private long header(Victim v, int head) {
        long at = v.header(head);
        memory.writeU32(at, TYPES[random.nextInt(TYPES.length)] & 0xFFFFFFFFL);
        memory.writeU32(at + 4, random.nextInt() & 0xFFFFFFFFL);
        long[] sectors = {0, 1, 8, -1, Long.MIN_VALUE, Long.MAX_VALUE, 1L << 32, random.nextLong()};
        memory.writeU64(at + VirtioBlkProtocol.HEADER_SECTOR_OFFSET, sectors[random.nextInt(sectors.length)]);
        writes += 3;
        return at;
    }

    private void eventsAndFlags(Victim v) {
        SplitRingLayout layout = v.vq().layout();
        long base = v.vq().base();
        long[] fields = {layout.availOffset() + SplitRingLayout.AVAIL_FLAGS, layout.usedEventOffset(),
            layout.usedOffset() + SplitRingLayout.USED_FLAGS, layout.usedIdxOffset(), layout.availEventOffset(),
            layout.usedElemOffset(random.nextInt(v.vq().size()))};
        u16(base + fields[random.nextInt(fields.length)], random.nextInt(0x10000));
    }

    private int anyIndex(Victim v) {
        return random.nextInt(v.vq().size());
    }

    /** A next index: in range, the table's size, just past it, or anything. */
    private int next(Victim v) {
        int size = v.vq().size();
        return switch (random.nextInt(4)) {
            case 0 -> size;
            case 1 -> size - 1;
            case 2 -> random.nextInt(0x10000);
            default -> random.nextInt(size);
        };
    }

    /**
     * An address: a 64-bit extreme, anything, the guest memory's edges, or inside the victim's window (where a
     * device write of up to a request's 32 MiB stays in the victims' part of memory).
     */
    private long address(Victim v) {
        long[] extremes = {0, 1, -1, Long.MIN_VALUE, Long.MAX_VALUE, (1L << 32) - 1, memory.size(), memory.size() - 1,
            memory.size() - 16};
        return switch (random.nextInt(3)) {
            case 0 -> extremes[random.nextInt(extremes.length)];
            case 1 -> random.nextLong();
            default -> v.window() + random.nextLong(WINDOW);
        };
    }

    private long length() {
        return random.nextInt(3) == 0 ? random.nextLong(1L << 32) : LENGTHS[random.nextInt(LENGTHS.length)];
    }

    private boolean rarely() {
        return random.nextInt(8) == 0;
    }

    private long availEntry(Victim v, int idx) {
        return v.vq().base() + v.vq().layout().availEntryOffset(idx & (v.vq().size() - 1));
    }

    private void desc(Victim v, int index, long addr, long len, int flags, int next) {
        descAt(v.vq().base() + v.vq().layout().descOffset(index), addr, len, flags, next);
    }

    private void descAt(long at, long addr, long len, int flags, int next) {
        memory.writeU64(at + DESC_ADDR, addr);
        memory.writeU32(at + DESC_LEN, len & 0xFFFFFFFFL);
        memory.writeU16(at + DESC_FLAGS, flags & 0xFFFF);
        memory.writeU16(at + DESC_NEXT, next & 0xFFFF);
        writes += 4;
    }

    private void u16(long at, int value) {
        memory.writeU16(at, value & 0xFFFF);
        writes++;
    }
}
