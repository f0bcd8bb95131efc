package org.mqvio.harness.conformance;

import java.util.List;
import java.util.Optional;
import java.util.function.BooleanSupplier;
import org.mqvio.api.cost.CostTable;
import org.mqvio.api.runtime.Platform;
import org.mqvio.harness.live.LivePlatform;

/** The live runtime keeps the runtime contract: {@link PlatformContract} on a {@link LivePlatform}. */
class LivePlatformContractTest implements PlatformContract {
    private static final long BUDGET_NS = 20_000_000_000L;
    private static final long STOP_NS = 5_000_000_000L;

    @Override
    public PlatformUnderTest platformUnderTest(CostTable costs, long seed) {
        return new LiveUnderTest(new LivePlatform(costs, seed));
    }

    /**
     * The first run starts the platform; a run waits for the condition and then for the platform to fall quiet
     * ({@link LivePlatform#awaitQuiet}), each for up to 20 s; closing stops and joins every thread.
     */
    private static final class LiveUnderTest implements PlatformUnderTest {
        private final LivePlatform platform;
        private boolean started;

        LiveUnderTest(LivePlatform platform) {
            this.platform = platform;
        }

        @Override
        public Platform platform() {
            return platform;
        }

        @Override
        public boolean run(BooleanSupplier done) {
            if (!started) {
                started = true;
                platform.start();
            }
            boolean ok = platform.await(done, BUDGET_NS) && platform.awaitQuiet(BUDGET_NS);
            return ok && platform.failure() == null;
        }

        @Override
        public Optional<Throwable> failure() {
            return Optional.ofNullable(platform.failure());
        }

        @Override
        public void close() {
            List<String> alive = platform.shutdown(STOP_NS);
            if (!alive.isEmpty()) {
                throw new AssertionError("live threads did not stop: " + alive);
            }
        }
    }
}
