package org.mqvio.harness.conformance;

import java.util.Optional;
import java.util.function.BooleanSupplier;
import org.mqvio.api.cost.CostTable;
import org.mqvio.api.runtime.Platform;
import org.mqvio.harness.sim.SimPlatform;

/** The simulation keeps the runtime contract: {@link PlatformContract} on a {@link SimPlatform} of 4 host CPUs. */
class SimPlatformContractTest implements PlatformContract {

    @Override
    public PlatformUnderTest platformUnderTest(CostTable costs, long seed) {
        return new SimUnderTest(new SimPlatform(costs, 4, seed));
    }

    /**
     * A run fires events on the calling thread until the condition holds, then everything due within 1 s of
     * virtual time from the run's start; an exception an event throws ends the run and is its failure.
     */
    static final class SimUnderTest implements PlatformUnderTest {
        private static final long BUDGET_NS = 1_000_000_000L;
        private final SimPlatform platform;
        private Throwable failure;

        SimUnderTest(SimPlatform platform) {
            this.platform = platform;
        }

        @Override
        public Platform platform() {
            return platform;
        }

        @Override
        public boolean run(BooleanSupplier done) {
            if (failure != null) {
                return false;
            }
            long limit = platform.nanoTime() + BUDGET_NS;
            try {
                while (!done.getAsBoolean()) {
                    if (platform.kernel().nextEventTime() > limit || !platform.kernel().step()) {
                        return false;
                    }
                }
                platform.runUntil(limit);
            } catch (RuntimeException | Error e) {
                failure = e;
                return false;
            }
            return true;
        }

        @Override
        public Optional<Throwable> failure() {
            return Optional.ofNullable(failure);
        }

        @Override
        public void close() {
            // nothing runs outside run()
        }
    }
}
