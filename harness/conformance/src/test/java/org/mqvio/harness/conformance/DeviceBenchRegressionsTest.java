package org.mqvio.harness.conformance;

import java.util.Map;
import net.jqwik.api.Example;

/** Counter-examples the device contract found, replayed as the shrunk action sequence. */
class DeviceBenchRegressionsTest {

    /**
     * A command that timed out while its batch's doorbell was still to come was invisible to the controller:
     * the Abort was refused, the command was then fetched and lost, and its id never freed, so the queue that
     * had answered DEVICE_BUSY was never restarted. The driver now rings the tail before it aborts.
     */
    @Example
    void aCommandTimedOutBeforeItsDoorbellStillFreesItsSlot() {
        DeviceBench b = DeviceBench.open(SharedRegistry.get(), new DeviceBench.Shape("nvme",
                Map.of("nvme.lost_probability", "0.5", "nvme.timeout_ns", "1", "nvme.queue_depth", "2"), 1, 1));
        b.commit(0);
        b.queue(0, IoOp.parse("Z8+3"), true);
        b.queue(0, IoOp.parse("W26+124"), true);
        b.queue(0, IoOp.parse("R0+1"), true);
        b.queue(0, IoOp.parse("R0+1"), false);
        b.advance(1000);
        b.commit(0);
        b.queue(0, IoOp.parse("R0+1"), true);
        b.checkInvariant();
        b.drainAndCheck();
    }
}
