package org.mqvio.device.nvme;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;

/** Little-endian fields in byte arrays, as NVMe lays out its queue entries and data structures. */
final class LittleEndian {
    private static final VarHandle SHORT = MethodHandles.byteArrayViewVarHandle(short[].class, ByteOrder.LITTLE_ENDIAN);
    private static final VarHandle INT = MethodHandles.byteArrayViewVarHandle(int[].class, ByteOrder.LITTLE_ENDIAN);
    private static final VarHandle LONG = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);

    private LittleEndian() {
    }

    /** The unsigned 16-bit value at {@code offset}. */
    static int u16(byte[] a, int offset) {
        return Short.toUnsignedInt((short) SHORT.get(a, offset));
    }

    static void putU16(byte[] a, int offset, int value) {
        SHORT.set(a, offset, (short) value);
    }

    static int i32(byte[] a, int offset) {
        return (int) INT.get(a, offset);
    }

    static void putI32(byte[] a, int offset, int value) {
        INT.set(a, offset, value);
    }

    static long i64(byte[] a, int offset) {
        return (long) LONG.get(a, offset);
    }

    static void putI64(byte[] a, int offset, long value) {
        LONG.set(a, offset, value);
    }
}
