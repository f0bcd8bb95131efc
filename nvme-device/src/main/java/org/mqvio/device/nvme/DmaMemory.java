package org.mqvio.device.nvme;

import java.util.HashMap;
import java.util.Map;

/**
 * Host memory as the controller reaches it by DMA: the driver maps a buffer and puts its address in a
 * command's PRP entry; the controller reads or fills the buffer at that address; the driver unmaps it when
 * the command completes. Address 0 means "no buffer". Addresses are page-aligned and never reused.
 */
final class DmaMemory {
    private static final int PAGE_SHIFT = 12;

    private final Map<Long, byte[]> buffers = new HashMap<>();
    private long nextPage = 1;

    /** Maps {@code buffer} and returns its address; a null buffer gets address 0. */
    long map(byte[] buffer) {
        if (buffer == null) {
            return 0;
        }
        long address = nextPage++ << PAGE_SHIFT;
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
