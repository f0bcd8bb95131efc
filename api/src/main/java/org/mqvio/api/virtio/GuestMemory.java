package org.mqvio.api.virtio;

/**
 * The guest's physical memory as the device sees it: little-endian accessors over a flat address space,
 * as virtio requires. Every access is bounds-checked: an access outside {@code [0, size())} throws
 * {@link IndexOutOfBoundsException}, which a device must turn into a broken-device error, never pass on.
 */
public interface GuestMemory {
    /** Size in bytes. */
    long size();

    int readU8(long address);

    int readU16(long address);

    long readU32(long address);

    long readU64(long address);

    void writeU8(long address, int value);

    void writeU16(long address, int value);

    void writeU32(long address, long value);

    void writeU64(long address, long value);

    void read(long address, byte[] destination, int offset, int length);

    void write(long address, byte[] source, int offset, int length);
}
