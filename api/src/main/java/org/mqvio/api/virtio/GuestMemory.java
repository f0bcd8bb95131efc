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

    // ---- ordered accesses, for indices shared between a driver and a device on different threads ----

    /**
     * Stores a 16-bit value with release semantics: every read and write before it is visible to a thread
     * that reads this value with {@link #readU16Acquire}. The default is a release fence then a plain store.
     */
    default void writeU16Release(long address, int value) {
        java.lang.invoke.VarHandle.releaseFence();
        writeU16(address, value);
    }

    /**
     * Loads a 16-bit value with acquire semantics: no later read or write moves before it. The default is a
     * plain load then an acquire fence.
     */
    default int readU16Acquire(long address) {
        int value = readU16(address);
        java.lang.invoke.VarHandle.acquireFence();
        return value;
    }

    /** A full fence (virtio's {@code virtio_mb}): no store before it is reordered with a load after it. */
    default void fullFence() {
        java.lang.invoke.VarHandle.fullFence();
    }
}
