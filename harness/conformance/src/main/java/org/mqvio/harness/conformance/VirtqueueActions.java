package org.mqvio.harness.conformance;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.state.Action;
import net.jqwik.api.state.Transformer;

/** The actions of the {@link VirtqueueContract}: each end of the ring, one call each. */
final class VirtqueueActions {
    private VirtqueueActions() {
    }

    /** Driver: add a chain of 1 to 4 buffers (at most the ring's size), readable ones first. */
    static final class Add implements Action.Dependent<VirtqueueBench> {
        @Override
        public Arbitrary<Transformer<VirtqueueBench>> transformer(VirtqueueBench bench) {
            int max = Math.min(4, bench.size());
            return Arbitraries.integers().between(1, max).flatMap(n -> Arbitraries.integers().between(0, n)
                    .map(readable -> Transformer.mutate("add " + readable + " readable + " + (n - readable)
                            + " writable", b -> b.add(readable, n - readable))));
        }
    }

    /** Driver: publish what was added and ask whether to kick. */
    static final class KickPrepare implements Action.Independent<VirtqueueBench> {
        @Override
        public Arbitrary<Transformer<VirtqueueBench>> transformer() {
            return Arbitraries.just(Transformer.mutate("kickPrepare", VirtqueueBench::kickPrepare));
        }
    }

    /** Driver: collect the next used chain. */
    static final class GetUsed implements Action.Independent<VirtqueueBench> {
        @Override
        public Arbitrary<Transformer<VirtqueueBench>> transformer() {
            return Arbitraries.just(Transformer.mutate("getUsed", VirtqueueBench::getUsed));
        }
    }

    /** Driver: enable callbacks (interrupts). */
    static final class EnableCallback implements Action.Independent<VirtqueueBench> {
        @Override
        public Arbitrary<Transformer<VirtqueueBench>> transformer() {
            return Arbitraries.just(Transformer.mutate("enableCallback", VirtqueueBench::enableCallback));
        }
    }

    /** Driver: disable callbacks. */
    static final class DisableCallback implements Action.Independent<VirtqueueBench> {
        @Override
        public Arbitrary<Transformer<VirtqueueBench>> transformer() {
            return Arbitraries.just(Transformer.mutate("disableCallback", VirtqueueBench::disableCallback));
        }
    }

    /** Device: pop the next available chain. */
    static final class Pop implements Action.Independent<VirtqueueBench> {
        @Override
        public Arbitrary<Transformer<VirtqueueBench>> transformer() {
            return Arbitraries.just(Transformer.mutate("pop", VirtqueueBench::pop));
        }
    }

    /** Device: push one of the popped chains (any order) with part of its writable bytes written. */
    static final class Push implements Action.Dependent<VirtqueueBench> {
        @Override
        public boolean precondition(VirtqueueBench bench) {
            return bench.poppedCount() > 0;
        }

        @Override
        public Arbitrary<Transformer<VirtqueueBench>> transformer(VirtqueueBench bench) {
            return Combinators.combine(Arbitraries.integers().between(0, bench.poppedCount() - 1),
                    Arbitraries.of(0, 500, 1000)).as((which, permille) -> Transformer.mutate("push popped #" + which
                    + " with " + permille / 10 + "% written", b -> b.push(which, permille)));
        }
    }

    /** Device: ask whether to interrupt the driver. */
    static final class ShouldNotify implements Action.Independent<VirtqueueBench> {
        @Override
        public Arbitrary<Transformer<VirtqueueBench>> transformer() {
            return Arbitraries.just(Transformer.mutate("shouldNotify", VirtqueueBench::shouldNotify));
        }
    }

    /** Device: enable kicks, then look for available chains (as an IoThread does before sleeping). */
    static final class EnableNotification implements Action.Independent<VirtqueueBench> {
        @Override
        public Arbitrary<Transformer<VirtqueueBench>> transformer() {
            return Arbitraries.just(Transformer.mutate("setNotification(true) + hasAvailable",
                    VirtqueueBench::enableNotification));
        }
    }

    /** Device: disable kicks. */
    static final class DisableNotification implements Action.Independent<VirtqueueBench> {
        @Override
        public Arbitrary<Transformer<VirtqueueBench>> transformer() {
            return Arbitraries.just(Transformer.mutate("setNotification(false)", VirtqueueBench::disableNotification));
        }
    }
}
