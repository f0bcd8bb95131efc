package org.mqvio.harness.blocklayer;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import org.mqvio.api.BlockRequest;

/**
 * The contract of a block layer configured not to reorder (blk-mq with {@code none}, the single queue with
 * {@code noop}): with merging off, requests reach each hardware queue in the order they were submitted,
 * busy answers and tag waits included.
 */
interface OrderedBlockLayerContract extends BlockLayerContract {

    /** The parameter that turns merging off. */
    String nomergesParameter();

    @Property(tries = 120)
    default void requestsReachEachHardwareQueueInSubmissionOrder(@ForAll("workloads") Workload w) {
        Rig rig = w.start(Rig.of(provider()).set(settings()).set(depthParameter(), w.depth())
                .set(nomergesParameter(), true));
        rig.drain();
        Map<Long, Integer> submissionIndex = new java.util.HashMap<>();
        for (int i = 0; i < rig.submitted.size(); i++) {
            submissionIndex.put(rig.submitted.get(i).id(), i);
        }
        Map<BlockRequest, Boolean> seen = new IdentityHashMap<>();
        for (int q = 0; q < w.queues(); q++) {
            List<TestDriver.Arrival> arrivals = rig.driver.arrivalsByQueue.get(q);
            int last = -1;
            for (TestDriver.Arrival a : arrivals) {
                int index = submissionIndex.get(a.command().id());
                assertThat(index).as("hardware queue %d received request %d after request %d", q, index, last)
                        .isGreaterThan(last);
                last = index;
                seen.put(a.command(), Boolean.TRUE);
            }
        }
        assertThat(seen).as("every request reached the driver once").hasSize(w.requests());
    }
}
