package org.mqvio.harness.workload;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.api.Test;
import org.mqvio.harness.stack.CostTableFile;

/**
 * fio's verify blocks against fio itself. The golden files {@code verify/TYPE.bin} are two 512-byte blocks fio 3.33
 * wrote with {@code fio --name=g --filename=TYPE.bin --size=1k --bs=512 --rw=write --ioengine=psync --verify=TYPE
 * --do_verify=0 --randseed=7}; {@code pattern.bin} with {@code --verify=pattern --verify_pattern=0xdeadbeef"ab"%o},
 * {@code crc32c-pattern.bin} with {@code --verify=crc32c --verify_pattern=0x12}, {@code md5-interval-offset.bin}
 * (2 KiB) with {@code --bs=1k --verify=md5 --verify_interval=512 --verify_offset=64}.
 */
class VerifyBlocksTest {
    private static byte[] golden(String name) throws IOException {
        try (InputStream in = VerifyBlocksTest.class.getResourceAsStream("verify/" + name + ".bin")) {
            return in.readAllBytes();
        }
    }

    private static VerifyBlocks blocks(VerifyType type, int bs, int interval, int offset, VerifyPattern pattern) {
        Verification v = new Verification(Optional.of(type), true, interval, offset, Optional.ofNullable(pattern),
                false, 0, 0, true, true, false);
        JobSpec spec = new JobSpec("g", ReadWrite.WRITE, bs, 1, 1, 0, 0, 0, 50, 0, 1 << 20, 0, OptionalLong.empty(),
                List.of(), 0).withVerification(v);
        return new VerifyBlocks(spec, CostTableFile.defaults());
    }

    /** Checks block {@code n} of {@code data} as fio's check of a job that wrote it: with its seed and write number. */
    private static List<String> check(VerifyBlocks b, byte[] data, int n, int bs) {
        byte[] block = Arrays.copyOfRange(data, n * bs, (n + 1) * bs);
        long seed = FioChecksums.LittleEndian.getLong(block, 8);
        return b.check(block, (long) n * bs, OptionalLong.of(seed), OptionalInt.of(n));
    }

    @ParameterizedTest
    @EnumSource(value = VerifyType.class, names = {"MD5", "CRC64", "CRC32", "CRC32C", "CRC16", "CRC7", "SHA1",
            "SHA3_224", "SHA3_256", "SHA3_384", "SHA3_512", "XXHASH", "META"})
    void blocksFioWroteAreGoodHeaderChecksumAndAll(VerifyType type) throws IOException {
        byte[] fio = golden(type.fioName());
        VerifyBlocks b = blocks(type, 512, 0, 0, null);
        for (int n = 0; n < 2; n++) {
            assertThat(FioChecksums.LittleEndian.getShort(fio, n * 512 + 2)).as("fio's type number")
                    .isEqualTo(type.fioNumber());
            assertThat(check(b, fio, n, 512)).as("block %d of fio's %s", n, type.fioName()).isEmpty();
        }
    }

    @ParameterizedTest
    @EnumSource(value = VerifyType.class, names = {"SHA256", "SHA512"})
    void fiosOwnSha256AndSha512DigestsAreNotTheStandardOnesTheModelStoresButTheirHeadersAreFios(VerifyType type)
            throws IOException {
        List<String> log = check(blocks(type, 512, 0, 0, null), golden(type.fioName()), 0, 512);
        assertThat(log.get(0)).as("the header passed; only the digest differs")
                .startsWith(type.fioName() + ": verify failed at file device offset 0, length 512");
    }

    @ParameterizedTest
    @EnumSource(value = VerifyType.class, names = {"PATTERN_HDR", "PATTERN", "NULL"}, mode = EnumSource.Mode.EXCLUDE)
    void whatTheModelWritesItReadsBackGoodAndAFlippedBitIsCaughtAsFioReportsIt(VerifyType type) {
        VerifyBlocks b = blocks(type, 4096, 0, 0, null);
        byte[] w = b.write(8192, 4096, 42, 7, 1_500_000_000L, 1);
        assertThat(b.check(w, 8192, OptionalLong.of(42), OptionalInt.of(7))).isEmpty();
        byte[] data = w.clone();
        data[4000] ^= 0x10;
        List<String> log = b.check(data, 8192, OptionalLong.of(42), OptionalInt.of(7));
        if (type == VerifyType.META) {
            assertThat(log).as("meta checks the header only").isEmpty();
            return;
        }
        assertThat(log).hasSize(3);
        assertThat(log.get(0)).isEqualTo(type.fioName() + ": verify failed at file device offset 8192, length 4096"
                + " (requested block: offset=8192, length=4096)");
        assertThat(log.get(1)).startsWith("       Expected CRC: ");
        assertThat(log.get(2)).startsWith("       Received CRC: ");
        assertThat(log.get(2).substring(21)).isNotEqualTo(log.get(1).substring(21));
        byte[] header = w.clone();
        header[20] ^= 1;
        assertThat(b.check(header, 8192, OptionalLong.of(42), OptionalInt.of(7))).containsExactly("verify: bad header"
                + " offset " + (8192 + (1L << 32)) + ", wanted 8192 at file device offset 8192, length 4096 (requested"
                + " block: offset=8192, length=4096)");
    }

    @Test
    void theHeaderIsCheckedInFiosOrderMagicLengthSeedOffsetNumberAndCrc() {
        VerifyBlocks b = blocks(VerifyType.CRC32C, 4096, 0, 0, null);
        byte[] w = b.write(0, 4096, 42, 7, 0, 1);
        String at = " at file device offset 0, length 4096 (requested block: offset=0, length=4096)";
        assertThat(b.check(new byte[4096], 0, OptionalLong.of(42), OptionalInt.of(7)))
                .containsExactly("verify: bad magic header 0, wanted acca" + at);
        assertThat(b.check(w, 0, OptionalLong.of(43), OptionalInt.of(7)))
                .containsExactly("verify: bad header rand_seed 42, wanted 43" + at);
        assertThat(b.check(w, 4096, OptionalLong.of(42), OptionalInt.of(7))).first().asString()
                .startsWith("verify: bad header offset 0, wanted 4096 at file device offset 4096");
        assertThat(b.check(w, 0, OptionalLong.of(42), OptionalInt.of(8)))
                .containsExactly("verify: bad header numberio 7, wanted 8" + at);
        byte[] crc = w.clone();
        crc[24] ^= 1;
        assertThat(b.check(crc, 0, OptionalLong.of(42), OptionalInt.of(7))).first().asString()
                .startsWith("verify: bad header crc ");
        assertThat(b.check(w, 0, OptionalLong.empty(), OptionalInt.empty())).as("a read-only job knows neither")
                .isEmpty();
    }

    @Test
    void aPatternIsWrittenByteForByteAsFioWritesItAndABadByteIsReportedAsFioReportsIt() throws IOException {
        VerifyPattern p = new VerifyPattern(new byte[] {(byte) 0xde, (byte) 0xad, (byte) 0xbe, (byte) 0xef, 'a', 'b',
                0, 0, 0, 0, 0, 0, 0, 0}, new int[] {6});
        VerifyBlocks b = blocks(VerifyType.PATTERN, 512, 0, 0, p);
        byte[] fio = golden("pattern");
        for (int n = 0; n < 2; n++) {
            assertThat(b.write(n * 512L, 512, 0, n, 0, 1)).as("block %d, %%o = its offset", n)
                    .isEqualTo(Arrays.copyOfRange(fio, n * 512, (n + 1) * 512));
            assertThat(check(b, fio, n, 512)).isEmpty();
        }
        byte[] bad = Arrays.copyOf(fio, 512);
        bad[100] = 0;
        assertThat(b.check(bad, 0, OptionalLong.empty(), OptionalInt.empty())).containsExactly(
                "fio: got pattern '00', wanted '" + String.format("%02x", fio[100]) + "'. Bad bits "
                        + Integer.bitCount(fio[100] & 0xff),
                "fio: bad pattern block offset 100",
                "pattern: verify failed at file device offset 0, length 512 (requested block: offset=0, length=512)");
    }

    @Test
    void aChecksumOverAPatternAndHeadersEveryIntervalSwappedToAnOffsetAreReadAsFioWroteThem() throws IOException {
        VerifyBlocks crc = blocks(VerifyType.CRC32C, 512, 0, 0, new VerifyPattern(new byte[] {0x12}, new int[0]));
        byte[] fio = golden("crc32c-pattern");
        byte[] ours = crc.write(0, 512, FioChecksums.LittleEndian.getLong(fio, 8), 0, 0, 1);
        assertThat(Arrays.copyOfRange(ours, 40, 512)).as("checksum and data; the header's time (and so its crc) differ")
                .isEqualTo(Arrays.copyOfRange(fio, 40, 512));
        assertThat(check(crc, fio, 1, 512)).isEmpty();
        VerifyBlocks md5 = blocks(VerifyType.MD5, 1024, 512, 64, null);
        byte[] swapped = golden("md5-interval-offset");
        assertThat(FioChecksums.LittleEndian.getShort(swapped, 64)).as("fio's header moved to verify_offset")
                .isEqualTo(VerifyType.MAGIC);
        for (int n = 0; n < 2; n++) {
            assertThat(md5.check(Arrays.copyOfRange(swapped, n * 1024, (n + 1) * 1024), n * 1024L,
                    OptionalLong.empty(), OptionalInt.of(n))).isEmpty();
        }
        byte[] bad = Arrays.copyOf(swapped, 1024);
        bad[512 + 300] ^= 1;
        assertThat(md5.check(bad, 0, OptionalLong.empty(), OptionalInt.empty())).first().asString()
                .isEqualTo("md5: verify failed at file device offset 512, length 512 (requested block: offset=0,"
                        + " length=1024)");
    }

    @Test
    void fiosIntervalIsAtMostTheSmallestWriteAndDividesEverySize() {
        assertThat(VerifyBlocks.interval(0, 4096, 4096)).isEqualTo(4096);
        assertThat(VerifyBlocks.interval(0, 4096, 65536)).isEqualTo(4096);
        assertThat(VerifyBlocks.interval(8192, 4096, 4096)).isEqualTo(4096);
        assertThat(VerifyBlocks.interval(1536, 4096, 4096)).isEqualTo(4096);
        assertThat(VerifyBlocks.interval(512, 4096, 12288)).isEqualTo(512);
    }
}
