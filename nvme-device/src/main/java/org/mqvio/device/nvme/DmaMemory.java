package org.mqvio.device.nvme;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Host memory as the controller reaches it by DMA: the driver maps a buffer and puts its address in a
 * command's PRP entry; the controller reads or fills the buffer at that address; the driver unmaps it when
 * the command completes. Address 0 means "no buffer". Addresses are page-aligned and never reused.
 *
 * <p>Thread-safe: a buffer is mapped on the CPU that submits its command and unmapped on the CPU that takes the
 * completion interrupt, which on the live runtime are different threads at the same time. Addresses are handed out
 * in the same order as before on a single thread, so a simulated run is unchanged.
 */
final class DmaMemory {
    private static final int PAGE_SHIFT = 12;

    private final Map<Long, byte[]> buffers = new ConcurrentHashMap<>();
    private final AtomicLong nextPage = new AtomicLong(1);

    /** Maps {@code buffer} and returns its address; a null buffer gets address 0. */
    long map(byte[] buffer) {
        if (buffer == null) {
            return 0;
        }
        long address = nextPage.getAndIncrement() << PAGE_SHIFT;
        buffers.put(address, buffer);
        return address;
    }

    /** The buffer at {@code address}, or null if nothing is mapped there. */
    byte[] buffer(long address) {
        return address == 0 ? null : buffers.get(address);
    }

    void unmap(long address) {
        if (address != 0) {
            buffers.remove(address);
        }
    }

    /** Buffers mapped now. */
    int mapped() {
        return buffers.size();
    }
}
