package org.mqvio.api.virtio;

/**
 * One buffer of a descriptor chain: a range of guest-physical memory.
 *
 * @param address guest-physical address
 * @param length  length in bytes
 */
public record GuestBuffer(long address, int length) {
    public GuestBuffer {
        if (address < 0 || length < 0) {
            throw new IllegalArgumentException("guest buffer needs address >= 0 and length >= 0, was "
                    + address + "+" + length);
        }
    }
}
