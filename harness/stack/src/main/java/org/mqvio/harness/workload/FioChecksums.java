package org.mqvio.harness.workload;

/**
 * The checksums of fio's {@code verify} types that neither the JDK nor Guava computes as fio does, with fio's
 * parameters (fio's {@code crc/} directory, fio 3.33). Each was checked against blocks fio 3.33 wrote (the test
 * resources {@code verify/*.bin}).
 *
 * <ul>
 *   <li>crc7: polynomial x^7 + x^3 + 1 (0x09), most significant bit first, initial value 0;</li>
 *   <li>crc16: polynomial 0x8005 reflected (0xA001), initial value 0, no final xor (CRC-16/ARC);</li>
 *   <li>crc32: polynomial 0x04C11DB7, most significant bit first, initial value 0, no final xor (the core of
 *       POSIX {@code cksum}, not zlib's CRC-32, which is reflected and inverted);</li>
 *   <li>crc32c: Castagnoli, initial value all ones and no final xor: the bitwise complement of the standard
 *       CRC-32C the JDK computes;</li>
 *   <li>crc64: polynomial 0xAD93D23594C935A9 reflected (0x95AC9329AC4BC9B5, "Jones"), initial value 0, no final
 *       xor;</li>
 *   <li>xxhash: XXH32 with seed 1.</li>
 * </ul>
 */
final class FioChecksums {
    private static final int[] CRC7 = new int[256];
    private static final int[] CRC16 = new int[256];
    private static final int[] CRC32 = new int[256];
    private static final long[] CRC64 = new long[256];
    private static final int P1 = 0x9E3779B1;
    private static final int P2 = 0x85EBCA77;
    private static final int P3 = 0xC2B2AE3D;
    private static final int P4 = 0x27D4EB2F;
    private static final int P5 = 0x165667B1;

    static {
        for (int i = 0; i < 256; i++) {
            int c7 = 0;
            for (int bit = 7; bit >= 0; bit--) {
                int feedback = ((c7 >> 6) & 1) ^ ((i >> bit) & 1);
                c7 = (c7 << 1) & 0x7f;
                if (feedback != 0) {
                    c7 ^= 0x09;
                }
            }
            CRC7[i] = c7;
            int c16 = i;
            long c64 = i;
            int c32 = i << 24;
            for (int k = 0; k < 8; k++) {
                c16 = (c16 & 1) != 0 ? (c16 >>> 1) ^ 0xA001 : c16 >>> 1;
                c64 = (c64 & 1) != 0 ? (c64 >>> 1) ^ 0x95AC9329AC4BC9B5L : c64 >>> 1;
                c32 = (c32 & 0x80000000) != 0 ? (c32 << 1) ^ 0x04C11DB7 : c32 << 1;
            }
            CRC16[i] = c16;
            CRC64[i] = c64;
            CRC32[i] = c32;
        }
    }

    private FioChecksums() {
    }

    static int crc7(byte[] b, int from, int len) {
        int crc = 0;
        for (int i = from; i < from + len; i++) {
            crc = CRC7[((crc << 1) ^ b[i]) & 0xff];
        }
        return crc;
    }

    static int crc16(byte[] b, int from, int len) {
        int crc = 0;
        for (int i = from; i < from + len; i++) {
            crc = (crc >>> 8) ^ CRC16[(crc ^ b[i]) & 0xff];
        }
        return crc;
    }

    static int crc32(byte[] b, int from, int len) {
        int crc = 0;
        for (int i = from; i < from + len; i++) {
            crc = (crc << 8) ^ CRC32[((crc >>> 24) ^ b[i]) & 0xff];
        }
        return crc;
    }

    static int crc32c(byte[] b, int from, int len) {
        java.util.zip.CRC32C c = new java.util.zip.CRC32C();
        c.update(b, from, len);
        return ~(int) c.getValue();
    }

    static long crc64(byte[] b, int from, int len) {
        long crc = 0;
        for (int i = from; i < from + len; i++) {
            crc = CRC64[(int) ((crc ^ b[i]) & 0xff)] ^ (crc >>> 8);
        }
        return crc;
    }

    static int xxhash32(byte[] b, int from, int len) {
        final int seed = 1;
        int p = from;
        int end = from + len;
        int h;
        if (len >= 16) {
            int v1 = seed + P1 + P2;
            int v2 = seed + P2;
            int v3 = seed;
            int v4 = seed - P1;
            while (p + 16 <= end) {
                v1 = Integer.rotateLeft(v1 + LittleEndian.getInt(b, p) * P2, 13) * P1;
                v2 = Integer.rotateLeft(v2 + LittleEndian.getInt(b, p + 4) * P2, 13) * P1;
                v3 = Integer.rotateLeft(v3 + LittleEndian.getInt(b, p + 8) * P2, 13) * P1;
                v4 = Integer.rotateLeft(v4 + LittleEndian.getInt(b, p + 12) * P2, 13) * P1;
                p += 16;
            }
            h = Integer.rotateLeft(v1, 1) + Integer.rotateLeft(v2, 7) + Integer.rotateLeft(v3, 12)
                    + Integer.rotateLeft(v4, 18);
        } else {
            h = seed + P5;
        }
        h += len;
        while (p + 4 <= end) {
            h = Integer.rotateLeft(h + LittleEndian.getInt(b, p) * P3, 17) * P4;
            p += 4;
        }
        while (p < end) {
            h = Integer.rotateLeft(h + (b[p] & 0xff) * P5, 11) * P1;
            p++;
        }
        h ^= h >>> 15;
        h *= P2;
        h ^= h >>> 13;
        h *= P3;
        h ^= h >>> 16;
        return h;
    }

    /** Little-endian access to a byte array, as fio's headers are laid out on x86. */
    static final class LittleEndian {
        private static final java.lang.invoke.VarHandle INT = java.lang.invoke.MethodHandles
                .byteArrayViewVarHandle(int[].class, java.nio.ByteOrder.LITTLE_ENDIAN);
        private static final java.lang.invoke.VarHandle LONG = java.lang.invoke.MethodHandles
                .byteArrayViewVarHandle(long[].class, java.nio.ByteOrder.LITTLE_ENDIAN);
        private static final java.lang.invoke.VarHandle SHORT = java.lang.invoke.MethodHandles
                .byteArrayViewVarHandle(short[].class, java.nio.ByteOrder.LITTLE_ENDIAN);

        private LittleEndian() {
        }

        static int getInt(byte[] b, int at) {
            return (int) INT.get(b, at);
        }

        static void putInt(byte[] b, int at, int v) {
            INT.set(b, at, v);
        }

        static long getLong(byte[] b, int at) {
            return (long) LONG.get(b, at);
        }

        static void putLong(byte[] b, int at, long v) {
            LONG.set(b, at, v);
        }

        static int getShort(byte[] b, int at) {
            return (short) SHORT.get(b, at) & 0xffff;
        }

        static void putShort(byte[] b, int at, int v) {
            SHORT.set(b, at, (short) v);
        }
    }
}
