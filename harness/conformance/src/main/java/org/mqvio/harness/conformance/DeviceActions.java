package org.mqvio.harness.conformance;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.Tuple;
import net.jqwik.api.state.Action;
import net.jqwik.api.state.Transformer;

/** The actions of the {@link StorageDeviceContract}: the block layer above queues commands, commits, waits. */
final class DeviceActions {
    private DeviceActions() {
    }

    /** Queue a command on a hardware queue, last of its batch or not. */
    static final class Queue implements Action.Dependent<DeviceBench> {
        @Override
        public Arbitrary<Transformer<DeviceBench>> transformer(DeviceBench bench) {
            return Combinators.combine(Arbitraries.integers().between(0, bench.queueCount() - 1),
                    ConformanceArbitraries.ops(), Arbitraries.frequency(Tuple.of(3, true), Tuple.of(1, false)))
                    .as((q, op, last) -> Transformer.mutate("q" + q + " gets " + op + (last ? "" : " (not last)"),
                            b -> b.queue(q, op, last)));
        }
    }

    /** Ring a queue's doorbell for a batch whose last command was not flagged. */
    static final class Commit implements Action.Dependent<DeviceBench> {
        @Override
        public Arbitrary<Transformer<DeviceBench>> transformer(DeviceBench bench) {
            return Arbitraries.integers().between(0, bench.queueCount() - 1)
                    .map(q -> Transformer.mutate("commit q" + q, b -> b.commit(q)));
        }
    }

    /** Time passes. */
    static final class Advance implements Action.Independent<DeviceBench> {
        @Override
        public Arbitrary<Transformer<DeviceBench>> transformer() {
            return Arbitraries.of(1_000L, 50_000L, 1_000_000L).map(ns -> Transformer.mutate("advance " + ns + " ns",
                    b -> b.advance(ns)));
        }
    }
}
