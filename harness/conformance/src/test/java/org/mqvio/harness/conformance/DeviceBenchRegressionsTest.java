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

    /**
     * A completion reaped from the completion queue gave its command's room back before the request had completed
     * upward (that still costs host_complete on the interrupt context), so a host CPU could queue one more request
     * than the queue's depth in between. The room now frees when the request has ended, as a blk-mq tag does.
     */
    @Example
    void aQueueNeverHoldsMoreThanItsDepthWhileACompletionIsOnItsWayUp() {
        DeviceBench b = DeviceBench.open(SharedRegistry.get(), new DeviceBench.Shape("nvme",
                Map.of("nvme.completion", "flash", "nvme.queue_depth", "2"), 3, 0));
        b.advance(1000);
        b.advance(50000);
        b.queue(1, IoOp.parse("Rend-7+1"), true);
        b.queue(1, IoOp.parse("W4+3!"), true);
        b.advance(1000000);
        b.queue(2, IoOp.parse("F"), true);
        b.commit(1);
        b.queue(1, IoOp.parse("W24+6"), true);
        b.queue(2, IoOp.parse("R16295+1"), true);
        b.advance(1000);
        b.queue(0, IoOp.parse("Z6+3"), true);
        b.commit(1);
        b.queue(0, IoOp.parse("W2+4"), false);
        b.queue(2, IoOp.parse("Rend-9+5"), false);
        b.queue(2, IoOp.parse("W9+6!"), true);
        b.queue(1, IoOp.parse("R15+5"), true);
        b.queue(1, IoOp.parse("F"), false);
        b.queue(0, IoOp.parse("W17+3"), false);
        b.queue(0, IoOp.parse("W3+7"), true);
        b.commit(1);
        b.queue(2, IoOp.parse("Wend-2+2"), true);
        b.queue(0, IoOp.parse("Rend-15+7"), true);
        b.queue(2, IoOp.parse("R10829+4"), true);
        b.commit(1);
        b.queue(0, IoOp.parse("Wend-14+6!"), true);
        b.queue(0, IoOp.parse("D22006+6"), true);
        b.queue(1, IoOp.parse("Zend-14+1"), true);
        b.queue(2, IoOp.parse("W5+7!"), false);
        b.queue(1, IoOp.parse("R5+54"), true);
        b.commit(1);
        b.queue(1, IoOp.parse("R11+7"), true);
        b.queue(1, IoOp.parse("Z2462+8"), true);
        b.queue(1, IoOp.parse("W23+5"), true);
        b.queue(1, IoOp.parse("Rend-9+7"), true);
        b.checkInvariant();
        b.drainAndCheck();
    }
}
