package org.mqvio.harness.device;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.mqvio.api.spi.ProviderRegistry;
import org.mqvio.harness.stack.StackConfig;
import org.mqvio.harness.workload.JobSpec;
import org.mqvio.harness.workload.ReadWrite;
import org.mqvio.harness.workload.RunResult;
import org.mqvio.harness.workload.SimulationRun;

/**
 * Block size costs what the data path makes it cost: every command's data crosses the PCIe link (default
 * PCIe 3.0 x4) and, when limited, the media's data path, each a shared resource. So IOPS fall with block
 * size, bandwidth levels off at the slowest resource and never passes it, a small transfer on an idle
 * device takes only its bytes over the bandwidth, and reads and writes each have their own limits.
 * The limits here are computed from the PCIe figures, not read from the device.
 */
class NvmeBandwidthTest {
    private static final ProviderRegistry REGISTRY = ProviderRegistry.load();
    /** PCIe 3.0 x4 data bandwidth per direction: 8 GT/s x 4 lanes, 128b/130b, 256-byte payloads of 24-byte TLPs. */
    private static final double PCIE3X4 = 8e9 * 4 * 128 / 130 / 8 * 256 / (256 + 24);
    private static final long RUNTIME = 10_000_000;
    private static final long RAMP = 2_000_000;

    /** {@code numjobs} jobs of {@code rw} at {@code bs} and {@code iodepth} on the native stack, 8 host CPUs. */
    private static RunResult run(StackConfig config, ReadWrite rw, int bs, int numjobs, int iodepth) {
        return SimulationRun.run(REGISTRY, config.withDataPlane("native").withHostCpus(8),
                new JobSpec("bw", rw, bs, iodepth, numjobs, RUNTIME, RAMP, 0, 50));
    }

    private static RunResult seqRead(StackConfig config, int bs) {
        return run(config, ReadWrite.READ, bs, 4, 32);
    }

    private static double meanLatency(StackConfig config, ReadWrite rw) {
        return run(config, rw, 4096, 1, 1).latencyNs().get("mean");
    }

    /** The most a resource of {@code bytesPerSecond} can finish in the window: one transfer may straddle its start. */
    private static double ceiling(double bytesPerSecond, int bs) {
        return bytesPerSecond + bs / (RUNTIME / 1e9);
    }

    @Example
    void iopsFallWithBlockSizeAndBandwidthLevelsOffAtTheLink() {
        StackConfig defaults = StackConfig.defaults(4);
        RunResult small = seqRead(defaults, 4096);
        RunResult medium = seqRead(defaults, 64 * 1024);
        RunResult large = seqRead(defaults, 1024 * 1024);
        assertThat(medium.iops()).as("64 KiB against 4 KiB").isLessThan(small.iops() / 4);
        assertThat(large.iops()).as("1 MiB against 64 KiB").isLessThan(medium.iops() / 8);
        for (RunResult r : new RunResult[] {medium, large}) {
            assertThat(r.bandwidthBytes()).as("bs=%d levels off at the link", r.job().blockSize())
                    .isBetween(0.97 * PCIE3X4, ceiling(PCIE3X4, r.job().blockSize()));
        }
    }

    @Property(tries = 8)
    void bandwidthNeverPassesTheLink(@ForAll @IntRange(min = 0, max = 8) int bsLog, @ForAll @IntRange(min = 1, max = 4) int jobs,
                                     @ForAll @IntRange(min = 0, max = 6) int depthLog) {
        int bs = 4096 << bsLog;
        RunResult r = run(StackConfig.defaults(jobs), ReadWrite.READ, bs, jobs, 1 << depthLog);
        assertThat(r.ios()).isPositive();
        assertThat(r.bandwidthBytes()).as("bs=%d numjobs=%d iodepth=%d", bs, jobs, 1 << depthLog)
                .isLessThanOrEqualTo(ceiling(PCIE3X4, bs));
    }

    @Example
    void aSmallTransferOnAnIdleDeviceAddsItsBytesOverTheBandwidthOnly() {
        // Timer mode, so that both devices complete through the interrupt and only the transfer differs.
        StackConfig noLink = StackConfig.defaults(1).withSetting("nvme.completion", "timer")
                .withSetting("nvme.completion_nsec", "10000").withSetting("nvme.link", "none");
        StackConfig link = noLink.withSetting("nvme.link", "pcie3x4");
        double transfer = Math.ceil(4096 / PCIE3X4 * 1e9);
        // Latencies are recorded in a histogram of 3 significant digits: at ~12 us, to 10 ns.
        for (ReadWrite rw : new ReadWrite[] {ReadWrite.READ, ReadWrite.WRITE}) {
            assertThat(meanLatency(link, rw) - meanLatency(noLink, rw)).as("%s", rw).isCloseTo(transfer, within(20.0));
        }
        StackConfig slowMedia = link.withSetting("nvme.media_read_mbps", "1000");
        assertThat(meanLatency(slowMedia, ReadWrite.READ) - meanLatency(noLink, ReadWrite.READ))
                .as("the slowest resource: 1000 MB/s media").isCloseTo(4096.0, within(20.0)); // 4096 bytes at 10^9 B/s
    }

    @Example
    void readsAndWritesUseTheirOwnLimits() {
        // A Samsung 970 PRO 1 TB's datasheet figures: sequential read 3,500 MB/s, write 2,700 MB/s.
        StackConfig ssd = StackConfig.defaults(4).withSetting("nvme.media_read_mbps", "3500")
                .withSetting("nvme.media_write_mbps", "2700");
        int mib = 1024 * 1024;
        assertThat(run(ssd, ReadWrite.READ, mib, 4, 32).bandwidthBytes()).isBetween(0.97 * 3.5e9, ceiling(3.5e9, mib));
        assertThat(run(ssd, ReadWrite.WRITE, mib, 4, 32).bandwidthBytes()).isBetween(0.97 * 2.7e9, ceiling(2.7e9, mib));
        // The link is full duplex: reads and writes together move more than one direction carries.
        RunResult mixed = run(StackConfig.defaults(4), ReadWrite.RW, mib, 4, 32);
        double read = mixed.jobs().get(0).clones().stream().mapToDouble(c -> c.read().bytesPerSecond()).sum();
        double write = mixed.jobs().get(0).clones().stream().mapToDouble(c -> c.write().bytesPerSecond()).sum();
        assertThat(read).isLessThanOrEqualTo(ceiling(PCIE3X4, mib));
        assertThat(write).isLessThanOrEqualTo(ceiling(PCIE3X4, mib));
        assertThat(read + write).isGreaterThan(1.5 * PCIE3X4);
    }
}
