package org.mqvio.harness.blocklayer;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.mqvio.api.BlockRequest;

/**
 * The block layer contract, run against every block layer provider (one short class each): over generated
 * request streams, CPU counts, queue counts, depths and a driver that answers busy at random,
 * <ul>
 *   <li>every submitted request completes exactly once, with the status the driver gave the command that
 *   carried it (merged or not);</li>
 *   <li>the driver never holds more than the layer's depth per hardware queue, and after a drain nothing is in
 *   flight and every tag is free;</li>
 *   <li>busy answers and requeues lose nothing, and the statistics account for every request.</li>
 * </ul>
 */
interface BlockLayerContract {

    /** The provider under test. */
    String provider();

    /** The parameter that sets the layer's depth per hardware queue. */
    String depthParameter();

    /** Further settings of the configuration under test. */
    default Map<String, String> settings() {
        return Map.of();
    }

    @Provide
    default Arbitrary<Workload> workloads() {
        return Workload.arbitrary(30);
    }

    private Rig run(Workload w) {
        Rig rig = w.start(Rig.of(provider()).set(settings()).set(depthParameter(), w.depth()));
        rig.drain();
        return rig;
    }

    @Property(tries = 120)
    default void everyRequestCompletesExactlyOnceWithTheStatusOfItsCommand(@ForAll("workloads") Workload w) {
        Rig rig = run(w);
        assertThat(rig.submitted).hasSize(w.requests());
        for (BlockRequest r : rig.submitted) {
            assertThat(rig.completions.get(r)).as("completions of %s", r).isEqualTo(1);
            assertThat(r.status()).as("status of %s", r).isEqualTo(rig.expectedStatus(r));
        }
        assertThat(rig.stat("submitted")).isEqualTo(w.requests());
        assertThat(rig.stat("completed")).isEqualTo(w.requests());
        assertThat(rig.stat("dispatched")).as("commands the driver took").isEqualTo(rig.driver.arrivals.size());
        assertThat(rig.stat("dispatched") + rig.stat("merged")).as("each request is a command or merged into one")
                .isEqualTo(w.requests());
    }

    @Property(tries = 120)
    default void theDriverNeverHoldsMoreThanTheDepthAndAllIsFreeAfterADrain(@ForAll("workloads") Workload w) {
        Rig rig = run(w);
        for (int q = 0; q < w.queues(); q++) {
            assertThat(rig.driver.maxInFlight[q]).as("most commands in flight on hardware queue %d", q)
                    .isLessThanOrEqualTo(w.depth());
        }
        assertThat(rig.driver.inFlightNow()).isZero();
        assertThat(rig.stat("in_flight")).isZero();
        assertThat(rig.stat("tags_in_use")).isZero();
    }

    @Property(tries = 80)
    default void busyAnswersAndRequeuesLoseNothing(@ForAll("busyWorkloads") Workload w) {
        Rig rig = run(w);
        for (BlockRequest r : rig.submitted) {
            assertThat(rig.completions.get(r)).as("completions of %s", r).isEqualTo(1);
        }
        assertThat(rig.stat("busy")).as("busy answers counted").isEqualTo(rig.driver.busyAnswers);
        assertThat(rig.stat("requeued")).as("every busy answer requeues its request").isEqualTo(rig.driver.busyAnswers);
        assertThat(rig.stat("completed")).isEqualTo(w.requests());
    }

    @Provide
    default Arbitrary<Workload> busyWorkloads() {
        return Workload.arbitrary(70).filter(w -> w.deviceBusy() + w.resourceBusy() >= 30);
    }
}
