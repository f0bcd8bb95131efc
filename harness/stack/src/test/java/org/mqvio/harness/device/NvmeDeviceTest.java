package org.mqvio.harness.device;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import net.jqwik.api.Example;
import org.mqvio.api.BlockRequest;
import org.mqvio.api.DispatchResult;
import org.mqvio.api.Operation;
import org.mqvio.api.Status;
import org.mqvio.api.device.StorageDevice;
import org.mqvio.api.runtime.ContextKind;
import org.mqvio.api.runtime.ExecutionContext;
import org.mqvio.harness.sim.SimPlatform;
import org.mqvio.harness.stack.CostTableFile;

/**
 * Provider {@code nvme} through its public contract: GET_ID answered by Identify, NVMe statuses mapped to
 * block statuses, where completions run in each mode, busy answers at the queue depth, interrupt
 * coalescing, and configuration errors.
 */
class NvmeDeviceTest {

    private static BlockRequest runOne(NvmeRig rig, Operation op, long sector, int bytes) {
        List<ExecutionContext> where = new ArrayList<>();
        BlockRequest r = rig.request(op, sector, bytes, 0, false, op == Operation.WRITE ? new byte[bytes] : null,
                (ctx, done) -> where.add(ctx));
        rig.submitLater(0, List.of(r));
        rig.runUntil(rig.platform.nanoTime() + 10_000_000);
        assertThat(where).hasSize(1);
        return r;
    }

    @Example
    void getIdReturnsTheSerialThroughIdentify() {
        NvmeRig rig = new NvmeRig(2, 1, 1, Map.of("nvme.serial", "SN-42", "nvme.completion", "timer"));
        BlockRequest r = runOne(rig, Operation.GET_ID, 0, BlockRequest.ID_BYTES);
        assertThat(r.status()).isEqualTo(Status.OK);
        byte[] expected = Arrays.copyOf("SN-42".getBytes(StandardCharsets.US_ASCII), BlockRequest.ID_BYTES);
        assertThat(r.data()).isEqualTo(expected);
        assertThat(rig.device.serial()).isEqualTo("SN-42");
        assertThat(rig.stat("outstanding")).isZero();
    }

    @Example
    void nvmeStatusesMapToBlockStatuses() {
        NvmeRig rig = new NvmeRig(2, 1, 1, Map.of("nvme.capacity_sectors", "10000", "nvme.badblocks", "100-199"));
        assertThat(runOne(rig, Operation.READ, 9992, 4096).status()).isEqualTo(Status.OK);
        assertThat(runOne(rig, Operation.READ, 9993, 4096).status()).as("LBA past the end").isEqualTo(Status.TARGET_ERROR);
        assertThat(runOne(rig, Operation.WRITE, 1L << 40, 512).status()).isEqualTo(Status.TARGET_ERROR);
        assertThat(runOne(rig, Operation.READ, 0, 0).status()).as("no blocks").isEqualTo(Status.NOT_SUPPORTED);
        assertThat(runOne(rig, Operation.WRITE_ZEROES, 0, 65537 * 512).status()).as("more than 65536 blocks")
                .isEqualTo(Status.NOT_SUPPORTED);
        assertThat(runOne(rig, Operation.READ, 96, 4096).status()).as("touches a bad block").isEqualTo(Status.MEDIUM_ERROR);
        assertThat(runOne(rig, Operation.WRITE, 199, 512).status()).isEqualTo(Status.MEDIUM_ERROR);
        assertThat(runOne(rig, Operation.DISCARD, 100, 4096).status()).as("deallocation spares the media")
                .isEqualTo(Status.OK);
        assertThat(runOne(rig, Operation.FLUSH, 0, 0).status()).isEqualTo(Status.OK);
        assertThat(rig.stat("errors")).isEqualTo(6);
        assertThat(rig.stat("rejected")).isEqualTo(2);
        NvmeRig failing = new NvmeRig(2, 1, 1, Map.of("nvme.error_probability", "1"));
        assertThat(runOne(failing, Operation.READ, 0, 512).status()).isEqualTo(Status.MEDIUM_ERROR);
        assertThat(runOne(failing, Operation.FLUSH, 0, 0).status()).as("internal error").isEqualTo(Status.IO_ERROR);
    }

    @Example
    void modeNoneCompletesInTheSubmittingContextTheOthersOnTheVectorsInterruptContext() {
        for (String mode : List.of("none", "timer", "flash")) {
            // Without a link, as null_blk: with one, even mode none completes after the transfer, by interrupt.
            NvmeRig rig = new NvmeRig(4, 2, 1, Map.of("nvme.completion", mode, "nvme.irq_cpus", "3,2",
                    "nvme.link", "none"));
            List<ExecutionContext> where = new ArrayList<>();
            BlockRequest r = rig.request(Operation.READ, 0, 4096, 1, false, null, (ctx, done) -> where.add(ctx));
            rig.submitLater(0, List.of(r));
            rig.runUntil(1_000_000);
            assertThat(where).hasSize(1);
            if (mode.equals("none")) {
                assertThat(where.get(0)).isSameAs(rig.cpus.get(1));
                assertThat(rig.stat("interrupts")).isZero();
            } else {
                assertThat(where.get(0).name()).isEqualTo("nvme-irq1");
                assertThat(where.get(0).kind()).isEqualTo(ContextKind.IRQ);
                assertThat(rig.stat("interrupts")).isEqualTo(1);
            }
        }
    }

    @Example
    void aFullQueueAnswersDeviceBusyAtDepthMinusOne() {
        SimPlatform platform = new SimPlatform(CostTableFile.defaults(), 1, 1);
        var device = NvmeRig.create(platform, 1, Map.of("nvme.queue_depth", "4", "nvme.completion", "timer"));
        assertThat(device.queueDepth(0)).isEqualTo(3);
        int[] restarts = {0};
        device.bind(new org.mqvio.api.block.BlockLayer() {
            @Override
            public void submit(ExecutionContext context, BlockRequest request) {
            }

            @Override
            public void complete(ExecutionContext context, BlockRequest request, Status status) {
                request.complete(context, status, platform.nanoTime());
            }

            @Override
            public void restart(ExecutionContext context, int queue) {
                restarts[0]++;
            }

            @Override
            public long capacitySectors() {
                return device.capacitySectors();
            }

            @Override
            public org.mqvio.api.stats.Statistics statistics() {
                return org.mqvio.api.stats.Statistics.zeros(org.mqvio.api.stats.CounterSet.of());
            }
        });
        ExecutionContext cpu = platform.newContext(org.mqvio.api.runtime.ContextSpec.of("cpu", ContextKind.HOST));
        List<DispatchResult> answers = new ArrayList<>();
        cpu.post(0, () -> {
            for (int i = 0; i < 5; i++) {
                BlockRequest r = BlockRequest.builder(Operation.READ).id(i).sector(0).length(512)
                        .completion((c, d) -> { }).build();
                answers.add(device.queueRequest(cpu, 0, r, i == 4));
            }
            device.commit(cpu, 0);
        });
        platform.runUntil(1_000_000);
        assertThat(answers).containsExactly(DispatchResult.OK, DispatchResult.OK, DispatchResult.OK,
                DispatchResult.DEVICE_BUSY, DispatchResult.DEVICE_BUSY);
        assertThat(restarts[0]).isEqualTo(1);
        assertThat(device.statistics().get(StorageDevice.COMPLETIONS)).isEqualTo(3);
        assertThatThrownBy(() -> device.queueDepth(1)).hasMessageContaining("queues: 0..0");
    }

    @Example
    void coalescingRaisesOneInterruptPerThresholdOrAfterTheAggregationTime() {
        NvmeRig rig = new NvmeRig(2, 1, 1, Map.of("nvme.completion", "timer", "nvme.irq_coalesce_threshold", "4",
                "nvme.irq_coalesce_time_ns", "100000"));
        List<BlockRequest> batch = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            batch.add(rig.request(Operation.READ, 8L * i, 4096, 0, false, null, (c, r) -> { }));
        }
        rig.submitLater(0, batch);
        rig.runUntil(1_000_000);
        assertThat(rig.stat("interrupts")).isEqualTo(2);
        BlockRequest alone = rig.request(Operation.READ, 0, 4096, 0, false, null, (c, r) -> { });
        rig.submitLater(0, List.of(alone));
        rig.runUntil(3_000_000);
        assertThat(rig.stat("interrupts")).isEqualTo(3);
        assertThat(alone.completedNs() - alone.submittedNs()).as("held back by the aggregation time")
                .isGreaterThanOrEqualTo(10_000 + 100_000);
    }

    @Example
    void invalidConfigurationsAreClearErrors() {
        SimPlatform platform = new SimPlatform(CostTableFile.defaults(), 2, 1);
        assertThatThrownBy(() -> NvmeRig.create(platform, 2, Map.of("nvme.queue_depth", "1")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("nvme.queue_depth=1")
                .hasMessageContaining("[2, 65536]");
        assertThatThrownBy(() -> NvmeRig.create(platform, 2, Map.of("nvme.queue_depth", "65537")))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> NvmeRig.create(platform, 2, Map.of("nvme.queues", "200")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("nvme.queues=200")
                .hasMessageContaining("nvme.max_queues=128");
        assertThatThrownBy(() -> NvmeRig.create(platform, 2, Map.of("nvme.irq_cpus", "2")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("CPU 2 does not exist");
        assertThatThrownBy(() -> NvmeRig.create(platform, 2, Map.of("nvme.badblocks", "1-2-3")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("nvme.badblocks");
    }
}
