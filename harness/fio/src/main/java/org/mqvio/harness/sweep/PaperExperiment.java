package org.mqvio.harness.sweep;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.function.UnaryOperator;
import java.util.stream.IntStream;
import org.mqvio.api.spi.ProviderRegistry;
import org.mqvio.harness.stack.StackConfig;
import org.mqvio.harness.workload.JobSpec;
import org.mqvio.harness.workload.ReadWrite;
import org.mqvio.harness.workload.SimulationRun;

/**
 * The seeds' experiment: 4 KB random reads, numjobs 1 to N, one vCPU per job, {@code baseline} against
 * {@code mq} over blk-mq and an NVMe device completing at once without a link (null_blk's irqmode 0: memory,
 * no PCIe link, no data moved); and Ming Lei's 2014
 * measurement at iodepth 64, 2 and 4 jobs: one virtqueue with one IoThread ({@code baseline}) against two
 * virtqueues on one IoThread ({@code mq} with {@code mq.queues=2}, {@code mq.iothreads=1}). Every point is an
 * independent run; they run in parallel. One cell (a host and an iodepth) is defined once ({@link #cell}) and shared
 * by {@code paper}, its envelope ({@link PaperEnvelope}) and its sensitivity ({@link PaperSensitivity}).
 */
public final class PaperExperiment {
    /** Ming Lei's iodepth. */
    public static final int MING_LEI_IODEPTH = 64;

    /**
     * One measured point.
     *
     * @param design   {@code baseline}, {@code mq}, {@code 1 vq / 1 IoThread} or {@code 2 vqs / 1 IoThread}
     * @param numjobs  jobs (and vCPUs)
     * @param iodepth  I/Os in flight per job
     * @param metrics  its {@link PointMetrics}
     */
    public record Point(String design, int numjobs, int iodepth, Map<String, Object> metrics) {
        public double iops() {
            return ((Number) metrics.get("iops")).doubleValue();
        }
    }

    /**
     * The experiment's outcome.
     *
     * @param main     baseline and mq at numjobs 1..N (baseline's first)
     * @param mingLei  the two designs at 2 and 4 jobs
     * @param criteria the papers' shape, criterion by criterion
     */
    public record Result(List<Point> main, List<Point> mingLei, List<PaperShape.Criterion> criteria) {
        public double[] iops(String design) {
            return main.stream().filter(p -> p.design().equals(design)).mapToDouble(Point::iops).toArray();
        }
    }

    /**
     * One point's run, not yet run.
     *
     * @param vcpus its vCPUs (its jobs): how much work it is, for {@link #runAll}
     * @param run   the run
     */
    public record PointRun(int vcpus, Callable<Point> run) implements Callable<Point> {
        @Override
        public Point call() throws Exception {
            return run.call();
        }
    }

    private PaperExperiment() {
    }

    /**
     * The stack of every point: {@code base} with the papers' device, null_blk, unless {@code base} says
     * otherwise: completing at once ({@code nvme.completion=none}) and in memory, without a PCIe link
     * ({@code nvme.link=none}).
     */
    public static StackConfig stack(StackConfig base) {
        StackConfig s = base.settings().containsKey("nvme.completion") ? base : base.withSetting("nvme.completion", "none");
        return s.settings().containsKey("nvme.link") ? s : s.withSetting("nvme.link", "none");
    }

    public static Result run(ProviderRegistry registry, StackConfig base, int iodepth, int maxJobs, long runtimeNs,
                             int parallelism, Progress progress) {
        checkMaxJobs(maxJobs);
        StackConfig stack = stack(base);
        List<PointRun> tasks = new ArrayList<>(cell(registry, stack, iodepth, maxJobs, runtimeNs,
                UnaryOperator.identity()));
        tasks.addAll(mingLei(registry, stack, runtimeNs, UnaryOperator.identity()));
        return result(runAll(tasks, parallelism, progress), maxJobs);
    }

    /**
     * Runs {@code tasks} on {@code parallelism} threads and returns their points in task order. The runs with the most
     * vCPUs start first: a point's simulated I/Os and events grow with its vCPUs, so the longest runs start first and
     * the shortest fill in at the end, and the threads run out of work together (longest processing time first,
     * Graham 1969) instead of one thread finishing a long run alone.
     */
    public static List<Point> runAll(List<PointRun> tasks, int parallelism, Progress progress) {
        List<Integer> mostVcpusFirst = IntStream.range(0, tasks.size()).boxed()
                .sorted(Comparator.comparingInt((Integer i) -> tasks.get(i).vcpus()).reversed()).toList();
        return ParallelRunner.run(tasks, mostVcpusFirst, parallelism, i -> progress.pointDone());
    }

    /** Refuses a numjobs range too short for Ming Lei's measurement. */
    public static void checkMaxJobs(int maxJobs) {
        if (maxJobs < 4) {
            throw new IllegalArgumentException("--max-jobs=" + maxJobs + " is invalid; allowed: an integer >= 4"
                    + " (Ming Lei's measurement needs 4 jobs)");
        }
    }

    /**
     * The runs of one cell of the experiment: {@code baseline}, then {@code mq}, at numjobs 1 to {@code maxJobs}
     * on {@code stack}'s host at {@code iodepth}; {@code variant} changes each point's stack (its data plane and
     * vCPUs already set), or is the identity.
     */
    public static List<PointRun> cell(ProviderRegistry registry, StackConfig stack, int iodepth, int maxJobs,
                                             long runtimeNs, UnaryOperator<StackConfig> variant) {
        List<PointRun> tasks = new ArrayList<>();
        for (String design : List.of("baseline", "mq")) {
            for (int jobs = 1; jobs <= maxJobs; jobs++) {
                tasks.add(point(registry, design, variant.apply(stack.withDataPlane(design).withVcpus(jobs)), jobs,
                        iodepth, runtimeNs));
            }
        }
        return tasks;
    }

    /**
     * Ming Lei's four runs at iodepth 64: one virtqueue with one IoThread, then two virtqueues on one IoThread, each
     * at 2 and 4 jobs; {@code variant} as in {@link #cell}.
     */
    public static List<PointRun> mingLei(ProviderRegistry registry, StackConfig stack, long runtimeNs,
                                                UnaryOperator<StackConfig> variant) {
        List<PointRun> tasks = new ArrayList<>();
        for (int jobs : new int[] {2, 4}) {
            tasks.add(point(registry, "1 vq / 1 IoThread", variant.apply(stack.withDataPlane("baseline").withVcpus(jobs)),
                    jobs, MING_LEI_IODEPTH, runtimeNs));
        }
        for (int jobs : new int[] {2, 4}) {
            tasks.add(point(registry, "2 vqs / 1 IoThread", variant.apply(stack.withDataPlane("mq")
                    .withSetting("mq.queues", "2").withSetting("mq.iothreads", "1").withVcpus(jobs)), jobs,
                    MING_LEI_IODEPTH, runtimeNs));
        }
        return tasks;
    }

    /** The result of the points of {@link #cell} followed by those of {@link #mingLei}, with the paper's criteria. */
    public static Result result(List<Point> points, int maxJobs) {
        List<Point> main = List.copyOf(points.subList(0, 2 * maxJobs));
        List<Point> mingLei = List.copyOf(points.subList(2 * maxJobs, points.size()));
        Result partial = new Result(main, mingLei, List.of());
        List<PaperShape.Criterion> criteria = PaperShape.check(partial.iops("baseline"), partial.iops("mq"),
                new double[] {mingLei.get(0).iops(), mingLei.get(1).iops()},
                new double[] {mingLei.get(2).iops(), mingLei.get(3).iops()});
        return new Result(main, mingLei, criteria);
    }

    /** How many runs {@link #run} makes. */
    public static int points(int maxJobs) {
        return 2 * maxJobs + 4;
    }

    private static PointRun point(ProviderRegistry registry, String design, StackConfig stack, int jobs,
                                  int iodepth, long runtimeNs) {
        JobSpec job = new JobSpec("paper", ReadWrite.RANDREAD, 4096, iodepth, jobs, runtimeNs, runtimeNs / 10, 0, 50);
        return new PointRun(jobs, () -> new Point(design, jobs, iodepth,
                PointMetrics.of(List.of(SimulationRun.run(registry, stack, job)))));
    }
}
