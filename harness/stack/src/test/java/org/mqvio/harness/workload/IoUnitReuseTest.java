package org.mqvio.harness.workload;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import org.mqvio.api.BlockRequest;
import org.mqvio.api.Operation;
import org.mqvio.api.Status;
import org.mqvio.api.cost.CostTable;
import org.mqvio.api.runtime.ContextKind;
import org.mqvio.api.runtime.ContextSpec;
import org.mqvio.api.runtime.ExecutionContext;
import org.mqvio.harness.sim.SimPlatform;
import org.mqvio.harness.stack.CostTableFile;

/**
 * A clone's {@link IoUnit}s are reused (fio's {@code io_u} free list, kept by the {@link CloneReaper}): a unit must
 * never be handed out while the I/O it carried is still in flight or completed and not yet reaped. A generated
 * script prepares, submits, abandons and completes I/Os in any order, with reap batching, and checks at every step
 * that a prepared unit carries no live I/O, and that every reaped unit still carries its own request, with the fields
 * it was submitted with, and the issue time stamped on it. A unit owns one request for life, rebuilt for each I/O: so
 * a unit handed out or rebuilt too early would show here as a reaped request holding another I/O's fields.
 */
class IoUnitReuseTest {
    private static final CostTable COSTS = CostTableFile.defaults();

    /** One step: 0 prepares and submits an I/O, 1 prepares and abandons one, 2 completes an I/O in flight, 3 waits. */
    record Step(int kind, int pick, long waitNs) {
    }

    @Provide
    Arbitrary<List<Step>> scripts() {
        Arbitrary<Step> step = net.jqwik.api.Combinators.combine(Arbitraries.integers().between(0, 3),
                        Arbitraries.integers().between(0, 1000), Arbitraries.longs().between(0, 20_000))
                .as(Step::new);
        return step.list().ofMinSize(1).ofMaxSize(200);
    }

    @Property(tries = 50)
    void aUnitIsNeverHandedOutWhileItsIoIsLive(@ForAll("scripts") List<Step> script,
                                                @ForAll @IntRange(min = 0, max = 8) int completeMin,
                                                @ForAll @IntRange(min = 0, max = 8) int completeMax) {
        SimPlatform platform = new SimPlatform(COSTS, 2, 1);
        ExecutionContext cpu = platform.newContext(ContextSpec.of("vcpu0", ContextKind.VCPU));
        CloneRecorder recorder = new CloneRecorder(0, Long.MAX_VALUE, 1_000_000, value -> { });
        /* Units whose I/O is live (submitted, or completed and not yet reaped), with the request each carries. */
        Map<IoUnit, BlockRequest> live = new IdentityHashMap<>();
        List<BlockRequest> inFlight = new ArrayList<>();
        Map<BlockRequest, Long> issuedAt = new IdentityHashMap<>();
        /* Each live unit's I/O as submitted: its id and sector. */
        Map<IoUnit, long[]> submittedAs = new IdentityHashMap<>();
        /* The request each unit carried first: it carries that one, rebuilt, for life. */
        Map<IoUnit, BlockRequest> own = new IdentityHashMap<>();
        CloneReaper[] self = new CloneReaper[1];
        CloneReaper reaper = new CloneReaper(cpu, platform, recorder, new BatchPolicy(1, completeMin, completeMax, 0),
                () -> false, io -> {
                    BlockRequest carried = live.remove(io);
                    assertThat(carried).as("a reaped unit was live").isNotNull();
                    assertThat(io.request()).as("a reaped unit still carries its own request").isSameAs(carried);
                    assertThat(carried.isCompleted()).isTrue();
                    long[] as = submittedAs.remove(io);
                    assertThat(new long[] {carried.id(), carried.sector()})
                            .as("a reaped unit's request still holds its own I/O").containsExactly(as);
                    assertThat(io.issueNs).as("a reaped unit keeps its own issue time")
                            .isEqualTo(issuedAt.get(carried));
                }, () -> self[0].reapMore());
        self[0] = reaper;
        long[] nextId = {0};
        for (Step step : script) {
            switch (step.kind()) {
                case 0, 1 -> {
                    IoUnit io = reaper.prepared(platform.nanoTime());
                    assertThat(live).as("a prepared unit carries no live I/O").doesNotContainKey(io);
                    assertThat(io.carrying()).as("a prepared unit carries no request").isFalse();
                    assertThat(io.issueNs).isEqualTo(-1);
                    if (step.kind() == 1) {
                        reaper.abandoned(io, platform.nanoTime());
                        reaper.reapMore();
                        break;
                    }
                    long id = nextId[0]++;
                    BlockRequest r = io.submit(Operation.READ, id, 8L * step.pick(), 4096, 0, platform.nanoTime(), null);
                    assertThat(r).as("a unit carries its own request, rebuilt").isSameAs(own.computeIfAbsent(io, u -> r));
                    submittedAs.put(io, new long[] {id, 8L * step.pick()});
                    long issue = platform.nanoTime() + nextId[0];
                    io.issued(issue);
                    issuedAt.put(r, issue);
                    live.put(io, r);
                    inFlight.add(r);
                }
                case 2 -> {
                    if (!inFlight.isEmpty()) {
                        BlockRequest r = inFlight.remove(step.pick() % inFlight.size());
                        r.complete(cpu, Status.OK, platform.nanoTime());
                    }
                }
                default -> platform.runUntil(platform.nanoTime() + step.waitNs());
            }
        }
        inFlight.forEach(r -> r.complete(cpu, Status.OK, platform.nanoTime()));
        platform.runUntil(platform.nanoTime() + 1_000_000_000L);
        assertThat(live).as("every I/O was reaped").isEmpty();
        assertThat(reaper.depth()).isZero();
    }
}
