package org.mqvio.virtio.ring;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.state.ActionChain;
import net.jqwik.api.statistics.Statistics;

/**
 * The split ring against a plain model: random interleavings of both sides' operations, on small rings whose
 * 16-bit indices start just below the wrap, with and without event idx and indirect descriptors.
 */
class SplitVirtqueueStatefulTest {

    @Property(tries = 1000)
    void behavesLikeAQueueOfTokensWithoutLostWakeUps(@ForAll("chains") ActionChain<RingModel> chain) {
        RingModel end = chain
                .withInvariant("free descriptors and counters agree with the model", RingModel::checkInvariants)
                .run();
        end.drainAndCheck();

        RingModel.Config config = end.config;
        Statistics.label("features").collect(config.eventIdx() ? "event idx" : "flags",
                config.indirectMaxChain() > 0 ? "indirect" : "direct");
        Statistics.label("indices wrapped").collect(end.wrapped());
        Statistics.label("indices wrapped").coverage(c -> c.check(true).percentage(p -> p > 40));
        Statistics.label("features").coverage(c -> {
            c.check("event idx", "indirect").percentage(p -> p > 10);
            c.check("flags", "direct").percentage(p -> p > 10);
        });
    }

    @Provide
    Arbitrary<ActionChain<RingModel>> chains() {
        Arbitrary<RingModel.Config> configs = Combinators.combine(
                        Arbitraries.of(1, 2, 4, 8, 16),
                        Arbitraries.of(true, false),
                        Arbitraries.of(0, 3),
                        Arbitraries.integers().between(0xFFFF - 7, 0xFFFF))
                .as(RingModel.Config::new);
        return configs.flatMap(config -> ActionChain.startWith(() -> new RingModel(config))
                .withAction(4, new RingActions.Add())
                .withAction(3, new RingActions.Kick())
                .withAction(3, new RingActions.Pop())
                .withAction(3, new RingActions.Push())
                .withAction(3, new RingActions.GetUsed())
                .withAction(1, new RingActions.DisableCallback())
                .withAction(1, new RingActions.EnableCallback())
                .withAction(2, new RingActions.SetNotification())
                .withMaxTransformations(150));
    }
}
