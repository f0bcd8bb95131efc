package org.mqvio.harness.live;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.mqvio.api.cost.Cost;
import org.mqvio.api.cost.CostTable;
import org.mqvio.api.runtime.ContextKind;
import org.mqvio.api.runtime.ContextSpec;
import org.mqvio.api.runtime.ExecutionContext;
import org.mqvio.api.runtime.LockKind;
import org.mqvio.api.runtime.PlatformLock;
import org.mqvio.api.stats.Statistics;

@Timeout(value = 30, unit = TimeUnit.SECONDS)
class LivePlatformTest {
    private static final long SECOND = 1_000_000_000L;
    private final List<LivePlatform> platforms = new ArrayList<>();

    private LivePlatform platform() {
        LivePlatform p = new LivePlatform(CostTable.zero(), 1);
        platforms.add(p);
        return p;
    }

    @AfterEach
    void noThreadLeftRunning() {
        platforms.forEach(p -> assertThat(p.shutdown(SECOND)).isEmpty());
        assertThat(LiveThreads.alive()).isEmpty();
    }

    @Test
    void awaitQuietWaitsForWorkDoneAfterTheLastCompletionWasHandedUp() {
        // A layer hands a completion up, then finishes its own accounting in later items on another context:
        // a run that stopped at the completion would cut that off.
        LivePlatform p = platform();
        ExecutionContext layer = p.newContext(ContextSpec.of("layer", ContextKind.IRQ));
        ExecutionContext other = p.newContext(ContextSpec.of("other", ContextKind.IOTHREAD));
        AtomicBoolean handedUp = new AtomicBoolean();
        AtomicInteger accounted = new AtomicInteger();
        p.start();
        layer.post(0, () -> {
            handedUp.set(true);
            layer.andThen(0, () -> other.post(0, () -> {
                LockSupport.parkNanos(5_000_000L);
                accounted.incrementAndGet();
            }));
        });
        assertThat(p.await(handedUp::get, SECOND)).isTrue();
        assertThat(p.awaitQuiet(SECOND)).isTrue();
        assertThat(accounted.get()).isEqualTo(1);
    }

    @Test
    void awaitQuietGivesUpOnAContextThatNeverRunsOutOfWork() {
        LivePlatform p = platform();
        ExecutionContext busy = p.newContext(ContextSpec.of("busy", ContextKind.IOTHREAD));
        p.start();
        busy.post(0, new Runnable() {
            @Override
            public void run() {
                busy.post(0, this);
            }
        });
        long start = System.nanoTime();
        assertThat(p.awaitQuiet(50_000_000L)).isFalse();
        assertThat(System.nanoTime() - start).isGreaterThanOrEqualTo(50_000_000L);
    }

    /** Contexts that each take the lock {@code rounds} times, across items, while counting who is inside. */
    @ParameterizedTest
    @EnumSource(LockKind.class)
    void mutualExclusionUnderRealContention(LockKind kind) {
        mutualExclusion(platform(), kind);
    }

    /** The same with vCPU waiters that halt after 2 us of spinning: every halt needs its kick, none is lost. */
    @ParameterizedTest
    @EnumSource(value = LockKind.class, names = {"TICKET", "MCS"})
    void mutualExclusionWithParavirtHalts(LockKind kind) {
        LivePlatform p = new LivePlatform(CostTable.zero().with(Cost.PV_SPIN_THRESHOLD, 2_000L), 1);
        platforms.add(p);
        mutualExclusion(p, kind);
    }

    private void mutualExclusion(LivePlatform p, LockKind kind) {
        PlatformLock lock = p.newLock("l", kind);
        int contexts = 4;
        int rounds = 5_000;
        AtomicInteger inside = new AtomicInteger();
        AtomicInteger overlaps = new AtomicInteger();
        AtomicInteger finished = new AtomicInteger();
        long[] plainCounter = {0};
        for (int i = 0; i < contexts; i++) {
            ExecutionContext c = p.newContext(ContextSpec.of("c" + i, ContextKind.VCPU));
            Runnable[] round = new Runnable[1];
            int[] left = {rounds};
            round[0] = () -> lock.acquire(c, () -> {
                if (inside.incrementAndGet() != 1) {
                    overlaps.incrementAndGet();
                }
                plainCounter[0]++;
                // the critical section spans two items, as the components' do (hold, then release)
                c.andThen(0, () -> {
                    inside.decrementAndGet();
                    lock.release(c);
                    if (--left[0] > 0) {
                        c.post(0, round[0]);
                    } else {
                        finished.incrementAndGet();
                    }
                });
            });
            c.post(0, round[0]);
        }
        p.start();
        assertThat(p.await(() -> finished.get() == contexts, 20 * SECOND)).as("failure: %s", p.failure()).isTrue();
        assertThat(overlaps.get()).isZero();
        assertThat(plainCounter[0]).isEqualTo((long) contexts * rounds);
        assertThat(lock.statistics().get(PlatformLock.ACQUISITIONS)).isEqualTo((long) contexts * rounds);
        assertThat(lock.statistics().counters()).isEqualTo(PlatformLock.COUNTERS);
    }

    /** The contract's failure (PlatformContract) live: it names the context or thread it came from. */
    @Test
    void aFailureNamesTheContextOrThreadItCameFrom() {
        LivePlatform p = platform();
        ExecutionContext c = p.newContext(ContextSpec.of("c", ContextKind.VCPU));
        c.post(0, () -> {
            throw new IllegalStateException("boom");
        });
        p.start();
        assertThat(p.await(() -> false, 5 * SECOND)).isFalse();
        assertThat(p.failedIn()).isEqualTo("c");

        LivePlatform timers = platform();
        timers.start();
        timers.schedule(1_000_000L, () -> {
            throw new IllegalStateException("timer");
        });
        assertThat(timers.await(() -> false, 5 * SECOND)).isFalse();
        assertThat(timers.failedIn()).isEqualTo("device-timers");
    }

    @Test
    void aThreadThatDoesNotStopIsReported() {
        LivePlatform p = new LivePlatform(CostTable.zero(), 1);
        ExecutionContext c = p.newContext(ContextSpec.of("stuck", ContextKind.IOTHREAD));
        AtomicBoolean release = new AtomicBoolean();
        AtomicBoolean entered = new AtomicBoolean();
        c.post(0, () -> {
            entered.set(true);
            while (!release.get()) {
                Thread.onSpinWait();
            }
        });
        p.start();
        assertThat(p.await(entered::get, 5 * SECOND)).isTrue();
        List<String> notStopped = p.shutdown(50_000_000L);
        assertThat(notStopped).hasSize(1).allMatch(n -> n.startsWith(LivePlatform.THREAD_PREFIX) && n.endsWith("-stuck"));
        release.set(true);
        assertThat(p.shutdown(5 * SECOND)).isEmpty();
    }

    @Test
    void aPollingContextSeesWorkWithoutWakeUps() {
        LivePlatform p = platform();
        ExecutionContext c = p.newContext(new ContextSpec("poller", ContextKind.IOTHREAD, ContextSpec.ANY_CPU,
                Long.MAX_VALUE));
        AtomicLong ran = new AtomicLong();
        AtomicBoolean first = new AtomicBoolean();
        c.post(0, () -> first.set(true));
        p.start();
        assertThat(p.await(first::get, 5 * SECOND)).isTrue();
        assertThat(p.await(() -> false, 20_000_000L)).isFalse();
        for (int i = 0; i < 100; i++) {
            c.post(0, ran::incrementAndGet);
        }
        assertThat(p.await(() -> ran.get() == 100, 5 * SECOND)).isTrue();
        assertThat(c.statistics().get(ExecutionContext.WAKEUPS)).isEqualTo(0);
    }

    /**
     * A spinlock of {@code kind} held by {@code holder} while {@code waiter} asks for it, with a paravirt spin
     * threshold of 1 ms; the holder lets go once {@code releaseWhen} (given the waiter and the lock) is true, or
     * after 10 s. Returns the waiter's statistics once it got the lock.
     */
    private Statistics waitBehindAHeldSpinlock(LockKind kind, ContextKind waiterKind,
            java.util.function.BiFunction<ExecutionContext, PlatformLock, java.util.function.BooleanSupplier> releaseWhen) {
        LivePlatform p = new LivePlatform(CostTable.zero().with(Cost.PV_SPIN_THRESHOLD, 1_000_000L), 1);
        platforms.add(p);
        ExecutionContext holder = p.newContext(ContextSpec.of("holder", ContextKind.VCPU));
        ExecutionContext waiter = p.newContext(ContextSpec.of("waiter", waiterKind));
        PlatformLock lock = p.newLock("l", kind);
        CountDownLatch held = new CountDownLatch(1);
        AtomicBoolean got = new AtomicBoolean();
        java.util.function.BooleanSupplier release = releaseWhen.apply(waiter, lock);
        holder.post(0, () -> lock.acquire(holder, () -> {
            held.countDown();
            long deadline = System.nanoTime() + 10 * SECOND;
            while (!release.getAsBoolean() && System.nanoTime() < deadline) {
                Thread.onSpinWait();
            }
            lock.release(holder);
        }));
        waiter.post(0, () -> {
            try {
                held.await();
            } catch (InterruptedException e) {
                throw new IllegalStateException(e);
            }
            lock.acquire(waiter, () -> {
                got.set(true);
                lock.release(waiter);
            });
        });
        p.start();
        assertThat(p.await(got::get, 20 * SECOND)).as("failure: %s", p.failure()).isTrue();
        return waiter.statistics();
    }

    @ParameterizedTest
    @EnumSource(value = LockKind.class, names = {"TICKET", "MCS"})
    void aVcpuWaitingForASpinlockHaltsAfterTheThresholdAndTheUnlockerKicksIt(LockKind kind) {
        Statistics stats = waitBehindAHeldSpinlock(kind, ContextKind.VCPU,
                (w, l) -> () -> w.statistics().get(ExecutionContext.LOCK_HALTS) == 1);
        assertThat(stats.get(ExecutionContext.LOCK_HALTS)).isEqualTo(1);
        assertThat(stats.get(ExecutionContext.SPIN_NS)).as("spun about the 1 ms threshold, not while halted")
                .isGreaterThanOrEqualTo(1_000_000L).isLessThan(10 * SECOND);
    }

    @ParameterizedTest
    @EnumSource(value = LockKind.class, names = {"TICKET", "MCS"})
    void aHostContextWaitingForASpinlockSpinsUntilItsTurn(LockKind kind) {
        long[] start = {0};
        Statistics stats = waitBehindAHeldSpinlock(kind, ContextKind.IOTHREAD, (w, l) -> () -> {
            if (start[0] == 0 && l.statistics().get(PlatformLock.MAX_WAITERS) == 1) {
                start[0] = System.nanoTime();
            }
            return start[0] != 0 && System.nanoTime() - start[0] > 20_000_000L;
        });
        assertThat(stats.get(ExecutionContext.LOCK_HALTS)).isEqualTo(0);
        assertThat(stats.get(ExecutionContext.SPIN_NS)).isGreaterThanOrEqualTo(1_000_000L);
    }

    @ParameterizedTest
    @EnumSource(value = LockKind.class, names = {"TICKET", "MCS"})
    void aHaltedWaiterLeavesOnShutdown(LockKind kind) {
        LivePlatform p = new LivePlatform(CostTable.zero().with(Cost.PV_SPIN_THRESHOLD, 100_000L), 1);
        platforms.add(p);
        ExecutionContext holder = p.newContext(ContextSpec.of("holder", ContextKind.VCPU));
        ExecutionContext waiter = p.newContext(ContextSpec.of("waiter", ContextKind.VCPU));
        PlatformLock lock = p.newLock("l", kind);
        AtomicBoolean held = new AtomicBoolean();
        holder.post(0, () -> lock.acquire(holder, () -> held.set(true)));
        p.start();
        assertThat(p.await(held::get, 5 * SECOND)).isTrue();
        waiter.post(0, () -> lock.acquire(waiter, () -> { }));
        assertThat(p.await(() -> waiter.statistics().get(ExecutionContext.LOCK_HALTS) == 1, 5 * SECOND)).isTrue();
        assertThat(p.shutdown(5 * SECOND)).isEmpty();
    }
}
