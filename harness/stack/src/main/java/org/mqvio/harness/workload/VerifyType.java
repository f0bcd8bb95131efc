package org.mqvio.harness.workload;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.mqvio.api.cost.Cost;

/**
 * fio's {@code verify} types (fio 3.33's {@code verify.h} and the option's values in {@code options.c}): the number
 * fio writes in a block's header, the size of the checksum that follows the header, and how it is computed.
 *
 * <p>Which algorithm computes each: md5, sha3-224/256/384/512 are the JDK's {@link MessageDigest}s, byte for byte
 * what fio stores; sha1 is the JDK's SHA-1 with each 32-bit word stored little-endian, as fio stores its state
 * words; crc7, crc16, crc32, crc32c, crc64 and xxhash are {@link FioChecksums} (fio's parameters; crc32c is the
 * complement of the JDK's {@link java.util.zip.CRC32C}, and fio's crc32 is not zlib's, so neither Guava's nor the
 * JDK's CRC-32 is used). sha256 and sha512 are the JDK's standard digests in fio's 64- and 128-byte slots: fio
 * 3.33's own sha256 stores its state words truncated to bytes and its sha512 is never finalised, so for these two
 * the stored bytes differ from fio's while the check is as strong. {@code meta} checks the header only,
 * {@code pattern} has no header and checks {@code verify_pattern} alone, {@code null} writes and reads back without
 * checking anything.
 */
public enum VerifyType {
    MD5("md5", 2, 16, Cost.VERIFY_MD5),
    CRC64("crc64", 3, 8, Cost.VERIFY_CRC64),
    CRC32("crc32", 4, 4, Cost.VERIFY_CRC32),
    CRC32C("crc32c", 5, 4, Cost.VERIFY_CRC32C),
    CRC16("crc16", 7, 2, Cost.VERIFY_CRC16),
    CRC7("crc7", 8, 1, Cost.VERIFY_CRC7),
    SHA256("sha256", 9, 64, Cost.VERIFY_SHA256),
    SHA512("sha512", 10, 128, Cost.VERIFY_SHA512),
    SHA3_224("sha3-224", 11, 28, Cost.VERIFY_SHA3_224),
    SHA3_256("sha3-256", 12, 32, Cost.VERIFY_SHA3_256),
    SHA3_384("sha3-384", 13, 48, Cost.VERIFY_SHA3_384),
    SHA3_512("sha3-512", 14, 64, Cost.VERIFY_SHA3_512),
    XXHASH("xxhash", 15, 4, Cost.VERIFY_XXHASH),
    SHA1("sha1", 16, 20, Cost.VERIFY_SHA1),
    /** fio's {@code meta}: the header alone ({@code VERIFY_HDR_ONLY}). */
    META("meta", 1, 0, null),
    /** fio 3.33's {@code pattern}: no header, {@code verify_pattern} alone ({@code VERIFY_PATTERN_NO_HDR}). */
    PATTERN("pattern", 18, 0, null),
    /**
     * The header and {@code verify_pattern} ({@code VERIFY_PATTERN}): what fio 3.33 uses when {@code verify_pattern}
     * is given without {@code verify}; later fio names it {@code pattern_hdr}.
     */
    PATTERN_HDR("pattern_hdr", 17, 0, null),
    /** fio's {@code null}: pretend to verify. */
    NULL("null", 19, 0, null);

    /** The bytes of fio's {@code struct verify_header} (fio 3.33): magic, type, len, seed, offset, time, thread, numberio, crc32. */
    public static final int HEADER_BYTES = 40;
    /** fio's {@code FIO_HDR_MAGIC}. */
    public static final int MAGIC = 0xacca;

    private final String fioName;
    private final int fioNumber;
    private final int checksumBytes;
    private final Cost cost;

    VerifyType(String fioName, int fioNumber, int checksumBytes, Cost cost) {
        this.fioName = fioName;
        this.fioNumber = fioNumber;
        this.checksumBytes = checksumBytes;
        this.cost = cost;
    }

    /** The value of fio's {@code verify} option; {@code crc32c-intel} is fio's synonym of crc32c. */
    public static Optional<VerifyType> parse(String value) {
        String v = "crc32c-intel".equals(value) ? "crc32c" : value;
        return Arrays.stream(values()).filter(t -> t.fioName.equals(v)).findFirst();
    }

    /** Every value fio's {@code verify} takes, besides 0 (none). */
    public static List<String> names() {
        List<String> names = new java.util.ArrayList<>(Arrays.stream(values()).map(VerifyType::fioName).toList());
        names.add(names.indexOf("crc32c") + 1, "crc32c-intel");
        return names;
    }

    public String fioName() {
        return fioName;
    }

    /** The number fio writes in the header's {@code verify_type}. */
    int fioNumber() {
        return fioNumber;
    }

    /** Whether blocks carry fio's header (every type but pattern and null). */
    boolean hasHeader() {
        return this != PATTERN && this != NULL;
    }

    /** Bytes of the header and the checksum after it, at the start of each verify interval. */
    int headerBytes() {
        return hasHeader() ? HEADER_BYTES + checksumBytes : 0;
    }

    /** The cost of checksumming one MiB on the vCPU, or empty when nothing is checksummed beyond the header. */
    Optional<Cost> cost() {
        return Optional.ofNullable(cost);
    }

    /** The checksum of {@code len} bytes of {@code b} from {@code from}, as stored after the header. */
    byte[] checksum(byte[] b, int from, int len) {
        byte[] out = new byte[checksumBytes];
        switch (this) {
            case MD5 -> digest("MD5", b, from, len, out);
            case SHA256 -> digest("SHA-256", b, from, len, out);
            case SHA512 -> digest("SHA-512", b, from, len, out);
            case SHA3_224 -> digest("SHA3-224", b, from, len, out);
            case SHA3_256 -> digest("SHA3-256", b, from, len, out);
            case SHA3_384 -> digest("SHA3-384", b, from, len, out);
            case SHA3_512 -> digest("SHA3-512", b, from, len, out);
            case SHA1 -> {
                digest("SHA-1", b, from, len, out);
                for (int w = 0; w < out.length; w += 4) {
                    FioChecksums.LittleEndian.putInt(out, w, Integer.reverseBytes(FioChecksums.LittleEndian.getInt(out, w)));
                }
            }
            case CRC7 -> out[0] = (byte) FioChecksums.crc7(b, from, len);
            case CRC16 -> FioChecksums.LittleEndian.putShort(out, 0, FioChecksums.crc16(b, from, len));
            case CRC32 -> FioChecksums.LittleEndian.putInt(out, 0, FioChecksums.crc32(b, from, len));
            case CRC32C -> FioChecksums.LittleEndian.putInt(out, 0, FioChecksums.crc32c(b, from, len));
            case CRC64 -> FioChecksums.LittleEndian.putLong(out, 0, FioChecksums.crc64(b, from, len));
            case XXHASH -> FioChecksums.LittleEndian.putInt(out, 0, FioChecksums.xxhash32(b, from, len));
            case META, PATTERN, PATTERN_HDR, NULL -> {
                // no checksum
            }
        }
        return out;
    }

    private static void digest(String algorithm, byte[] b, int from, int len, byte[] out) {
        try {
            MessageDigest d = MessageDigest.getInstance(algorithm);
            d.update(b, from, len);
            byte[] sum = d.digest();
            System.arraycopy(sum, 0, out, 0, sum.length);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JDK lacks " + algorithm + ", which every Java 21 runtime has", e);
        }
    }
}
