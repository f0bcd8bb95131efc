package org.mqvio.harness.workload;

import java.util.List;
import java.util.Locale;
import org.mqvio.harness.stack.StackConfig;

/**
 * What a run may ask of the machine, checked before anything is built: the I/O in flight (numjobs x iodepth
 * summed over the jobs run side by side) has a hard limit, and the memory the run needs, estimated from its
 * vCPUs, fio clones, host CPUs and I/O in flight, must fit in half the Java heap. A refusal names the limit and the inputs
 * that exceed it. (vCPUs and host CPUs have their own hard limits in {@link StackConfig}.)
 *
 * <p>The per-item sizes are measured, rounded up: the resident memory of 1 ms runs with 2048 vCPUs on the mq data
 * plane (about 180 KiB each), 2048 clones (about 250 KiB each: their latency histograms), 100,000 host CPUs and
 * 1024 x 1024 I/Os in flight.
 */
public final class RunLimits {
    /** The most I/Os a run may have in flight: numjobs x iodepth summed over the jobs run side by side. */
    public static final long MAX_IN_FLIGHT = 262_144;

    static final long BYTES_PER_VCPU = 192 << 10;
    static final long BYTES_PER_CLONE = 256 << 10;
    static final long BYTES_PER_HOST_CPU = 512;
    static final long BYTES_PER_IO_IN_FLIGHT = 512;

    private RunLimits() {
    }

    /**
     * Checks {@code jobs} run side by side on {@code config} against the limits, with the heap this JVM has.
     *
     * @throws IllegalArgumentException naming the limit exceeded and what to lower
     */
    public static void check(StackConfig config, List<JobSpec> jobs) {
        checkVerifiedDevice(config, jobs);
        check(config, jobs, Runtime.getRuntime().maxMemory());
    }

    /**
     * A job that verifies reads back what it wrote, so its device must store data ({@code DEVICE.memory_backed}).
     *
     * @throws IllegalArgumentException naming the job and the setting to add
     */
    static void checkVerifiedDevice(StackConfig config, List<JobSpec> jobs) {
        String setting = config.device() + ".memory_backed";
        for (JobSpec j : jobs) {
            if (j.verification().verifies() && !"true".equals(config.settings().get(setting))) {
                throw new IllegalArgumentException("job '" + j.name() + "': verify=" + j.verification().type()
                        .orElseThrow().fioName() + " reads back the data it writes, which needs a device that stores"
                        + " data; allowed: add --set " + setting + "=true");
            }
        }
    }

    /**
     * Checks the I/O in flight of {@code jobs} run side by side against {@link #MAX_IN_FLIGHT}: before their stack's
     * vCPUs are counted, so that the message names what the user set.
     *
     * @throws IllegalArgumentException naming numjobs x iodepth and the limit
     */
    public static void checkInFlight(List<JobSpec> jobs) {
        long inFlight = inFlight(jobs);
        if (inFlight > MAX_IN_FLIGHT) {
            String terms = String.join(" + ", jobs.stream().map(j -> j.numjobs() + " x " + j.iodepth()).toList());
            throw new IllegalArgumentException("numjobs x iodepth = " + terms + (jobs.size() > 1 ? " = " + inFlight : "")
                    + " I/Os in flight is above the limit " + MAX_IN_FLIGHT + "; allowed: numjobs x iodepth (summed over"
                    + " jobs run side by side) <= " + MAX_IN_FLIGHT);
        }
    }

    private static long inFlight(List<JobSpec> jobs) {
        return jobs.stream().mapToLong(j -> (long) j.numjobs() * j.iodepth()).sum();
    }

    static void check(StackConfig config, List<JobSpec> jobs, long heapBytes) {
        checkInFlight(jobs);
        long inFlight = inFlight(jobs);
        long clones = jobs.stream().mapToLong(JobSpec::numjobs).sum();
        long vcpuBytes = BYTES_PER_VCPU * config.vcpus();
        long hostBytes = BYTES_PER_HOST_CPU * config.hostCpus();
        long ioBytes = BYTES_PER_IO_IN_FLIGHT * inFlight;
        long cloneBytes = BYTES_PER_CLONE * clones;
        long needed = vcpuBytes + hostBytes + ioBytes + cloneBytes;
        long budget = heapBytes / 2;
        if (needed > budget) {
            long most = Math.max(Math.max(vcpuBytes, hostBytes), Math.max(ioBytes, cloneBytes));
            String largest = most == cloneBytes ? "numjobs (" + clones + " clones)"
                    : most == vcpuBytes ? "--vcpus (" + config.vcpus() + ")"
                    : most == ioBytes ? "numjobs x iodepth (" + inFlight + ")" : "--host-cpus (" + config.hostCpus() + ")";
            throw new IllegalArgumentException(String.format(Locale.ROOT, "the run needs about %d MiB of memory for %d"
                    + " vCPUs, %d clones, %d host CPUs and %d I/Os in flight, above the limit of half the Java heap"
                    + " (%d MiB); allowed: a smaller %s, or a larger heap (JAVA_TOOL_OPTIONS=-Xmx...)", needed >> 20,
                    config.vcpus(), clones, config.hostCpus(), inFlight, budget >> 20, largest));
        }
    }
}
