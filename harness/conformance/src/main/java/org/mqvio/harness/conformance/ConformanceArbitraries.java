package org.mqvio.harness.conformance;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.Tuple;
import org.mqvio.api.Operation;
import org.mqvio.harness.stack.StackConfig;

/**
 * jqwik arbitraries for conformance cases: I/Os, scripted jobs, workloads, faults, and whole cases over a
 * {@link StackSpace}. Everything shrinks towards small, plain cases: fewer jobs and I/Os, iodepth 1, reads
 * of one sector at sector 0, no faults, default parameters, seed 0.
 *
 * <p>The mix: reads, writes (a quarter of them FUA), flushes, discards and write-zeroes; mostly 1 to 8
 * sectors, sometimes up to {@link IoOp#MAX_SECTORS}; mostly within the first 32 sectors (so requests
 * overlap), sometimes at or across the device's end ({@code end-N}), sometimes anywhere; 1 to 4 jobs on the
 * stack's CPUs, iodepth mostly 1 to 4, sometimes up to 32; up to 12 I/Os per job.
 */
public final class ConformanceArbitraries {
    /** The most I/Os one generated job issues. */
    public static final int MAX_OPS_PER_JOB = 12;
    /** The most jobs in a generated workload. */
    public static final int MAX_JOBS = 4;

    private ConformanceArbitraries() {
    }

    /** One I/O. */
    public static Arbitrary<IoOp> ops() {
        Arbitrary<Integer> sectors = Arbitraries.frequencyOf(Tuple.of(6, Arbitraries.integers().between(1, 8)),
                Tuple.of(1, Arbitraries.integers().between(9, IoOp.MAX_SECTORS)));
        Arbitrary<long[]> where = Arbitraries.frequencyOf(
                Tuple.of(6, Arbitraries.longs().between(0, 31).map(s -> new long[] {s, 0})),
                Tuple.of(2, Arbitraries.longs().between(1, 16).map(s -> new long[] {s, 1})),
                Tuple.of(1, Arbitraries.longs().between(0, 1L << 22).map(s -> new long[] {s, 0})));
        Arbitrary<Operation> operation = Arbitraries.frequency(Tuple.of(3, Operation.READ), Tuple.of(4, Operation.WRITE),
                Tuple.of(1, Operation.FLUSH), Tuple.of(1, Operation.DISCARD), Tuple.of(1, Operation.WRITE_ZEROES));
        Arbitrary<Boolean> fua = Arbitraries.frequency(Tuple.of(3, false), Tuple.of(1, true));
        return Combinators.combine(operation, where, sectors, fua).as((op, at, n, f) -> op == Operation.FLUSH
                ? IoOp.flush() : new IoOp(op, at[0], at[1] == 1, n, f && op == Operation.WRITE));
    }

    /** A job on one of {@code cpus} CPUs. */
    public static Arbitrary<JobScript> jobs(int cpus) {
        Arbitrary<Integer> depth = Arbitraries.frequencyOf(Tuple.of(4, Arbitraries.integers().between(1, 4)),
                Tuple.of(1, Arbitraries.integers().between(5, 32)));
        return Combinators.combine(Arbitraries.integers().between(0, cpus - 1), depth,
                ops().list().ofMinSize(1).ofMaxSize(MAX_OPS_PER_JOB)).as(JobScript::new);
    }

    /** 1 to {@link #MAX_JOBS} jobs on {@code cpus} CPUs. */
    public static Arbitrary<Workload> workloads(int cpus) {
        return jobs(cpus).list().ofMinSize(1).ofMaxSize(MAX_JOBS).map(Workload::new);
    }

    /** Mostly no faults; sometimes one or two bad sectors where the I/Os mostly go. */
    public static Arbitrary<Faults> faults() {
        Arbitrary<Faults> some = Arbitraries.longs().between(0, 31).set().ofMinSize(1).ofMaxSize(2)
                .map(s -> Faults.badSectors(s.stream().mapToLong(Long::longValue).toArray()));
        return Arbitraries.frequencyOf(Tuple.of(3, Arbitraries.just(Faults.none())), Tuple.of(1, some));
    }

    /**
     * Cases over {@code space}: a stack, a workload on its CPUs, and faults. The workload is drawn for
     * {@link #MAX_JOBS} CPUs and folded onto the stack's ({@link Workload#onCpus}), independently of the stack,
     * so that jqwik shrinks the stack and the workload each on its own.
     */
    public static Arbitrary<ConformanceCase> cases(StackSpace space) {
        return Combinators.combine(space.configs(), workloads(MAX_JOBS), faults())
                .as((config, w, f) -> new ConformanceCase(config, w.onCpus(config.vcpus()), f));
    }

    /** Cases on the one stack {@code config}: a workload on its CPUs and faults. */
    public static Arbitrary<ConformanceCase> cases(StackConfig config) {
        return Combinators.combine(workloads(config.vcpus()), faults())
                .as((w, f) -> new ConformanceCase(config, w, f));
    }
}
