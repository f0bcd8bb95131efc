package org.mqvio.harness.workload;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.mqvio.api.cost.Cost;
import org.mqvio.api.spi.ProviderRegistry;
import org.mqvio.harness.stack.CostTableFile;
import org.mqvio.harness.stack.StackConfig;

/**
 * Verifying jobs through the whole stack (guest memory, virtqueue, IoThread, host blk-mq, NVMe) on a memory-backed
 * device: what fio's {@code do_io()} then {@code do_verify()} do, and a real corruption found as fio finds it.
 */
class VerifyJobTest {
    private static final ProviderRegistry REGISTRY = ProviderRegistry.load();
    private static final StackConfig STORED = StackConfig.defaults(1).withSetting("nvme.memory_backed", "true");

    private static JobSpec job(ReadWrite rw, int iodepth, long amount, Verification v) {
        return new JobSpec("v", rw, 4096, iodepth, 1, 0, 0, 0, 50, 0, amount, 0, OptionalLong.of(3), List.of(), 0)
                .withVerification(v).withLogIos(true);
    }

    private static Verification verify(VerifyType type) {
        return new Verification(Optional.of(type), true, 0, 0, Optional.empty(), false, 0, 0, true, true, false);
    }

    private static CloneResult clone(RunResult r) {
        return r.jobs().get(0).clones().get(0);
    }

    private static Set<Long> offsets(DirectionStats d) {
        CompletedIos ios = d.completedIos().orElseThrow();
        Set<Long> s = new HashSet<>();
        for (int i = 0; i < ios.size(); i++) {
            s.add(ios.offsetBytes(i));
        }
        return s;
    }

    @Test
    void aWriteJobReadsBackEveryBlockItWroteOnceAfterItsWritePhaseAndCountsThemAsReads() {
        CloneResult c = clone(SimulationRun.run(REGISTRY, STORED, job(ReadWrite.WRITE, 4, 64 * 4096,
                verify(VerifyType.CRC32C))));
        assertThat(c.failure()).isEmpty();
        assertThat(c.write().ios()).isEqualTo(64);
        assertThat(c.read().ios()).as("one verify read per written block").isEqualTo(64);
        assertThat(offsets(c.read())).isEqualTo(offsets(c.write())).hasSize(64);
        CompletedIos w = c.write().completedIos().orElseThrow();
        CompletedIos r = c.read().completedIos().orElseThrow();
        assertThat(r.reapNs(0) - r.latNs(0)).as("the verify phase starts after the last write was reaped")
                .isGreaterThanOrEqualTo(w.reapNs(w.size() - 1));
        assertThat(c.read().runtimeNs() + c.write().runtimeNs()).as("fio's read runtime is the verify phase's")
                .isEqualTo(c.windowEndNs() - c.windowStartNs());
    }

    /** 256 random 4 KiB writes over a region of 64 blocks ({@code io_size} four times {@code size}). */
    private static JobSpec randomWritesFourTimesTheRegion(BlockCoverage coverage, int iodepth) {
        return new JobSpec("v", ReadWrite.RANDWRITE, 4096, iodepth, 1, 0, 0, 64 * 4096, 50, 0, 256 * 4096, 0,
                OptionalLong.of(5), List.of(), 0).withAccess(AccessPattern.DEFAULT.withCoverage(coverage))
                .withVerification(verify(VerifyType.MD5)).withLogIos(true);
    }

    @Test
    void withNorandommapOverwrittenBlocksAreReadBackOnceStillHoldingTheirLastWrite() {
        CloneResult c = clone(SimulationRun.run(REGISTRY, STORED.withSetting("nvme.completion", "timer"),
                randomWritesFourTimesTheRegion(BlockCoverage.WITH_REPLACEMENT, 8)));
        assertThat(c.failure()).isEmpty();
        assertThat(c.write().ios()).isEqualTo(256);
        assertThat(offsets(c.read())).as("overwritten blocks are verified once, with their last data")
                .isEqualTo(offsets(c.write()));
        assertThat(c.read().ios()).isEqualTo(offsets(c.write()).size()).isLessThan(64 + 1);
        CompletedIos r = c.read().completedIos().orElseThrow();
        for (int i = 1; i < r.size(); i++) {
            assertThat(r.offsetBytes(i)).as("without a random map fio reads back in offset order (its rb-tree)")
                    .isGreaterThan(r.offsetBytes(i - 1));
        }
    }

    /**
     * fio's default random map uses each block once per pass; its {@code thread_main()} verifies after each
     * {@code do_io()} pass, and {@code io_size} asks for four passes: 64 writes and 64 verify reads each, read back in
     * the order they were written (at iodepth 1, so that the order reaped is the order issued).
     */
    @Test
    void withTheRandomMapEveryPassWritesEachBlockOnceAndIsVerifiedBeforeTheNext() {
        CloneResult c = clone(SimulationRun.run(REGISTRY, STORED.withSetting("nvme.completion", "timer"),
                randomWritesFourTimesTheRegion(BlockCoverage.RANDOM_MAP, 1)));
        assertThat(c.failure()).isEmpty();
        assertThat(c.write().ios()).isEqualTo(256);
        assertThat(c.read().ios()).isEqualTo(256);
        assertThat(offsets(c.write())).hasSize(64);
        CompletedIos w = c.write().completedIos().orElseThrow();
        CompletedIos r = c.read().completedIos().orElseThrow();
        for (int pass = 0; pass < 4; pass++) {
            Set<Long> written = new HashSet<>();
            for (int i = 64 * pass; i < 64 * (pass + 1); i++) {
                written.add(w.offsetBytes(i));
            }
            assertThat(written).as("pass %d writes each block once", pass).hasSize(64);
            for (int i = 64 * pass; i < 64 * (pass + 1); i++) {
                assertThat(r.offsetBytes(i)).as("with its random map fio reads back in write order (its list)")
                        .isEqualTo(w.offsetBytes(i));
            }
            assertThat(r.reapNs(64 * pass) - r.latNs(64 * pass)).as("pass %d is verified after its last write", pass)
                    .isGreaterThanOrEqualTo(w.reapNs(64 * pass + 63));
            if (pass < 3) {
                assertThat(w.reapNs(64 * (pass + 1)) - w.latNs(64 * (pass + 1)))
                        .as("pass %d starts after the verify of pass %d", pass + 1, pass)
                        .isGreaterThanOrEqualTo(r.reapNs(64 * pass + 63));
            }
        }
    }

    @Test
    void aMixedJobVerifiesWhatItWroteAfterItsPhaseBesidesItsOwnReads() {
        CloneResult c = clone(SimulationRun.run(REGISTRY, STORED, job(ReadWrite.RW, 2, 64 * 4096,
                verify(VerifyType.XXHASH))));
        assertThat(c.failure()).isEmpty();
        long writes = c.write().ios();
        assertThat(writes).isPositive().isLessThan(64);
        assertThat(c.read().ios()).as("its own reads plus one verify read per block written")
                .isEqualTo(64 - writes + offsets(c.write()).size());
    }

    @Test
    void verifyBacklogReadsBackBatchesDuringTheWritePhase() {
        Verification backlog = new Verification(Optional.of(VerifyType.CRC32C), true, 0, 0, Optional.empty(), false,
                8, 0, true, true, false);
        CloneResult c = clone(SimulationRun.run(REGISTRY, STORED, job(ReadWrite.WRITE, 1, 64 * 4096, backlog)));
        assertThat(c.failure()).isEmpty();
        assertThat(c.write().ios()).isEqualTo(64);
        assertThat(c.read().ios()).isEqualTo(64);
        CompletedIos w = c.write().completedIos().orElseThrow();
        CompletedIos r = c.read().completedIos().orElseThrow();
        assertThat(r.reapNs(0)).as("the first batch is verified long before the writes end")
                .isLessThan(w.reapNs(w.size() / 2));
    }

    @Test
    void aCorruptedReadFailsTheJobWithFiosEilseqAndItsLogLines() {
        CloneResult c = clone(SimulationRun.run(REGISTRY, STORED.withSetting("nvme.corrupt_read_probability", "0.1"),
                job(ReadWrite.WRITE, 4, 256 * 4096, verify(VerifyType.SHA1))));
        CloneFailure f = c.failure().orElseThrow();
        assertThat(f.errno()).isEqualTo(84);
        assertThat(f.function()).isEqualTo("io_u_queued_complete");
        assertThat(f.message()).matches("sha1: verify failed at file device offset (\\d+), length 4096 \\(requested"
                + " block: offset=\\1, length=4096\\)\n       Expected CRC: [0-9a-f]{40}\n       Received CRC:"
                + " [0-9a-f]{40}");
        assertThat(c.read().ios()).as("the job ended at the bad block").isLessThan(256);
    }

    @Test
    void writesLostToAPowerLossAreReadBackAsZeroesAndFailOnTheirMagic() {
        CloneResult c = clone(SimulationRun.run(REGISTRY, STORED.withSetting("nvme.power_loss_at_ns", "300000"),
                job(ReadWrite.WRITE, 1, 64 * 4096, verify(VerifyType.CRC32C))));
        assertThat(c.failure().orElseThrow().message()).isEqualTo("verify: bad magic header 0, wanted acca at file"
                + " device offset 0, length 4096 (requested block: offset=0, length=4096)");
    }

    @Test
    void theChecksumCostsTheVcpuTheMeasuredTimePerByteInTheWritesSubmission() {
        double md5 = clone(SimulationRun.run(REGISTRY, STORED, job(ReadWrite.WRITE, 1, 16 * 4096,
                verify(VerifyType.MD5)))).write().slat().mean();
        double none = clone(SimulationRun.run(REGISTRY, STORED, job(ReadWrite.WRITE, 1, 16 * 4096,
                verify(VerifyType.NULL)))).write().slat().mean();
        var costs = CostTableFile.defaults();
        long expected = costs.get(Cost.VERIFY_MD5) * (4096 - 56) / (1 << 20) + costs.get(Cost.VERIFY_CRC32C) * 36 / (1 << 20);
        assertThat(md5 - none).isEqualTo((double) expected);
    }

    @Test
    void fillDeviceWritesFromTheOffsetToTheDevicesEndAndStopsThere() {
        StackConfig small = STORED.withSetting("nvme.capacity_sectors", "2048");
        Verification fill = Verification.NONE.withFillDevice(true);
        long limitNs = 20_000_000;
        JobSpec j = new JobSpec("f", ReadWrite.WRITE, 4096, 4, 1, limitNs, 0, 0, 50, 256 << 10, 0, 0,
                OptionalLong.empty(), List.of(), 0, JobPacing.NONE, AccessPattern.DEFAULT, IoLog.NONE, false, fill);
        CloneResult c = clone(SimulationRun.run(REGISTRY, small, j));
        assertThat(c.write().ios()).isEqualTo((1024 - 256) / 4);
        assertThat(c.windowEndNs()).as("it stopped at the device's end, not at its time limit").isLessThan(limitNs);
        assertThat(c.errors()).isZero();
        CloneResult verified = clone(SimulationRun.run(REGISTRY, small, j.withVerification(
                verify(VerifyType.CRC32).withFillDevice(true))));
        assertThat(verified.read().ios()).isEqualTo(verified.write().ios()).isEqualTo(192);
    }

    @Test
    void verifyingNeedsADeviceThatStoresData() {
        assertThatThrownBy(() -> SimulationRun.run(REGISTRY, StackConfig.defaults(1), job(ReadWrite.WRITE, 1, 4096,
                verify(VerifyType.MD5))))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("job 'v': verify=md5 reads back the data it writes, which needs a device that stores data;"
                        + " allowed: add --set nvme.memory_backed=true");
    }
}
