package org.mqvio.harness.sweep;

import static com.google.common.base.Preconditions.checkArgument;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.function.Consumer;
import org.mqvio.api.spi.ProviderRegistry;
import org.mqvio.harness.fio.FioAction;
import org.mqvio.harness.fio.JobPlan;
import org.mqvio.harness.fio.JobPlanner;
import org.mqvio.harness.fio.PlanRunner;
import org.mqvio.harness.fio.RunMode;
import org.mqvio.harness.stack.Stack;
import org.mqvio.harness.stack.StackConfig;
import org.mqvio.harness.workload.RunControl;

/**
 * Runs a sweep's points (all, or one shard's: the points whose index is {@code I mod N}), each an independent
 * simulation run, in parallel; every point is planned and its stack checked before any runs, so bad input
 * fails at once.
 */
public final class Sweep {
    private Sweep() {
    }

    /** Runs every point of the shard; see {@link #run(ProviderRegistry, SweepSpec, Map, int, int, int, Progress, Set, Consumer, RunControl)}. */
    public static List<PointRow> run(ProviderRegistry registry, SweepSpec spec, Map<String, String> environment,
                                     int shard, int shards, int parallelism, Progress progress) {
        return run(registry, spec, environment, shard, shards, parallelism, progress, Set.of(), row -> { },
                new RunControl());
    }

    /**
     * @param shard       this shard's number, {@code 0 <= shard < shards}
     * @param shards      how many shards the sweep is split into ({@code 1}: the whole sweep)
     * @param parallelism threads
     * @param progress    told of each finished point
     * @param kept        indices of points already done (a resumed sweep's): not run
     * @param onPoint     given each point as it finishes (from the point's thread, one at a time)
     * @param control     once it asks to stop, the running points stop and are dropped (a point cut short is not
     *                    a result) and no other starts; the rows returned are the points that finished
     * @return the rows of the points this call ran to the end, in point order
     */
    public static List<PointRow> run(ProviderRegistry registry, SweepSpec spec, Map<String, String> environment,
                                     int shard, int shards, int parallelism, Progress progress, Set<Integer> kept,
                                     Consumer<PointRow> onPoint, RunControl control) {
        checkArgument(shards >= 1 && shard >= 0 && shard < shards, "--shard=%s/%s is invalid; allowed: I/N with"
                + " 0 <= I < N, e.g. --shard=0/4 ... --shard=3/4", shard, shards);
        List<SweepPoint> mine = spec.points().stream().filter(p -> p.index() % shards == shard).toList();
        List<Callable<PointRow>> tasks = new ArrayList<>();
        for (SweepPoint p : mine) {
            JobPlan plan = JobPlanner.plan(spec.tokens(), spec.fioOverrides(p), environment);
            checkArgument(plan.action() == FioAction.RUN, "--parse-only and --showcmd are options of mqvio run;"
                    + " allowed: a sweep runs every point");
            StackConfig stack = spec.stackFor(p);
            Integer vcpus = spec.vcpusFor(p);
            Stack.costs(stack);
            PlanRunner.check(plan, stack, vcpus);
            Stack.checkSettings(registry, stack);
            registry.dataPlane(stack.dataPlane());
            registry.blockLayer(stack.guestBlockLayer());
            registry.blockLayer(stack.hostBlockLayer());
            registry.device(stack.device());
            if (kept.contains(p.index())) {
                continue;
            }
            tasks.add(() -> {
                if (control.stopRequested()) {
                    return null;
                }
                Map<String, Object> metrics = PointMetrics.of(PlanRunner.run(registry, plan, stack, vcpus,
                        RunMode.SIM, control));
                if (control.stopRequested()) {
                    return null;
                }
                PointRow row = new PointRow(p.index(), p.values(), metrics);
                onPoint.accept(row);
                return row;
            });
        }
        List<PointRow> rows = ParallelRunner.run(tasks, parallelism, i -> progress.pointDone());
        return rows.stream().filter(Objects::nonNull).toList();
    }

    /** The header of the files of {@code spec}'s shard {@code I/N} (or the whole sweep when N is 1). */
    public static SweepHeader header(String version, SweepSpec spec, int shard, int shards) {
        return new SweepHeader(version, spec.id(version), spec.points().size(), spec.parameters(), spec.x(),
                spec.metrics(), spec.stack().dataPlane(), shards == 1 ? "all" : shard + "/" + shards);
    }
}
