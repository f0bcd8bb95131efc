package org.mqvio.harness.conformance;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.BooleanSupplier;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;
import net.jqwik.api.lifecycle.AddLifecycleHook;
import org.mqvio.api.cost.Cost;
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
import org.mqvio.api.runtime.Timer;
import org.mqvio.api.runtime.TimerHandle;
import org.mqvio.api.stats.Counter;
import org.mqvio.api.stats.Statistics;

/**
 * The runtime contract of {@code org.mqvio.api.runtime} ({@link Platform}, {@link ExecutionContext},
 * {@link PlatformLock}, {@link Notifier}, {@link TimerHandle}) as jqwik properties and examples, one suite
 * for every runtime, so that component code written once behaves the same on each. A runtime adds one short
 * class that supplies its platform:
 *
 * <pre>{@code
 * class SimPlatformContractTest implements PlatformContract {
 *     public PlatformUnderTest platformUnderTest(CostTable costs, long seed) {
 *         ... new SimPlatform(costs, 4, seed) and how to run it ...
 *     }
 * }
 * }</pre>
 *
 * <p>What it checks: items on a context run in posting order with each item's continuations first; a lock of
 * every kind has one holder at a time, hands over in FIFO order and counts acquisitions, contention and (for
 * spinlocks only) spinning; signals sent while a notifier's handler is pending coalesce into one run, and
 * interrupt handlers wait while their context holds a lock; timers fire once, never before their deadline,
 * in deadline order, and a cancelled timer never fires; an exception thrown by a work item, a handler or a
 * timer fails the run with that exception; misuse is refused with the documented exception; random streams
 * come from the run's seed and the stream's name.
 *
 * <p>No case depends on time passing between two statements or on a fixed sleep: a case waits for a
 * condition and then for the platform to fall quiet ({@link PlatformUnderTest#run}), so the live runtime
 * passes on a loaded machine.
 */
public interface PlatformContract {

    /**
     * A new platform of the runtime under test, with {@code costs} and {@code seed}, nothing started. The
     * simulation should have at least 4 host CPUs (the cases use up to 5 contexts).
     */
    PlatformUnderTest platformUnderTest(CostTable costs, long seed);

    /** Where {@link #anExceptionInComponentCodeFailsTheRun} throws. */
    enum ThrowingCode { WORK_ITEM, CONTINUATION, NOTIFIER_HANDLER, TIMER }

    // ---- item order ----

    @Provide
    default Arbitrary<ItemScript> itemScripts() {
        return ItemScript.scripts();
    }

    /**
     * Items posted to a context run in the order they were posted (per poster: the test, or the items of one
     * context), each together with its continuations, depth first, before the next posted item.
     */
    @Property(tries = 100)
    @AddLifecycleHook(ConformanceDepth.class)
    default void itemsRunInPostingOrderWithTheirContinuationsFirst(@ForAll("itemScripts") ItemScript script) {
        try (PlatformUnderTest under = underTest()) {
            ItemScript.Outcome outcome = script.start(under.platform());
            require(under.run(outcome::allRan), under, "every item runs");
            outcome.check();
        }
    }

    /** An interrupt handler waits while its context holds a lock, then runs before posted items. */
    @Example
    default void continuationsRunBeforePostedItemsAndInterruptsWaitForLocks() {
        try (PlatformUnderTest under = underTest()) {
            Platform p = under.platform();
            ExecutionContext c = p.newContext(ContextSpec.of("c", ContextKind.VCPU));
            PlatformLock lock = p.newLock("l", LockKind.TICKET);
            List<String> order = Collections.synchronizedList(new ArrayList<>());
            Notifier ipi = p.newNotifier(new NotifierSpec("ipi", NotifierKind.IPI, 0, 0, 0), c, () -> order.add("ipi"));
            c.post(0, () -> {
                order.add("first");
                c.post(0, () -> order.add("posted"));
                lock.acquire(c, () -> {
                    order.add("locked");
                    ipi.signal(c);
                    c.andThen(1_000, () -> {
                        order.add("release");
                        lock.release(c);
                    });
                });
            });
            require(under.run(() -> order.size() == 5), under, "all five items run");
            requireEqual(List.copyOf(order), List.of("first", "locked", "release", "ipi", "posted"), "order");
        }
    }

    // ---- locks ----

    /**
     * However many contexts loop on a lock of any kind, holding it across items, at most one is inside at a
     * time; every acquisition is counted, the first never as contended, and only spinlock waiters spin.
     */
    @Property(tries = 60)
    @AddLifecycleHook(ConformanceDepth.class)
    default void aLockHasOneHolderAtATime(@ForAll LockKind kind, @ForAll @IntRange(min = 2, max = 4) int contexts,
            @ForAll @IntRange(min = 1, max = 10) int rounds, @ForAll @IntRange(min = 1, max = 3) int holdItems) {
        try (PlatformUnderTest under = underTest()) {
            Platform p = under.platform();
            PlatformLock lock = p.newLock("l", kind);
            AtomicInteger inside = new AtomicInteger();
            AtomicInteger overlaps = new AtomicInteger();
            AtomicInteger finished = new AtomicInteger();
            List<ExecutionContext> all = new ArrayList<>();
            for (int i = 0; i < contexts; i++) {
                ExecutionContext c = p.newContext(ContextSpec.of("c" + i, i % 2 == 0 ? ContextKind.VCPU
                        : ContextKind.IOTHREAD));
                all.add(c);
                c.post(0, new LockRounds(c, lock, rounds, holdItems, 1_000, inside, overlaps, finished));
            }
            require(under.run(() -> finished.get() == contexts), under, "every context finishes its rounds");
            requireEqual(overlaps.get(), 0, "critical sections that overlapped another");
            long acquisitions = statistic(lock, PlatformLock.ACQUISITIONS);
            long contended = statistic(lock, PlatformLock.CONTENDED);
            requireEqual(acquisitions, (long) contexts * rounds, "acquisitions of " + kind);
            require(contended >= 0 && contended < acquisitions, "contended " + contended + " of " + acquisitions
                    + " acquisitions (the first is never contended)");
            if (!kind.spins()) {
                for (ExecutionContext c : all) {
                    requireEqual(statistic(c, ExecutionContext.SPIN_NS), 0L, "spin_ns of " + c.name() + " waiting for a " + kind);
                }
            }
        }
    }

    /**
     * Three contexts that ask for a held lock one after another get it in that order; the lock counts four
     * acquisitions, three contended, and each waiter spun for a spinlock and did not for a mutex.
     */
    @Property(tries = 3)
    @AddLifecycleHook(ConformanceDepth.class)
    default void waitersGetALockInTheOrderTheyAskedAndAreCounted(@ForAll LockKind kind) {
        try (PlatformUnderTest under = underTest()) {
            Platform p = under.platform();
            PlatformLock lock = p.newLock("l", kind);
            ExecutionContext holder = p.newContext(ContextSpec.of("holder", ContextKind.VCPU));
            List<ExecutionContext> waiters = new ArrayList<>();
            for (int i = 0; i < 3; i++) {
                waiters.add(p.newContext(ContextSpec.of("w" + i, ContextKind.VCPU)));
            }
            List<String> granted = Collections.synchronizedList(new ArrayList<>());
            AtomicInteger queued = new AtomicInteger();
            holder.post(0, () -> lock.acquire(holder, () -> {
                waiters.get(0).post(0, askInTurn(lock, waiters, 0, queued, granted));
                holdUntil(holder, () -> queued.get() == waiters.size(), () -> lock.release(holder));
            }));
            require(under.run(() -> granted.size() == waiters.size()), under, "every waiter gets the lock");
            requireEqual(List.copyOf(granted), List.of("w0", "w1", "w2"), "the order " + kind + " waiters got it in");
            requireEqual(statistic(lock, PlatformLock.ACQUISITIONS), 4L, "acquisitions");
            requireEqual(statistic(lock, PlatformLock.CONTENDED), 3L, "contended acquisitions");
            for (ExecutionContext w : waiters) {
                long spun = statistic(w, ExecutionContext.SPIN_NS);
                require(kind.spins() ? spun > 0 : spun == 0, w.name() + " waiting for a " + kind + " spun " + spun
                        + " ns; a spinlock waiter spins, a mutex waiter sleeps");
            }
        }
    }

    /** Taking a lock outside the running item, twice, or releasing one not held is refused. */
    @Example
    default void lockMisuseIsRefused() {
        try (PlatformUnderTest under = underTest()) {
            Platform p = under.platform();
            ExecutionContext c = p.newContext(ContextSpec.of("c", ContextKind.VCPU));
            PlatformLock lock = p.newLock("l", LockKind.MCS);
            requireThrows(IllegalStateException.class, () -> lock.acquire(c, () -> { }), "acquire outside an item");
            requireThrows(IllegalStateException.class, () -> lock.release(c), "release of a lock nobody holds");
            AtomicReference<Throwable> second = new AtomicReference<>();
            AtomicBoolean done = new AtomicBoolean();
            c.post(0, () -> lock.acquire(c, () -> {
                try {
                    lock.acquire(c, () -> { });
                } catch (IllegalStateException expected) {
                    second.set(expected);
                }
                lock.release(c);
                done.set(true);
            }));
            require(under.run(done::get), under, "the item runs");
            require(second.get() != null, "a second acquire by the holder is refused (locks are not reentrant)");
        }
    }

    // ---- notifiers ----

    /**
     * Signals sent while the handler is pending (here: its target holds a lock and is busy) coalesce: the
     * handler runs once, after the lock is released, and the notifier counts every signal.
     */
    @Property(tries = 40)
    @AddLifecycleHook(ConformanceDepth.class)
    default void signalsWhileTheHandlerIsPendingCoalesce(@ForAll NotifierKind kind,
            @ForAll @IntRange(min = 1, max = 5) int signals, @ForAll boolean fromATimer) {
        try (PlatformUnderTest under = underTest()) {
            Platform p = under.platform();
            ExecutionContext target = p.newContext(ContextSpec.of("target", ContextKind.IOTHREAD));
            ExecutionContext sender = p.newContext(ContextSpec.of("sender", ContextKind.VCPU));
            PlatformLock lock = p.newLock("l", LockKind.MCS);
            AtomicBoolean sent = new AtomicBoolean();
            AtomicBoolean released = new AtomicBoolean();
            AtomicInteger runs = new AtomicInteger();
            AtomicInteger runsBeforeRelease = new AtomicInteger();
            Notifier n = p.newNotifier(new NotifierSpec("n", kind, 100, 500, 200), target, () -> {
                runs.incrementAndGet();
                if (!released.get()) {
                    runsBeforeRelease.incrementAndGet();
                }
            });
            target.post(0, () -> lock.acquire(target, () -> {
                if (fromATimer) {
                    p.schedule(1_000, () -> signal(n, null, signals, sent));
                } else {
                    sender.post(0, () -> signal(n, sender, signals, sent));
                }
                holdUntil(target, sent::get, () -> {
                    released.set(true);
                    lock.release(target);
                });
            }));
            require(under.run(() -> released.get() && runs.get() > 0), under, "the handler runs");
            requireEqual(runs.get(), 1, "handler runs for " + signals + " signal(s) while pending");
            requireEqual(runsBeforeRelease.get(), 0, "handler runs while its target held a lock");
            requireEqual(statistic(n, Notifier.SIGNALS), (long) signals, "signals");
            requireEqual(statistic(n, Notifier.COALESCED), signals - 1L, "coalesced");
            requireEqual(statistic(n, Notifier.DELIVERIES), 1L, "deliveries");
        }
    }

    /** A signal sent once the handler has started (here: by the handler itself) runs the handler again. */
    @Property(tries = 5)
    @AddLifecycleHook(ConformanceDepth.class)
    default void aSignalAfterTheHandlerStartedRunsItAgain(@ForAll NotifierKind kind) {
        try (PlatformUnderTest under = underTest()) {
            Platform p = under.platform();
            ExecutionContext target = p.newContext(ContextSpec.of("target", ContextKind.IOTHREAD));
            ExecutionContext sender = p.newContext(ContextSpec.of("sender", ContextKind.VCPU));
            AtomicInteger runs = new AtomicInteger();
            AtomicReference<Notifier> self = new AtomicReference<>();
            Notifier n = p.newNotifier(new NotifierSpec("n", kind, 100, 500, 200), target, () -> {
                if (runs.incrementAndGet() == 1) {
                    self.get().signal(target);
                }
            });
            self.set(n);
            sender.post(0, () -> n.signal(sender));
            require(under.run(() -> runs.get() >= 2), under, "the handler runs twice");
            requireEqual(runs.get(), 2, "handler runs");
            requireEqual(statistic(n, Notifier.SIGNALS), 2L, "signals");
            requireEqual(statistic(n, Notifier.COALESCED), 0L, "coalesced");
            requireEqual(statistic(n, Notifier.DELIVERIES), 2L, "deliveries");
        }
    }

    // ---- timers ----

    /**
     * Timers scheduled by an item fire once each, never before their deadline, in deadline order; a timer
     * whose cancel() returned true never fires, one whose cancel() returned false (it had fired) did; a second
     * cancel() returns false.
     */
    @Property(tries = 40)
    @AddLifecycleHook(ConformanceDepth.class)
    default void timersFireOnceNotBeforeTheirDeadlineAndInItsOrder(
            @ForAll @Size(max = 8) List<@IntRange(min = 0, max = 3_000) Integer> delaysUs,
            @ForAll @Size(max = 8) Set<@IntRange(min = 0, max = 7) Integer> toCancel) {
        try (PlatformUnderTest under = underTest()) {
            Platform p = under.platform();
            ExecutionContext device = p.newContext(ContextSpec.of("device", ContextKind.HOST));
            int n = delaysUs.size();
            long[] earliest = new long[n];
            long[] latest = new long[n];
            TimerHandle[] handles = new TimerHandle[n];
            boolean[] cancelled = new boolean[n];
            List<long[]> fired = Collections.synchronizedList(new ArrayList<>());
            AtomicBoolean last = new AtomicBoolean();
            device.post(0, () -> {
                long longest = 0;
                for (int i = 0; i < n; i++) {
                    int index = i;
                    long delay = delaysUs.get(i) * 1_000L;
                    longest = Math.max(longest, delay);
                    earliest[i] = p.nanoTime() + delay;
                    handles[i] = p.schedule(delay, () -> fired.add(new long[] {index, p.nanoTime()}));
                    latest[i] = p.nanoTime() + delay;
                }
                for (int i : toCancel) {
                    if (i < n) {
                        cancelled[i] = handles[i].cancel();
                    }
                }
                // Due after every other timer: once it fired, all the others that will ever fire have.
                p.schedule(longest + 1_000_000, () -> last.set(true));
            });
            require(under.run(last::get), under, "the last timer fires");
            int[] times = new int[n];
            long[] previous = null;
            for (long[] f : List.copyOf(fired)) {
                int i = (int) f[0];
                times[i]++;
                require(f[1] >= earliest[i], "timer " + i + " fired at " + f[1] + " ns, before its deadline "
                        + earliest[i] + " ns");
                if (previous != null) {
                    int before = (int) previous[0];
                    require(earliest[before] <= latest[i], "timer " + before + " (due " + earliest[before]
                            + " ns) fired before timer " + i + " (due by " + latest[i] + " ns)");
                }
                previous = f;
            }
            for (int i = 0; i < n; i++) {
                requireEqual(times[i], cancelled[i] ? 0 : 1, "times timer " + i + " fired (cancel() returned "
                        + cancelled[i] + ")");
                require(!handles[i].cancel(), "cancel() of timer " + i + " after it fired or was cancelled is false");
            }
        }
    }

    /** A timer cancelled before the platform runs never fires; cancelling it again, or a fired one, is false. */
    @Example
    default void aCancelledTimerNeverFires() {
        try (PlatformUnderTest under = underTest()) {
            Platform p = under.platform();
            AtomicBoolean cancelledFired = new AtomicBoolean();
            AtomicBoolean otherFired = new AtomicBoolean();
            TimerHandle cancelled = p.schedule(0, () -> cancelledFired.set(true));
            TimerHandle other = p.schedule(1_000_000, () -> otherFired.set(true));
            require(cancelled.cancel(), "cancel() of a timer that has not fired returns true");
            require(under.run(otherFired::get), under, "the other timer fires");
            require(!cancelledFired.get(), "the cancelled timer did not fire");
            require(!cancelled.cancel(), "a second cancel() returns false");
            require(!other.cancel(), "cancel() of a fired timer returns false");
        }
    }

    /**
     * A re-armable timer ({@link Platform#newTimer}) runs its action once for an arming that is neither moved nor
     * cancelled: armed, then armed again later, it fires once, at its second deadline; one cancelled while armed
     * never fires; {@link Platform#after} runs its action once.
     */
    @Example
    default void aTimerArmedAgainFiresOnceAtItsLastDeadline() {
        try (PlatformUnderTest under = underTest()) {
            Platform p = under.platform();
            AtomicInteger fired = new AtomicInteger();
            AtomicReference<Long> firedAt = new AtomicReference<>();
            Timer moved = p.newTimer(() -> {
                fired.incrementAndGet();
                firedAt.set(p.nanoTime());
            });
            AtomicBoolean cancelledFired = new AtomicBoolean();
            Timer cancelled = p.newTimer(() -> cancelledFired.set(true));
            AtomicInteger afterRan = new AtomicInteger();
            AtomicReference<Long> armedAt = new AtomicReference<>();
            AtomicBoolean cancelledWasArmed = new AtomicBoolean();
            ExecutionContext device = p.newContext(ContextSpec.of("device", ContextKind.HOST));
            device.post(0, () -> {
                // 1 ms ahead, not less: on the live runtime an arming due at once could fire before the next line.
                moved.arm(1_000_000);
                armedAt.set(p.nanoTime()); // before the second arm, whose deadline is then >= armedAt + 2 ms
                moved.arm(2_000_000);
                cancelled.arm(1_000_000); // due before after()'s action: it would have fired by then
                cancelledWasArmed.set(cancelled.cancel() && !cancelled.isArmed());
                p.after(4_000_000, afterRan::incrementAndGet);
            });
            require(under.run(() -> afterRan.get() > 0), under, "the action given to after() runs");
            require(cancelledWasArmed.get(), "cancel() of an armed timer returns true and disarms it");
            requireEqual(fired.get(), 1, "times the timer armed twice fired");
            require(firedAt.get() - armedAt.get() >= 2_000_000, "the timer armed twice fired at its second deadline, "
                    + "not " + (firedAt.get() - armedAt.get()) + " ns after it was armed");
            require(!moved.isArmed() && !moved.cancel(), "a timer that fired is not armed and cancel() is false");
            require(!cancelledFired.get(), "the cancelled timer did not fire");
            requireEqual(afterRan.get(), 1, "times the action given to after() ran");
            requireThrows(IllegalArgumentException.class, () -> moved.arm(-1), "a negative delay");
        }
    }

    // ---- failures ----

    /**
     * An exception thrown by a work item, a continuation, a notifier handler or a timer action fails the run
     * with that very exception, and what the thrower queued just before it (an item on its context, or a
     * timer) does not run.
     */
    @Property(tries = 4)
    @AddLifecycleHook(ConformanceDepth.class)
    default void anExceptionInComponentCodeFailsTheRun(@ForAll ThrowingCode where) {
        try (PlatformUnderTest under = underTest()) {
            Platform p = under.platform();
            ExecutionContext c = p.newContext(ContextSpec.of("c", ContextKind.IOTHREAD));
            ExecutionContext sender = p.newContext(ContextSpec.of("sender", ContextKind.VCPU));
            RuntimeException thrown = new IllegalStateException("thrown on purpose by the platform contract");
            AtomicBoolean laterRan = new AtomicBoolean();
            Runnable thrower = () -> {
                if (where == ThrowingCode.TIMER) {
                    p.schedule(0, () -> laterRan.set(true));
                } else {
                    c.post(0, () -> laterRan.set(true));
                }
                throw thrown;
            };
            switch (where) {
                case WORK_ITEM -> c.post(0, thrower);
                case CONTINUATION -> c.post(0, () -> c.andThen(0, thrower));
                case NOTIFIER_HANDLER -> {
                    Notifier n = p.newNotifier(new NotifierSpec("n", NotifierKind.EVENTFD, 0, 0, 0), c, thrower);
                    sender.post(0, () -> n.signal(sender));
                }
                case TIMER -> p.schedule(0, thrower);
            }
            require(!under.run(laterRan::get), "the run fails");
            require(!laterRan.get(), "what the throwing " + where + " queued before it threw ran after it failed");
            require(under.failure().orElse(null) == thrown, "the run's failure is the exception the " + where
                    + " threw; was " + under.failure());
        }
    }

    /** Calls the contract forbids are refused with the documented exception, before anything runs. */
    @Example
    default void misuseIsRefused() {
        try (PlatformUnderTest under = underTest(); PlatformUnderTest other = underTest()) {
            Platform p = under.platform();
            ExecutionContext c = p.newContext(ContextSpec.of("c", ContextKind.VCPU));
            ExecutionContext foreign = other.platform().newContext(ContextSpec.of("c", ContextKind.VCPU));
            requireThrows(IllegalStateException.class, () -> c.andThen(0, () -> { }), "andThen outside the running item");
            requireThrows(IllegalStateException.class, () -> c.charge(10), "charge outside the running item");
            requireThrows(IllegalArgumentException.class, () -> c.post(-1, () -> { }), "a negative cost");
            requireThrows(NullPointerException.class, () -> c.post(0, null), "a null action");
            requireThrows(IllegalArgumentException.class, () -> c.setPollWindow(-1), "a negative poll window");
            requireThrows(IllegalArgumentException.class, () -> p.schedule(-1, () -> { }), "a negative delay");
            requireThrows(IllegalArgumentException.class, () -> p.newContext(ContextSpec.of("c", ContextKind.IRQ)),
                    "a second context of the same name");
            requireThrows(IllegalArgumentException.class, () -> p.newNotifier(
                    new NotifierSpec("n", NotifierKind.KICK, 0, 0, 0), foreign, () -> { }), "another platform's context");
            requireThrows(IllegalArgumentException.class, () -> p.newLock("l", LockKind.MUTEX).release(foreign),
                    "another platform's context");
        }
    }

    /**
     * random(name) gives the numbers of {@link Platform#randomStream} (so every runtime draws the same): the
     * same for the same seed and name, others for another seed or name.
     */
    @Example
    default void randomStreamsComeFromTheSeedAndTheName() {
        try (PlatformUnderTest a = platformUnderTest(contractCosts(), 42);
                PlatformUnderTest b = platformUnderTest(contractCosts(), 42);
                PlatformUnderTest c = platformUnderTest(contractCosts(), 43)) {
            long x = a.platform().random("job0").nextLong();
            requireEqual(x, Platform.randomStream(42, "job0").nextLong(), "job0 against Platform.randomStream");
            requireEqual(a.platform().random("job0").nextLong(), x, "a second job0 stream of the same run");
            requireEqual(b.platform().random("job0").nextLong(), x, "job0 of a run with the same seed");
            require(c.platform().random("job0").nextLong() != x, "job0 of a run with another seed differs");
            require(a.platform().random("job1").nextLong() != x, "job1 differs from job0");
        }
    }

    // ---- helpers ----

    /** A new platform under test with the contract's costs and seed 1. */
    private PlatformUnderTest underTest() {
        return platformUnderTest(contractCosts(), 1);
    }

    /** The costs every case runs with: small but not zero, so that the simulation's waits take time. */
    private static CostTable contractCosts() {
        return CostTable.zero().with(Cost.SCHED_SLICE, 100_000).with(Cost.CONTEXT_SWITCH, 1_000)
                .with(Cost.WAKEUP, 5_000).with(Cost.LOCK_UNCONTENDED, 20).with(Cost.LOCK_HANDOFF, 50)
                .with(Cost.TICKET_PER_WAITER, 1_000);
    }

    /**
     * One statistic of a context, lock or notifier: the one place the contract reads statistics; a counter the
     * component does not declare fails (Statistics.get throws).
     */
    private static long statistic(Object component, Counter counter) {
        Statistics all = switch (component) {
            case ExecutionContext c -> c.statistics();
            case PlatformLock l -> l.statistics();
            case Notifier n -> n.statistics();
            default -> throw new IllegalArgumentException("no statistics: " + component);
        };
        return all.get(counter);
    }

    /** Asks for a held lock, and once queued lets the next waiter ask: the waiters queue in index order. */
    private static Runnable askInTurn(PlatformLock lock, List<ExecutionContext> waiters, int i, AtomicInteger queued,
            List<String> granted) {
        ExecutionContext w = waiters.get(i);
        return () -> {
            lock.acquire(w, () -> {
                granted.add(w.name());
                lock.release(w);
            });
            queued.incrementAndGet();
            if (i + 1 < waiters.size()) {
                waiters.get(i + 1).post(0, askInTurn(lock, waiters, i + 1, queued, granted));
            }
        };
    }

    /** Keeps {@code c} busy, 1 us an item, until {@code condition} holds; then runs {@code then} on it. */
    private static void holdUntil(ExecutionContext c, BooleanSupplier condition, Runnable then) {
        c.andThen(1_000, () -> {
            if (condition.getAsBoolean()) {
                then.run();
            } else {
                holdUntil(c, condition, then);
            }
        });
    }

    private static void signal(Notifier n, ExecutionContext sender, int times, AtomicBoolean sent) {
        for (int i = 0; i < times; i++) {
            n.signal(sender);
        }
        sent.set(true);
    }

    private static void require(boolean ok, String what) {
        if (!ok) {
            throw new AssertionError(what);
        }
    }

    private static void require(boolean ran, PlatformUnderTest under, String what) {
        if (!ran) {
            throw new AssertionError("the platform did not get this far: " + what
                    + under.failure().map(t -> "; it failed with " + t).orElse(" (within the run's budget)"),
                    under.failure().orElse(null));
        }
    }

    private static void requireEqual(Object actual, Object expected, String what) {
        if (!actual.equals(expected)) {
            throw new AssertionError(what + ": expected " + expected + ", was " + actual);
        }
    }

    private static void requireThrows(Class<? extends Throwable> type, Runnable call, String what) {
        try {
            call.run();
        } catch (Throwable t) {
            if (type.isInstance(t)) {
                return;
            }
            throw new AssertionError(what + ": expected " + type.getSimpleName() + ", got " + t, t);
        }
        throw new AssertionError(what + ": expected " + type.getSimpleName() + ", nothing was thrown");
    }
}
