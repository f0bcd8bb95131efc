package org.mqvio.harness.device;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.mqvio.api.BlockRequest;
import org.mqvio.api.Operation;
import org.mqvio.api.Status;

/**
 * A command past its deadline gets an Abort and stays in flight until the controller is done with it, as Linux's
 * {@code nvme_timeout} keeps it: its request completes with the command's own completion entry, so never while
 * the controller may still execute it.
 */
class NvmeTimeoutTest {
    private static final long TIMEOUT_NS = 30_000;
    private static final long STALL_NS = 400_000;

    private static NvmeRig rig(String lost, String stalled) {
        Map<String, String> settings = new LinkedHashMap<>();
        settings.put("nvme.queues", "1");
        settings.put("nvme.memory_backed", "true");
        settings.put("nvme.capacity_sectors", "4096");
        settings.put("nvme.timeout_ns", String.valueOf(TIMEOUT_NS));
        settings.put("nvme.lost_probability", lost);
        settings.put("nvme.stall_probability", stalled);
        settings.put("nvme.stall_ns", String.valueOf(STALL_NS));
        return new NvmeRig(2, 1, 7, settings);
    }

    @Test
    void aCommandTheControllerServesPastItsDeadlineCompletesWithItsOwnStatusWhenItIsDone() {
        NvmeRig rig = rig("0.0", "1.0");
        byte[] data = new byte[4096];
        Arrays.fill(data, (byte) 0x5A);
        BlockRequest write = rig.request(Operation.WRITE, 8, data.length, 0, false, data, (ctx, r) -> { });
        rig.submitLater(0, List.of(write));
        rig.runUntil(10 * STALL_NS);

        // Before: TIMEOUT at the deadline, while the stalled write was still to be executed.
        assertThat(write.status()).isEqualTo(Status.OK);
        assertThat(write.completedNs()).as("completed after the stall, not at the deadline").isGreaterThan(STALL_NS);
        assertThat(rig.stat("timeouts")).isEqualTo(1);
        assertThat(rig.stat("aborts")).isEqualTo(1);
        assertThat(rig.stat("late_completions")).isEqualTo(1);
        assertThat(rig.stat("outstanding")).as("command ids still taken after the drain").isZero();

        BlockRequest read = rig.request(Operation.READ, 8, data.length, 0, false, null, (ctx, r) -> { });
        rig.submitLater(0, List.of(read));
        rig.runUntil(20 * STALL_NS);
        assertThat(read.status()).isEqualTo(Status.OK);
        assertThat(read.data()).isEqualTo(data);
    }

    @Test
    void aLostCommandIsAbortedAndEndsTimedOut() {
        NvmeRig rig = rig("1.0", "0.0");
        BlockRequest write = rig.request(Operation.WRITE, 8, 4096, 0, false, new byte[4096], (ctx, r) -> { });
        rig.submitLater(0, List.of(write));
        rig.runUntil(10 * STALL_NS);

        assertThat(write.status()).isEqualTo(Status.TIMEOUT);
        assertThat(write.completedNs()).isGreaterThanOrEqualTo(TIMEOUT_NS);
        assertThat(rig.host.completionsOf(write.id())).isEqualTo(1);
        assertThat(rig.stat("late_completions")).isZero();
        assertThat(rig.stat("outstanding")).isZero();
    }
}
