package org.mqvio.harness.blocklayer;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.mqvio.api.BlockRequest;

/**
 * What the in-tree block layers (blk-mq and the single queue) share, run against each configuration (one short
 * class each) on a {@link Rig}: over generated {@link Scenario}s (timed request streams from several CPUs, queue
 * counts, depths and a driver that answers busy at random),
 * <ul>
 *   <li>every submitted request completes exactly once, with the status the driver gave the command that
 *   carried it (merged or not);</li>
 *   <li>the driver never holds more than the layer's depth per hardware queue, and after a drain nothing is in
 *   flight and every tag is free;</li>
 *   <li>busy answers and requeues lose nothing, and the statistics account for every request.</li>
 * </ul>
 *
 * <p>Not the {@link org.mqvio.harness.conformance.BlockLayerContract}: the kit checks what the
 * {@link org.mqvio.api.block.BlockLayer} interface promises, for any provider. These checks also read counters the
 * interface does not name ({@code merged}, {@code requeued}, {@code in_flight}, {@code tags_in_use}) and
 * parameters of the in-tree layers (the depth, and merging for {@link OrderedBlockLayerBehaviour}).
 */
interface BlockLayerBehaviour {

    /** The provider under test. */
    String provider();

    /** The parameter that sets the layer's depth per hardware queue. */
    String depthParameter();

    /** Further settings of the configuration under test. */
    default Map<String, String> settings() {
        return Map.of();
    }

    @Provide
    default Arbitrary<Scenario> scenarios() {
        return Scenario.arbitrary(30);
    }

    private Rig run(Scenario s) {
        Rig rig = s.start(Rig.of(provider()).set(settings()).set(depthParameter(), s.depth()));
        rig.drain();
        return rig;
    }

    @Property(tries = 120)
    default void everyRequestCompletesExactlyOnceWithTheStatusOfItsCommand(@ForAll("scenarios") Scenario s) {
        Rig rig = run(s);
        assertThat(rig.submitted).hasSize(s.requests());
        for (BlockRequest r : rig.submitted) {
            assertThat(rig.completions.get(r)).as("completions of %s", r).isEqualTo(1);
            assertThat(r.status()).as("status of %s", r).isEqualTo(rig.expectedStatus(r));
        }
        assertThat(rig.stat("submitted")).isEqualTo(s.requests());
        assertThat(rig.stat("completed")).isEqualTo(s.requests());
        assertThat(rig.stat("dispatched")).as("commands the driver took").isEqualTo(rig.driver.arrivals.size());
        assertThat(rig.stat("dispatched") + rig.stat("merged")).as("each request is a command or merged into one")
                .isEqualTo(s.requests());
    }

    @Property(tries = 120)
    default void theDriverNeverHoldsMoreThanTheDepthAndAllIsFreeAfterADrain(@ForAll("scenarios") Scenario s) {
        Rig rig = run(s);
        for (int q = 0; q < s.queues(); q++) {
            assertThat(rig.driver.maxInFlight[q]).as("most commands in flight on hardware queue %d", q)
                    .isLessThanOrEqualTo(s.depth());
        }
        assertThat(rig.driver.inFlightNow()).isZero();
        assertThat(rig.stat("in_flight")).isZero();
        assertThat(rig.stat("tags_in_use")).isZero();
    }

    @Property(tries = 80)
    default void busyAnswersAndRequeuesLoseNothing(@ForAll("busyScenarios") Scenario s) {
        Rig rig = run(s);
        for (BlockRequest r : rig.submitted) {
            assertThat(rig.completions.get(r)).as("completions of %s", r).isEqualTo(1);
        }
        assertThat(rig.stat("busy")).as("busy answers counted").isEqualTo(rig.driver.busyAnswers);
        assertThat(rig.stat("requeued")).as("every busy answer requeues its request").isEqualTo(rig.driver.busyAnswers);
        assertThat(rig.stat("completed")).isEqualTo(s.requests());
    }

    @Provide
    default Arbitrary<Scenario> busyScenarios() {
        return Scenario.arbitrary(70).filter(s -> s.deviceBusy() + s.resourceBusy() >= 30);
    }
}
