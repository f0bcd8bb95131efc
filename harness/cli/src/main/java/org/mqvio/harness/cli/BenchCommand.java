package org.mqvio.harness.cli;

import java.io.PrintWriter;
import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.mqvio.api.spi.ProviderRegistry;
import org.mqvio.harness.bench.BenchPoint;
import org.mqvio.harness.bench.PointFigures;
import org.mqvio.harness.bench.Spread;
import org.mqvio.harness.bench.StackBench;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/**
 * {@code mqvio bench}: how fast the simulation of the whole stack runs on one thread, per data plane and vCPU
 * count: simulated I/Os per wall-clock second; wall and thread CPU nanoseconds, kernel events and allocated bytes
 * per I/O.
 */
@Command(name = "bench", mixinStandardHelpOptions = true, versionProvider = BuildVersion.class,
        description = "Benchmarks the simulation itself: 4 KB randread, iodepth " + BenchPoint.IODEPTH + " (or"
                + " --iodepth), numjobs = vCPUs, run on one thread. Each figure is a run of " + StackBench.SCALE + "N I/Os minus a run of N"
                + " (so start-up and warm-up cancel); prints the median and range over the repetitions.")
final class BenchCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--dataplane", split = ",", paramLabel = "NAME", defaultValue = "baseline,mq",
            description = "Data plane providers, comma-separated (default: ${DEFAULT-VALUE}).")
    List<String> dataPlanes;

    @Option(names = "--vcpus", split = ",", paramLabel = "N", defaultValue = "1,8,64",
            description = "vCPU counts (one job clone each), comma-separated (default: ${DEFAULT-VALUE}).")
    List<Integer> vcpus;

    @Option(names = "--host-cpus", description = "Host CPUs at every point (default: 4, or one per vCPU where there"
            + " are more vCPUs).")
    Integer hostCpus;

    @Option(names = "--ios", paramLabel = "N", defaultValue = "100000",
            description = "I/Os of the shorter run, every clone together (default: ${DEFAULT-VALUE}).")
    long ios;

    @Option(names = "--repeat", defaultValue = "5", description = "Repetitions per point (default: ${DEFAULT-VALUE}).")
    int repeat;

    @Option(names = "--iodepth", paramLabel = "N", defaultValue = "" + BenchPoint.IODEPTH,
            description = "I/Os each clone keeps in flight (default: ${DEFAULT-VALUE}): at the same vCPUs, another"
                    + " depth changes only the I/Os in flight and the memory the run cycles through.")
    int iodepth;

    @Override
    public Integer call() {
        List<BenchPoint> points = new ArrayList<>();
        for (String dataPlane : dataPlanes) {
            for (int n : vcpus) {
                int cpus = hostCpus == null ? BenchPoint.of(dataPlane, n).hostCpus() : hostCpus;
                points.add(new BenchPoint(dataPlane, n, cpus, iodepth));
            }
        }
        ProviderRegistry registry = ProviderRegistry.load();
        StackBench.check(registry, points, ios, repeat);
        PrintWriter out = spec.commandLine().getOut();
        out.printf(Locale.ROOT, "4 KB randread, iodepth %d, numjobs = vCPUs, simulated on one thread; N = %d I/Os,"
                        + " figures from a run of %dN minus a run of N, %d repetitions: median (min..max)%n",
                iodepth, ios, StackBench.SCALE, repeat);
        out.printf(Locale.ROOT, "load average at start: %s%n", loadAverage());
        out.printf(Locale.ROOT, "%-10s  %5s  %9s  %-26s  %-26s  %-26s  %-22s  %s%n", "dataplane", "vcpus",
                "host_cpus", "M sim I/Os per wall-s", "wall ns per I/O", "thread CPU ns per I/O", "events per I/O",
                "bytes allocated per I/O");
        out.flush();
        for (BenchPoint p : points) {
            PointFigures f = StackBench.measure(registry, p, ios, repeat);
            out.printf(Locale.ROOT, "%-10s  %5d  %9d  %-26s  %-26s  %-26s  %-22s  %s%n", p.dataPlane(),
                    p.vcpus(), p.hostCpus(), spread(f.iosPerWallSecond(), 1e-6, "%.3f"),
                    spread(f.wallNsPerIo(), 1, "%.0f"), spread(f.cpuNsPerIo(), 1, "%.0f"),
                    spread(f.eventsPerIo(), 1, "%.2f"), spread(f.bytesPerIo(), 1, "%.1f"));
            out.flush();
        }
        out.printf(Locale.ROOT, "load average at end: %s%n", loadAverage());
        out.flush();
        return 0;
    }

    /** {@code median (min..max)}, each value times {@code scale} in {@code format}. */
    private static String spread(Spread s, double scale, String format) {
        return String.format(Locale.ROOT, format + " (" + format + ".." + format + ")", s.median() * scale,
                s.min() * scale, s.max() * scale);
    }

    private static String loadAverage() {
        double load = ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
        return load < 0 ? "not available" : String.format(Locale.ROOT, "%.2f (1 min)", load);
    }
}
