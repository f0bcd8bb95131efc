package org.mqvio.harness.workload;

import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.OptionalInt;
import java.util.OptionalLong;
import java.util.SplittableRandom;
import org.mqvio.api.cost.Cost;
import org.mqvio.api.cost.CostTable;

/**
 * The data of one job's verified writes and the check of what is read back, as fio's {@code verify.c} (fio 3.33)
 * does it: each block is random bytes from a seed, or the {@code verify_pattern}; every {@code verify_interval}
 * starts with fio's header (magic 0xacca, type, interval length, seed, offset, write time, thread, write number,
 * the crc32c of those fields) and the checksum of the rest of the interval; {@code verify_offset} swaps the header
 * with the bytes there. The check takes the header back, checks its fields in fio's order (magic, length, seed,
 * offset, write number, header crc) and then the checksum or the pattern, and returns what fio logs on a mismatch.
 */
final class VerifyBlocks {
    /** fio's {@code numberio} is 16 bits in the 3.33 header. */
    private static final int NUMBERIO_MASK = 0xffff;
    private static final long MIB = 1 << 20;
    private static final HexFormat HEX = HexFormat.of();

    private final Verification v;
    private final VerifyType type;
    private final int interval;
    private final boolean checkNumberio;
    private final CostTable costs;

    /**
     * @param spec  the job, verifying
     * @param costs the run's cost table, for the checksum's CPU time
     */
    VerifyBlocks(JobSpec spec, CostTable costs) {
        this.v = spec.verification();
        this.type = v.type().orElseThrow();
        BlockSizes sizes = spec.sizes(writes(spec.rw()) ? org.mqvio.api.Operation.WRITE : org.mqvio.api.Operation.READ);
        this.interval = interval(v.interval(), sizes.min(), sizes.max());
        this.costs = costs;
        this.checkNumberio = v.writeSequence() && writes(spec.rw()) && sizes.min() == sizes.max()
                && spec.runtimeNs() == 0;
        if (type.hasHeader() && interval <= type.headerBytes()) {
            throw new IllegalArgumentException("verify=" + type.fioName() + " needs more than its " + type.headerBytes()
                    + "-byte header per verify_interval, which is " + interval + " bytes; allowed: a larger bs or"
                    + " verify_interval");
        }
        if (v.offset() > 0 && v.offset() + type.headerBytes() > interval) {
            throw new IllegalArgumentException("verify_offset=" + v.offset() + " puts the " + type.headerBytes()
                    + "-byte header past the " + interval + "-byte verify_interval; allowed: verify_offset <= "
                    + (interval - type.headerBytes()));
        }
    }

    /** Whether the job writes (fio's {@code td_write()}). */
    static boolean writes(ReadWrite rw) {
        return !rw.reads() || rw.mixed();
    }

    /**
     * fio's {@code fixup_options()}: the interval defaults to the smallest write size when sizes vary, is at most that
     * size, and divides both the smallest and the largest (else their gcd).
     */
    static int interval(int asked, int minBs, int maxBs) {
        int i = asked;
        if (i == 0 && minBs != maxBs) {
            i = minBs;
        }
        if (i > minBs) {
            i = minBs;
        }
        if (i == 0 || minBs % i != 0 || maxBs % i != 0) {
            i = java.math.BigInteger.valueOf(minBs).gcd(java.math.BigInteger.valueOf(maxBs)).intValue();
        }
        return i;
    }

    /** Bytes per header in a block of {@code length} (fio's {@code get_hdr_inc()}). */
    private int step(int length) {
        return interval <= length ? interval : length;
    }

    /** The vCPU time to fill or check a block of {@code length}: the checksum over its data and fio's header crc32c. */
    long costNs(int length) {
        long ns = 0;
        if (type.hasHeader()) {
            int headers = (length + step(length) - 1) / step(length);
            ns += type.cost().map(c -> costs.get(c) * (long) (length - headers * type.headerBytes()) / MIB).orElse(0L);
            ns += costs.get(Cost.VERIFY_CRC32C) * (long) headers * 36 / MIB;
        }
        return ns;
    }

    /** The data of a write of {@code length} at {@code offset}: random bytes from {@code seed} or the pattern, and headers. */
    byte[] write(long offset, int length, long seed, long numberio, long startNs, int thread) {
        byte[] b = new byte[length];
        if (type == VerifyType.NULL) {
            return b;
        }
        if (v.pattern().isPresent()) {
            v.pattern().get().fill(b, offset);
        } else {
            new SplittableRandom(seed).nextBytes(b);
        }
        if (!type.hasHeader()) {
            return b;
        }
        int step = step(length);
        for (int at = 0, n = 0; at < length; at += step, n++) {
            int len = Math.min(step, length - at);
            FioChecksums.LittleEndian.putShort(b, at, VerifyType.MAGIC);
            FioChecksums.LittleEndian.putShort(b, at + 2, type.fioNumber());
            FioChecksums.LittleEndian.putInt(b, at + 4, len);
            FioChecksums.LittleEndian.putLong(b, at + 8, seed);
            FioChecksums.LittleEndian.putLong(b, at + 16, offset + (long) n * interval);
            FioChecksums.LittleEndian.putInt(b, at + 24, (int) (startNs / 1_000_000_000L));
            FioChecksums.LittleEndian.putInt(b, at + 28, (int) (startNs % 1_000_000_000L));
            FioChecksums.LittleEndian.putShort(b, at + 32, thread);
            FioChecksums.LittleEndian.putShort(b, at + 34, (int) (numberio & NUMBERIO_MASK));
            FioChecksums.LittleEndian.putInt(b, at + 36, FioChecksums.crc32c(b, at, 36));
            int data = at + type.headerBytes();
            byte[] sum = type.checksum(b, data, len - type.headerBytes());
            System.arraycopy(sum, 0, b, at + VerifyType.HEADER_BYTES, sum.length);
            swapHeader(b, at);
        }
        return b;
    }

    private void swapHeader(byte[] b, int at) {
        if (v.offset() == 0) {
            return;
        }
        for (int i = 0; i < type.headerBytes(); i++) {
            byte t = b[at + i];
            b[at + i] = b[at + v.offset() + i];
            b[at + v.offset() + i] = t;
        }
    }

    /**
     * Checks a block read back: each interval's header and then its checksum or pattern. Returns fio's log lines for
     * the mismatches found (none when the block is good): a bad header ends the block's check, a bad checksum or
     * pattern goes on to the next interval unless {@code verify_fatal}.
     *
     * @param seed     the seed the block was written with, if known (a job that wrote it)
     * @param numberio the block's write number, if known
     */
    List<String> check(byte[] read, long offset, OptionalLong seed, OptionalInt numberio) {
        List<String> log = new ArrayList<>();
        if (type == VerifyType.NULL) {
            return log;
        }
        byte[] b = read.clone();
        int length = b.length;
        int step = step(length);
        for (int at = 0, n = 0; at < length; at += step, n++) {
            if (!log.isEmpty() && v.fatal()) {
                break;
            }
            int len = Math.min(step, length - at);
            long where = offset + (long) n * len;
            String block = " at file device offset " + where + ", length " + len + " (requested block: offset="
                    + offset + ", length=" + length + ")";
            if (type.hasHeader()) {
                swapHeader(b, at);
                String bad = header(b, at, len, offset + (long) n * interval, seed, numberio);
                if (bad != null) {
                    log.add("verify: " + bad + block);
                    return log;
                }
            }
            Mismatch bad = switch (type) {
                case META -> v.pattern().isPresent() ? pattern(b, at, len, offset) : null;
                case PATTERN, PATTERN_HDR -> pattern(b, at, len, offset);
                default -> checksum(b, at, len);
            };
            if (bad != null) {
                log.addAll(bad.before());
                log.add(bad.name() + ": verify failed" + block);
                log.addAll(bad.after());
            }
        }
        return log;
    }

    /** fio's {@code verify_header()}: what is wrong with the header at {@code at}, or null. */
    private String header(byte[] b, int at, int len, long expectedOffset, OptionalLong seed, OptionalInt numberio) {
        int magic = FioChecksums.LittleEndian.getShort(b, at);
        if (magic != VerifyType.MAGIC) {
            return String.format("bad magic header %x, wanted %x", magic, VerifyType.MAGIC);
        }
        int hdrLen = FioChecksums.LittleEndian.getInt(b, at + 4);
        if (hdrLen != len) {
            return "bad header length " + Integer.toUnsignedString(hdrLen) + ", wanted " + len;
        }
        long hdrSeed = FioChecksums.LittleEndian.getLong(b, at + 8);
        if (v.headerSeed() && seed.isPresent() && hdrSeed != seed.getAsLong()) {
            return "bad header rand_seed " + Long.toUnsignedString(hdrSeed) + ", wanted "
                    + Long.toUnsignedString(seed.getAsLong());
        }
        long hdrOffset = FioChecksums.LittleEndian.getLong(b, at + 16);
        if (hdrOffset != expectedOffset) {
            return "bad header offset " + Long.toUnsignedString(hdrOffset) + ", wanted " + expectedOffset;
        }
        int hdrNumber = FioChecksums.LittleEndian.getShort(b, at + 34);
        if (checkNumberio && numberio.isPresent() && hdrNumber != (numberio.getAsInt() & NUMBERIO_MASK)) {
            return "bad header numberio " + hdrNumber + ", wanted " + (numberio.getAsInt() & NUMBERIO_MASK);
        }
        int crc = FioChecksums.LittleEndian.getInt(b, at + 36);
        int calculated = FioChecksums.crc32c(b, at, 36);
        if (crc != calculated) {
            return String.format("bad header crc %x, calculated %x", crc, calculated);
        }
        return null;
    }

    /** What fio logs around its "verify failed" line for one bad interval. */
    private record Mismatch(List<String> before, String name, List<String> after) {
    }

    /** fio's expected and received checksum lines when the interval's checksum is wrong, else null. */
    private Mismatch checksum(byte[] b, int at, int len) {
        int data = at + type.headerBytes();
        byte[] received = type.checksum(b, data, len - type.headerBytes());
        byte[] expected = java.util.Arrays.copyOfRange(b, at + VerifyType.HEADER_BYTES,
                at + VerifyType.HEADER_BYTES + received.length);
        if (java.util.Arrays.equals(expected, received)) {
            return null;
        }
        return new Mismatch(List.of(), type.fioName(), List.of("       Expected CRC: " + HEX.formatHex(expected),
                "       Received CRC: " + HEX.formatHex(received)));
    }

    /** fio's {@code verify_io_u_pattern()}: the first byte that differs from the pattern, or null. */
    private Mismatch pattern(byte[] b, int at, int len, long blockOffset) {
        byte[] p = v.pattern().orElseThrow().forBlock(blockOffset);
        int from = at + type.headerBytes();
        for (int i = from; i < at + len; i++) {
            byte wanted = p[i % p.length];
            if (b[i] != wanted) {
                return new Mismatch(List.of(String.format("fio: got pattern '%02x', wanted '%02x'. Bad bits %d",
                        b[i] & 0xff, wanted & 0xff, Integer.bitCount((b[i] ^ wanted) & 0xff)),
                        "fio: bad pattern block offset " + (i - from)), "pattern", List.of());
            }
        }
        return null;
    }
}
