package org.mqvio.virtio.blk.backend;

import org.mqvio.api.BlockRequest;
import org.mqvio.api.Operation;
import org.mqvio.api.virtio.VirtqueueElement;

/**
 * A virtio-blk request the device side has read and checked, ready for the host: which queue and chain it
 * came from, what it asks and where.
 *
 * @param queue   the served queue it was popped from
 * @param element the descriptor chain, pushed back when the request completes
 * @param op      the operation
 * @param sector  first sector
 * @param length  bytes of data (0 for FLUSH)
 */
record ParsedRequest(VirtioBlkIoThread.ServedQueue queue, VirtqueueElement element, Operation op, long sector,
                     int length) {

    /** The sector just past this request. */
    long endSector() {
        return sector + length / BlockRequest.SECTOR_SIZE;
    }

    /** Bytes the device writes into the chain for this request, besides the status byte. */
    int written() {
        return op == Operation.READ ? length : 0;
    }
}
