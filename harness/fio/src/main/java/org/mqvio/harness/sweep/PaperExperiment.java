package org.mqvio.harness.sweep;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
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
 * independent run; they run in parallel.
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
        if (maxJobs < 4) {
            throw new IllegalArgumentException("--max-jobs=" + maxJobs + " is invalid; allowed: an integer >= 4"
                    + " (Ming Lei's measurement needs 4 jobs)");
        }
        StackConfig stack = stack(base);
        List<String> designs = new ArrayList<>();
        List<Callable<Point>> tasks = new ArrayList<>();
        for (String design : List.of("baseline", "mq")) {
            for (int jobs = 1; jobs <= maxJobs; jobs++) {
                tasks.add(point(registry, design, stack.withDataPlane(design), jobs, iodepth, runtimeNs));
            }
        }
        designs.add("1 vq / 1 IoThread");
        designs.add("2 vqs / 1 IoThread");
        for (int jobs : new int[] {2, 4}) {
            tasks.add(point(registry, designs.get(0), stack.withDataPlane("baseline"), jobs, MING_LEI_IODEPTH, runtimeNs));
        }
        for (int jobs : new int[] {2, 4}) {
            tasks.add(point(registry, designs.get(1), stack.withDataPlane("mq").withSetting("mq.queues", "2")
                    .withSetting("mq.iothreads", "1"), jobs, MING_LEI_IODEPTH, runtimeNs));
        }
        List<Point> all = ParallelRunner.run(tasks, parallelism, i -> progress.pointDone());
        List<Point> main = all.subList(0, 2 * maxJobs);
        List<Point> mingLei = all.subList(2 * maxJobs, all.size());
        Result partial = new Result(main, mingLei, List.of());
        List<PaperShape.Criterion> criteria = PaperShape.check(partial.iops("baseline"), partial.iops("mq"),
                new double[] {mingLei.get(0).iops(), mingLei.get(1).iops()},
                new double[] {mingLei.get(2).iops(), mingLei.get(3).iops()});
        return new Result(List.copyOf(main), List.copyOf(mingLei), criteria);
    }

    /** How many runs {@link #run} makes. */
    public static int points(int maxJobs) {
        return 2 * maxJobs + 4;
    }

    private static Callable<Point> point(ProviderRegistry registry, String design, StackConfig stack, int jobs,
                                         int iodepth, long runtimeNs) {
        JobSpec job = new JobSpec("paper", ReadWrite.RANDREAD, 4096, iodepth, jobs, runtimeNs, runtimeNs / 10, 0, 50);
        StackConfig config = stack.withVcpus(jobs);
        return () -> new Point(design, jobs, iodepth, PointMetrics.of(List.of(SimulationRun.run(registry, config, job))));
    }
}
