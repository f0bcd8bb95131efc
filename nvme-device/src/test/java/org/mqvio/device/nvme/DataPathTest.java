package org.mqvio.device.nvme;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import net.jqwik.api.Example;

/**
 * The data path's timing: a transfer on an idle resource takes its bytes over the bandwidth; transfers
 * queue behind each other on one resource; reads and writes cross separate link directions but share the
 * media's data path, each at its own rate; the slowest resource sets the time; commands without data cross
 * nothing. And the PCIe link's data bandwidth from its generation, lanes and payload size.
 */
class DataPathTest {
    /** 10^9 bytes per second: one byte per nanosecond. */
    private static final long GB = 1_000_000_000L;

    private static List<Long> serve(ManualPlatform p, DataPath path, List<Command> commands) {
        List<Long> done = new ArrayList<>();
        for (Command c : commands) {
            path.serve(c, () -> done.add(p.nanoTime()));
        }
        p.runAll();
        return done;
    }

    @Example
    void anIdleTransferTakesItsBytesOverTheBandwidthAndTransfersQueue() {
        ManualPlatform p = new ManualPlatform();
        DataPath link = new DataPath(p, ServiceTime.immediate(), GB, 0, 0);
        assertThat(serve(p, link, List.of(Command.read(0, 0, 8, 0)))).containsExactly(4096L);
        assertThat(serve(p, link, List.of(Command.read(1, 0, 8, 0), Command.read(2, 8, 8, 0), Command.read(3, 0, 2048, 0))))
                .containsExactly(8192L, 12_288L, 12_288L + 1024 * 1024);
    }

    @Example
    void readsAndWritesCrossTheirOwnLinkDirections() {
        ManualPlatform p = new ManualPlatform();
        DataPath link = new DataPath(p, ServiceTime.immediate(), GB, 0, 0);
        assertThat(serve(p, link, List.of(Command.read(0, 0, 8, 0), Command.write(1, 0, 8, false, 0))))
                .containsExactly(4096L, 4096L);
    }

    @Example
    void theMediaIsSharedByReadsAndWritesEachAtItsOwnRate() {
        ManualPlatform p = new ManualPlatform();
        DataPath media = new DataPath(p, ServiceTime.immediate(), 0, 2 * GB, GB);
        assertThat(serve(p, media, List.of(Command.write(0, 0, 8, false, 0), Command.read(1, 0, 8, 0))))
                .containsExactly(4096L, 4096L + 2048);
    }

    @Example
    void theSlowestResourceSetsTheTime() {
        ManualPlatform p = new ManualPlatform();
        DataPath both = new DataPath(p, ServiceTime.immediate(), 4 * GB, GB, 0);
        assertThat(serve(p, both, List.of(Command.read(0, 0, 8, 0)))).containsExactly(4096L);
        assertThat(serve(p, both, List.of(Command.write(1, 0, 8, false, 0)))).as("writes: the link only")
                .containsExactly(4096L + 1024);
    }

    @Example
    void readsMoveAfterTheMediaWorkWritesBefore() {
        ManualPlatform p = new ManualPlatform();
        DataPath timed = new DataPath(p, ServiceTime.timer(p, 10_000), GB, 0, 0);
        assertThat(serve(p, timed, List.of(Command.read(0, 0, 8, 0), Command.write(1, 0, 8, false, 0))))
                .containsExactly(14_096L, 14_096L);
        // Two reads: both leave the media at 10 us; the second's data waits for the first's on the link.
        p = new ManualPlatform();
        timed = new DataPath(p, ServiceTime.timer(p, 10_000), GB, 0, 0);
        assertThat(serve(p, timed, List.of(Command.read(0, 0, 8, 0), Command.read(1, 8, 8, 0))))
                .containsExactly(14_096L, 18_192L);
    }

    @Example
    void commandsWithoutDataCrossNothing() {
        ManualPlatform p = new ManualPlatform();
        DataPath link = new DataPath(p, ServiceTime.immediate(), 1, 1, 1);
        assertThat(serve(p, link, List.of(Command.flush(0), Command.writeZeroes(1, 0, 2048)))).containsExactly(0L, 0L);
    }

    @Example
    void pcieBandwidthFromGenerationLanesAndPayload() {
        // Gen3: 8 GT/s, 128b/130b; 256-byte payloads in TLPs of 24 more bytes.
        assertThat(PcieLink.parse("pcie3x4", 256).bytesPerSecond()).isEqualTo((long) (4 * 8e9 * 128 / 130 / 8 * 256 / 280));
        assertThat(PcieLink.parse("pcie3x4", 256).bytesPerSecond()).isBetween(3_600_000_000L, 3_602_000_000L);
        // Gen2: 5 GT/s, 8b/10b.
        assertThat(PcieLink.parse("pcie2x8", 128).bytesPerSecond()).isEqualTo((long) (8 * 5e9 * 8 / 10 / 8 * 128 / 152));
        assertThat(PcieLink.parse("pcie4x4", 512).bytesPerSecond()).isEqualTo((long) (4 * 16e9 * 128 / 130 / 8 * 512 / 536));
        assertThat(PcieLink.parse("none", 256)).isNull();
        assertThat(PcieLink.choices()).contains("none", "pcie1x1", "pcie3x4", "pcie5x16").hasSize(26);
        assertThatThrownBy(() -> PcieLink.parse("pcie3x4", 384)).hasMessageContaining("nvme.link_max_payload=384")
                .hasMessageContaining("allowed: 128, 256");
    }
}
