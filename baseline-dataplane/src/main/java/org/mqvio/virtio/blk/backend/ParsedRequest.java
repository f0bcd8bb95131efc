package org.mqvio.virtio.blk.backend;

import org.mqvio.api.BlockRequest;
import org.mqvio.api.Operation;
import org.mqvio.api.virtio.DescriptorChain;
import org.mqvio.api.virtio.GuestMemory;

/**
 * A virtio-blk request the device side has read and checked, ready for the host: which queue and chain it
 * came from, what it asks and where. It keeps its own copy of what it needs of the chain after the next pop
 * reuses the popped {@link DescriptorChain}: the head (pushed back when the request completes), the status
 * byte's address and the data buffers the device reads (a write) or writes (a read, GET_ID).
 *
 * @param queue  the served queue it was popped from
 * @param head   the chain's head descriptor, pushed back when the request completes
 * @param status guest address of the chain's status byte
 * @param data   the data buffers the request moves, as address and length pairs ({@code [2i]}, {@code [2i+1]})
 * @param op     the operation
 * @param sector first sector
 * @param length bytes of data (0 for FLUSH)
 */
record ParsedRequest(VirtioBlkIoThread.ServedQueue queue, int head, long status, long[] data, Operation op,
                     long sector, int length) {
    private static final long[] NO_BUFFERS = {};

    /** A request that moves no data, from the chain in {@code c}: its header and status are all it uses. */
    static ParsedRequest withoutData(VirtioBlkIoThread.ServedQueue queue, DescriptorChain c, Operation op) {
        return new ParsedRequest(queue, c.head(), statusOf(c), NO_BUFFERS, op, 0, 0);
    }

    /** A request whose data lies in descriptors {@code from} to {@code to} (exclusive) of the chain in {@code c}. */
    static ParsedRequest withData(VirtioBlkIoThread.ServedQueue queue, DescriptorChain c, int from, int to,
                                  Operation op, long sector, int length) {
        long[] data = new long[2 * (to - from)];
        for (int i = from; i < to; i++) {
            data[2 * (i - from)] = c.address(i);
            data[2 * (i - from) + 1] = c.length(i);
        }
        return new ParsedRequest(queue, c.head(), statusOf(c), data, op, sector, length);
    }

    /** The status byte: the chain's last descriptor (checked to be a 1-byte writable buffer). */
    private static long statusOf(DescriptorChain c) {
        return c.address(c.descriptors() - 1);
    }

    /** The sector just past this request. */
    long endSector() {
        return sector + length / BlockRequest.SECTOR_SIZE;
    }

    /** Bytes the device writes into the chain for this request, besides the status byte. */
    int written() {
        return op == Operation.READ ? length : 0;
    }

    /** Total length of the data buffers. */
    long dataBytes() {
        long total = 0;
        for (int i = 1; i < data.length; i += 2) {
            total += data[i];
        }
        return total;
    }

    /** Reads the data buffers, in order, into {@code out} from {@code at}; returns the index after the last byte. */
    int gather(GuestMemory memory, byte[] out, int at) {
        for (int i = 0; i < data.length; i += 2) {
            memory.read(data[i], out, at, (int) data[i + 1]);
            at += (int) data[i + 1];
        }
        return at;
    }

    /** Writes {@code bytes} (from {@code offset}) into the data buffers, in order, until either runs out. */
    void scatter(GuestMemory memory, byte[] bytes, int offset) {
        int at = offset;
        for (int i = 0; i < data.length && at < bytes.length; i += 2) {
            int n = (int) Math.min(data[i + 1], bytes.length - at);
            memory.write(data[i], bytes, at, n);
            at += n;
        }
    }
}
