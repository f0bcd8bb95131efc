package org.mqvio.harness.workload;

import java.util.Arrays;

/**
 * fio's {@code verify_pattern}: bytes repeated over each block from its first byte, with the block's offset pasted
 * (8 bytes, little-endian) wherever the pattern had {@code %o} (fio's {@code lib/pattern.c}, {@code paste_blockoff()}
 * in {@code verify.c}).
 *
 * @param bytes     the pattern, {@code %o} places holding zeroes
 * @param offsetsAt where in {@code bytes} each {@code %o} starts
 */
public record VerifyPattern(byte[] bytes, int[] offsetsAt) {
    /** fio's {@code %o}: 8 bytes. */
    public static final int OFFSET_BYTES = 8;

    public VerifyPattern {
        bytes = bytes.clone();
        offsetsAt = offsetsAt.clone();
        if (bytes.length == 0) {
            throw new IllegalArgumentException("verify_pattern is empty; allowed: at least one byte");
        }
        for (int at : offsetsAt) {
            if (at < 0 || at + OFFSET_BYTES > bytes.length) {
                throw new IllegalArgumentException("verify_pattern: %o at " + at + " lies outside the pattern");
            }
        }
    }

    @Override
    public byte[] bytes() {
        return bytes.clone();
    }

    @Override
    public int[] offsetsAt() {
        return offsetsAt.clone();
    }

    /** The pattern as written into the block at {@code blockOffset}: {@code %o} replaced by that offset. */
    byte[] forBlock(long blockOffset) {
        byte[] p = bytes.clone();
        for (int at : offsetsAt) {
            FioChecksums.LittleEndian.putLong(p, at, blockOffset);
        }
        return p;
    }

    /** Fills {@code buf} with the pattern repeated from its first byte, for the block at {@code blockOffset}. */
    void fill(byte[] buf, long blockOffset) {
        byte[] p = forBlock(blockOffset);
        for (int i = 0; i < buf.length; i += p.length) {
            System.arraycopy(p, 0, buf, i, Math.min(p.length, buf.length - i));
        }
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof VerifyPattern v && Arrays.equals(bytes, v.bytes) && Arrays.equals(offsetsAt, v.offsetsAt);
    }

    @Override
    public int hashCode() {
        return 31 * Arrays.hashCode(bytes) + Arrays.hashCode(offsetsAt);
    }

    @Override
    public String toString() {
        return "VerifyPattern[" + java.util.HexFormat.of().formatHex(bytes) + " %o at " + Arrays.toString(offsetsAt) + "]";
    }
}
