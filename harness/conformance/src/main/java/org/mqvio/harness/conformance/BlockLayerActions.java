package org.mqvio.harness.conformance;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.Tuple;
import net.jqwik.api.state.Action;
import net.jqwik.api.state.Transformer;
import org.mqvio.api.DispatchResult;
import org.mqvio.api.Status;

/** The actions of the {@link BlockLayerContract}: CPUs submit, the driver answers and completes, time passes. */
final class BlockLayerActions {
    private BlockLayerActions() {
    }

    /** A CPU submits an I/O. */
    static final class Submit implements Action.Dependent<BlockLayerBench> {
        @Override
        public Arbitrary<Transformer<BlockLayerBench>> transformer(BlockLayerBench bench) {
            return Combinators.combine(Arbitraries.integers().between(0, bench.cpuCount() - 1),
                    ConformanceArbitraries.ops()).as((cpu, op) -> Transformer.mutate("cpu" + cpu + " submits " + op,
                    b -> b.submit(cpu, op)));
        }
    }

    /** The driver completes one request it holds, in any order, mostly OK. */
    static final class Complete implements Action.Dependent<BlockLayerBench> {
        @Override
        public boolean precondition(BlockLayerBench bench) {
            return bench.anyInFlight();
        }

        @Override
        public Arbitrary<Transformer<BlockLayerBench>> transformer(BlockLayerBench bench) {
            Arbitrary<Integer> queue = Arbitraries.integers().between(0, bench.queueCount() - 1)
                    .filter(q -> bench.inFlight(q) > 0);
            Arbitrary<Status> status = Arbitraries.frequency(Tuple.of(6, Status.OK), Tuple.of(1, Status.MEDIUM_ERROR),
                    Tuple.of(1, Status.IO_ERROR));
            return Combinators.combine(queue, status).flatAs((q, s) -> Arbitraries.integers()
                    .between(0, bench.inFlight(q) - 1).map(i -> Transformer.mutate("driver completes q" + q + "[" + i
                            + "] with " + s, b -> b.complete(q, i, s))));
        }
    }

    /** The driver refuses the next dispatch to a queue. */
    static final class Refuse implements Action.Dependent<BlockLayerBench> {
        @Override
        public Arbitrary<Transformer<BlockLayerBench>> transformer(BlockLayerBench bench) {
            return Combinators.combine(Arbitraries.integers().between(0, bench.queueCount() - 1),
                    Arbitraries.of(DispatchResult.DEVICE_BUSY, DispatchResult.RESOURCE_BUSY))
                    .as((q, answer) -> Transformer.mutate("q" + q + " refuses its next dispatch: " + answer,
                            b -> b.answerNext(q, answer)));
        }
    }

    /** Time passes: a little, or past blk-mq's 3 ms resource-busy delay. */
    static final class Advance implements Action.Independent<BlockLayerBench> {
        @Override
        public Arbitrary<Transformer<BlockLayerBench>> transformer() {
            return Arbitraries.of(1_000L, 50_000L, 4_000_000L).map(ns -> Transformer.mutate("advance " + ns + " ns",
                    b -> b.advance(ns)));
        }
    }
}
