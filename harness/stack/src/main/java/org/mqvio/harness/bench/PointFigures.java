package org.mqvio.harness.bench;

import java.util.List;
import java.util.function.ToDoubleFunction;
import org.mqvio.api.stats.Counter;
import org.mqvio.api.stats.Statistics;

/**
 * What the benchmark measured at one point: per repetition, the cost of a run of {@value StackBench#SCALE}N
 * I/Os minus that of a run of N ({@link RunCost}'s counters), and the figures per simulated I/O derived from it.
 *
 * @param point       the point
 * @param ios         N, the I/Os of the shorter run
 * @param differences one difference per repetition, in the order run
 */
public record PointFigures(BenchPoint point, long ios, List<Statistics> differences) {
    public PointFigures {
        differences = List.copyOf(differences);
        if (differences.isEmpty()) {
            throw new IllegalArgumentException("no repetition; allowed: at least one");
        }
    }

    /** Simulated I/Os per wall-clock second. */
    public Spread iosPerWallSecond() {
        return spread(d -> d.get(RunCost.IOS) * 1e9 / d.get(RunCost.WALL_NS));
    }

    /** Wall-clock nanoseconds per simulated I/O. */
    public Spread wallNsPerIo() {
        return perIo(RunCost.WALL_NS);
    }

    /**
     * CPU nanoseconds of the simulating thread per simulated I/O: on a shared machine, steadier than
     * {@link #wallNsPerIo()}, which counts the time the thread waited for a CPU too.
     */
    public Spread cpuNsPerIo() {
        return perIo(RunCost.THREAD_CPU_NS);
    }

    /** Events the kernel fired per simulated I/O. */
    public Spread eventsPerIo() {
        return perIo(RunCost.EVENTS);
    }

    /** Bytes the simulating thread allocated per simulated I/O. */
    public Spread bytesPerIo() {
        return perIo(RunCost.ALLOCATED);
    }

    private Spread perIo(Counter counter) {
        return spread(d -> (double) d.get(counter) / d.get(RunCost.IOS));
    }

    private Spread spread(ToDoubleFunction<Statistics> figure) {
        return Spread.of(differences.stream().mapToDouble(figure).toArray());
    }
}
