package org.mqvio.harness.conformance;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayDeque;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.BooleanSupplier;
import java.util.random.RandomGenerator;
import org.junit.jupiter.api.Test;
import org.mqvio.api.cost.CostTable;
import org.mqvio.api.runtime.ContextKind;
import org.mqvio.api.runtime.ContextSpec;
import org.mqvio.api.runtime.ExecutionContext;
import org.mqvio.api.runtime.LockKind;
import org.mqvio.api.runtime.Notifier;
import org.mqvio.api.runtime.NotifierKind;
import org.mqvio.api.runtime.NotifierSpec;
import org.mqvio.api.runtime.Platform;
import org.mqvio.api.runtime.PlatformLock;
import org.mqvio.api.runtime.TimerHandle;
import org.mqvio.api.stats.Statistics;
import org.mqvio.harness.sim.SimPlatform;

/**
 * {@link PlatformContract} catches a platform that breaks it: the simulation behind a wrapper with one defect
 * (a context that runs posted items last-in first-out, a lock that lets a second context in, a context that
 * swallows exceptions, a notifier that runs its handler once per signal, timers that fire at half their delay)
 * fails the property for that defect, while the same calls pass on the plain simulation.
 */
class PlatformContractCanFailTest {
    private enum Defect {
        NONE, REORDERS_POSTED_ITEMS, LETS_TWO_IN, SWALLOWS_EXCEPTIONS, DOES_NOT_COALESCE, FIRES_TIMERS_EARLY
    }

    /** Two items posted to one context by the test. */
    private static final ItemScript TWO_POSTS = ItemScript.of(1, new int[] {0, 0}, new int[] {-1, -1},
            new boolean[] {false, false});

    private static PlatformContract contract(Defect defect) {
        return (costs, seed) -> {
            SimPlatformContractTest.SimUnderTest sim = new SimPlatformContractTest.SimUnderTest(
                    new SimPlatform(costs, 4, seed));
            return new BrokenUnderTest(sim, new BrokenPlatform(sim.platform(), defect));
        };
    }

    @Test
    void thePlainSimulationPassesTheCallsBelow() {
        PlatformContract plain = contract(Defect.NONE);
        assertThatCode(() -> {
            plain.itemsRunInPostingOrderWithTheirContinuationsFirst(TWO_POSTS);
            plain.aLockHasOneHolderAtATime(LockKind.MCS, 2, 3, 2);
            plain.anExceptionInComponentCodeFailsTheRun(PlatformContract.ThrowingCode.WORK_ITEM);
            plain.signalsWhileTheHandlerIsPendingCoalesce(NotifierKind.EVENTFD, 3, false);
            plain.timersFireOnceNotBeforeTheirDeadlineAndInItsOrder(List.of(1_000), Set.of());
        }).doesNotThrowAnyException();
    }

    @Test
    void aContextThatReordersPostedItemsFailsTheItemOrderProperty() {
        assertThatThrownBy(() -> contract(Defect.REORDERS_POSTED_ITEMS)
                .itemsRunInPostingOrderWithTheirContinuationsFirst(TWO_POSTS))
                .isInstanceOf(AssertionError.class).hasMessageContaining("items posted by the test ran out of order");
    }

    @Test
    void aLockThatLetsTwoInFailsTheExclusionProperty() {
        assertThatThrownBy(() -> contract(Defect.LETS_TWO_IN).aLockHasOneHolderAtATime(LockKind.MCS, 2, 3, 2))
                .isInstanceOf(AssertionError.class).hasMessageContaining("overlapped");
    }

    @Test
    void aContextThatSwallowsExceptionsFailsTheFailureProperty() {
        assertThatThrownBy(() -> contract(Defect.SWALLOWS_EXCEPTIONS)
                .anExceptionInComponentCodeFailsTheRun(PlatformContract.ThrowingCode.WORK_ITEM))
                .isInstanceOf(AssertionError.class).hasMessageContaining("the run fails");
    }

    @Test
    void aNotifierThatDoesNotCoalesceFailsTheCoalescingProperty() {
        assertThatThrownBy(() -> contract(Defect.DOES_NOT_COALESCE)
                .signalsWhileTheHandlerIsPendingCoalesce(NotifierKind.EVENTFD, 3, false))
                .isInstanceOf(AssertionError.class).hasMessageContaining("handler runs for 3 signal(s) while pending");
    }

    @Test
    void timersThatFireEarlyFailTheTimerProperty() {
        assertThatThrownBy(() -> contract(Defect.FIRES_TIMERS_EARLY)
                .timersFireOnceNotBeforeTheirDeadlineAndInItsOrder(List.of(1_000), Set.of()))
                .isInstanceOf(AssertionError.class).hasMessageContaining("before its deadline");
    }

    private record BrokenUnderTest(PlatformUnderTest sim, BrokenPlatform platform) implements PlatformUnderTest {
        @Override
        public boolean run(BooleanSupplier done) {
            return sim.run(done);
        }

        @Override
        public Optional<Throwable> failure() {
            return sim.failure();
        }

        @Override
        public void close() {
            sim.close();
        }
    }

    /** The simulation with one {@link Defect}; its contexts and locks wrap the simulation's. */
    private static final class BrokenPlatform implements Platform {
        private final Platform real;
        private final Defect defect;

        BrokenPlatform(Platform real, Defect defect) {
            this.real = real;
            this.defect = defect;
        }

        @Override
        public long nanoTime() {
            return real.nanoTime();
        }

        @Override
        public boolean isSimulated() {
            return real.isSimulated();
        }

        @Override
        public CostTable costs() {
            return real.costs();
        }

        @Override
        public ExecutionContext newContext(ContextSpec spec) {
            return new BrokenContext(real.newContext(spec), defect);
        }

        @Override
        public PlatformLock newLock(String name, LockKind kind) {
            return new BrokenLock(real.newLock(name, kind), defect == Defect.LETS_TWO_IN);
        }

        @Override
        public Notifier newNotifier(NotifierSpec spec, ExecutionContext target, Runnable handler) {
            if (defect == Defect.DOES_NOT_COALESCE) {
                return new EveryTimeNotifier(spec, target, handler);
            }
            Notifier n = real.newNotifier(spec, unwrap(target), handler);
            return new UnwrappingNotifier(n);
        }

        @Override
        public TimerHandle schedule(long delayNs, Runnable action) {
            return real.schedule(defect == Defect.FIRES_TIMERS_EARLY ? delayNs / 2 : delayNs, action);
        }

        @Override
        public RandomGenerator random(String stream) {
            return real.random(stream);
        }
    }

    private static ExecutionContext unwrap(ExecutionContext c) {
        return c instanceof BrokenContext b ? b.real : c;
    }

    private static final class BrokenContext implements ExecutionContext {
        private final ExecutionContext real;
        private final Defect defect;
        private final ArrayDeque<Runnable> lastPostedFirst = new ArrayDeque<>();

        BrokenContext(ExecutionContext real, Defect defect) {
            this.real = real;
            this.defect = defect;
        }

        @Override
        public void post(long costNs, Runnable action) {
            if (defect == Defect.REORDERS_POSTED_ITEMS) {
                // each posted item runs whatever was posted last and has not run yet
                lastPostedFirst.push(action);
                real.post(costNs, () -> lastPostedFirst.pop().run());
            } else {
                real.post(costNs, guard(action));
            }
        }

        @Override
        public void andThen(long costNs, Runnable action) {
            real.andThen(costNs, guard(action));
        }

        private Runnable guard(Runnable action) {
            if (defect != Defect.SWALLOWS_EXCEPTIONS) {
                return action;
            }
            return () -> {
                try {
                    action.run();
                } catch (RuntimeException ignored) {
                    // the defect: the run goes on as if nothing had happened
                }
            };
        }

        @Override
        public String name() {
            return real.name();
        }

        @Override
        public ContextKind kind() {
            return real.kind();
        }

        @Override
        public void charge(long costNs) {
            real.charge(costNs);
        }

        @Override
        public void setPollWindow(long pollNs) {
            real.setPollWindow(pollNs);
        }

        @Override
        public long pollWindow() {
            return real.pollWindow();
        }

        @Override
        public Statistics statistics() {
            return real.statistics();
        }
    }

    /** The simulation's notifier, signalled with the simulation's context behind a wrapper. */
    private record UnwrappingNotifier(Notifier real) implements Notifier {
        @Override
        public void signal(ExecutionContext sender) {
            real.signal(sender == null ? null : unwrap(sender));
        }

        @Override
        public String name() {
            return real.name();
        }

        @Override
        public NotifierKind kind() {
            return real.kind();
        }

        @Override
        public Statistics statistics() {
            return real.statistics();
        }
    }

    /** Queues its handler on every signal: no coalescing. */
    private record EveryTimeNotifier(NotifierSpec spec, ExecutionContext target, Runnable handler) implements Notifier {
        @Override
        public void signal(ExecutionContext sender) {
            target.post(0, handler);
        }

        @Override
        public String name() {
            return spec.name();
        }

        @Override
        public NotifierKind kind() {
            return spec.kind();
        }

        @Override
        public Statistics statistics() {
            return Statistics.zeros(Notifier.COUNTERS);
        }
    }

    /** A lock that, when {@code letsTwoIn}, lets a context in while another holds it. */
    private static final class BrokenLock implements PlatformLock {
        private final PlatformLock real;
        private final boolean letsTwoIn;
        private final Set<ExecutionContext> holders = new HashSet<>();
        private final Set<ExecutionContext> letIn = new HashSet<>();

        BrokenLock(PlatformLock real, boolean letsTwoIn) {
            this.real = real;
            this.letsTwoIn = letsTwoIn;
        }

        @Override
        public void acquire(ExecutionContext context, Runnable critical) {
            if (letsTwoIn && !holders.isEmpty()) {
                letIn.add(context);
                context.andThen(0, critical);
                return;
            }
            holders.add(context);
            real.acquire(unwrap(context), critical);
        }

        @Override
        public void release(ExecutionContext context) {
            if (letIn.remove(context)) {
                return;
            }
            holders.remove(context);
            real.release(unwrap(context));
        }

        @Override
        public String name() {
            return real.name();
        }

        @Override
        public LockKind kind() {
            return real.kind();
        }

        @Override
        public Statistics statistics() {
            return real.statistics();
        }
    }
}
