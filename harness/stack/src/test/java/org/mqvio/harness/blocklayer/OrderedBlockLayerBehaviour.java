package org.mqvio.harness.blocklayer;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import org.mqvio.api.BlockRequest;

/**
 * What an in-tree block layer configured not to reorder (blk-mq with {@code none}, the single queue with
 * {@code noop}) does besides {@link BlockLayerBehaviour}: with merging off, requests reach each hardware queue
 * in the order they were submitted, from every CPU taken together, busy answers and tag waits included (the
 * conformance kit asks any layer for the order of each CPU's requests only).
 */
interface OrderedBlockLayerBehaviour extends BlockLayerBehaviour {

    /** The parameter that turns merging off. */
    String nomergesParameter();

    @Property(tries = 120)
    default void requestsReachEachHardwareQueueInSubmissionOrder(@ForAll("scenarios") Scenario s) {
        Rig rig = s.start(Rig.of(provider()).set(settings()).set(depthParameter(), s.depth())
                .set(nomergesParameter(), true));
        rig.drain();
        Map<Long, Integer> submissionIndex = new java.util.HashMap<>();
        for (int i = 0; i < rig.submitted.size(); i++) {
            submissionIndex.put(rig.submitted.get(i).id(), i);
        }
        Map<BlockRequest, Boolean> seen = new IdentityHashMap<>();
        for (int q = 0; q < s.queues(); q++) {
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
        assertThat(seen).as("every request reached the driver once").hasSize(s.requests());
    }
}
