package org.mqvio.harness.conformance;

import java.util.List;
import java.util.Objects;
import java.util.stream.Collectors;

/**
 * What a conformance run does: one or more {@link JobScript}s, started together. Job {@code i} numbers its
 * requests {@code #i.0, #i.1, ...} in counter-examples.
 *
 * @param jobs the jobs; at least one
 */
public record Workload(List<JobScript> jobs) {
    public Workload {
        jobs = List.copyOf(Objects.requireNonNull(jobs, "jobs"));
        if (jobs.isEmpty()) {
            throw new IllegalArgumentException("a workload needs at least one job");
        }
    }

    /** A workload of the given jobs. */
    public static Workload of(JobScript... jobs) {
        return new Workload(List.of(jobs));
    }

    /** I/Os over all jobs. */
    public int totalOps() {
        return jobs.stream().mapToInt(j -> j.ops().size()).sum();
    }

    /** The highest CPU any job runs on. */
    public int maxCpu() {
        return jobs.stream().mapToInt(JobScript::cpu).max().orElse(0);
    }

    /** The same jobs with job {@code i}'s CPU taken modulo {@code cpus}, to fit a stack of {@code cpus} CPUs. */
    public Workload onCpus(int cpus) {
        if (cpus < 1) {
            throw new IllegalArgumentException("cpus must be >= 1, was " + cpus);
        }
        if (maxCpu() < cpus) {
            return this;
        }
        return new Workload(jobs.stream().map(j -> new JobScript(j.cpu() % cpus, j.iodepth(), j.ops())).toList());
    }

    /** The compact form: {@code --job=...} per job, separated by spaces. */
    public String compact() {
        return jobs.stream().map(j -> "--job=" + j.compact()).collect(Collectors.joining(" "));
    }

    @Override
    public String toString() {
        return compact();
    }
}
