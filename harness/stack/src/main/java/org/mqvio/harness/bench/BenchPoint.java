package org.mqvio.harness.bench;

import java.util.List;
import java.util.Objects;
import java.util.OptionalLong;
import org.mqvio.harness.stack.StackConfig;
import org.mqvio.harness.workload.JobSpec;
import org.mqvio.harness.workload.ReadWrite;

/**
 * One point of the whole-stack benchmark: a data plane over the default stack, with {@code vcpus} vCPUs each
 * running one clone of a 4 KB random read at iodepth {@code iodepth} ({@value #IODEPTH} unless asked), on
 * {@code hostCpus} host CPUs. Another iodepth changes the I/Os in flight, and so the memory a run cycles through,
 * at the same vCPUs: what separates the cost of more vCPUs from the cost of more I/Os in flight.
 *
 * @param dataPlane data plane provider name
 * @param vcpus     vCPUs, and fio's numjobs, {@code >= 1}
 * @param hostCpus  host CPUs, {@code >= 1}
 * @param iodepth   I/Os each clone keeps in flight, {@code >= 1}
 */
public record BenchPoint(String dataPlane, int vcpus, int hostCpus, int iodepth) {
    /** I/Os each clone keeps in flight by default. */
    public static final int IODEPTH = 32;

    public BenchPoint {
        Objects.requireNonNull(dataPlane, "dataPlane");
        if (vcpus < 1) {
            throw new IllegalArgumentException("--vcpus=" + vcpus + " is invalid; allowed: integers >= 1");
        }
        if (hostCpus < 1) {
            throw new IllegalArgumentException("--host-cpus=" + hostCpus + " is invalid; allowed: an integer >= 1");
        }
        if (iodepth < 1) {
            throw new IllegalArgumentException("--iodepth=" + iodepth + " is invalid; allowed: an integer >= 1");
        }
    }

    /** The point at the default iodepth, {@value #IODEPTH}. */
    public BenchPoint(String dataPlane, int vcpus, int hostCpus) {
        this(dataPlane, vcpus, hostCpus, IODEPTH);
    }

    /**
     * The point on the default number of host CPUs, or one per vCPU when there are more vCPUs than that (64
     * vCPUs run on 64 host CPUs), so that vCPUs alone never outnumber the host's CPUs.
     */
    public static BenchPoint of(String dataPlane, int vcpus) {
        return new BenchPoint(dataPlane, vcpus, Math.max(StackConfig.DEFAULT_HOST_CPUS, vcpus));
    }

    /** The stack: the defaults with this data plane, vCPUs and host CPUs. */
    public StackConfig config() {
        return StackConfig.defaults(vcpus).withDataPlane(dataPlane).withHostCpus(hostCpus);
    }

    /** The job: one clone per vCPU, together issuing at least {@code ios} I/Os (each clone an equal share). */
    public JobSpec job(long ios) {
        long perClone = Math.max(1, (ios + vcpus - 1) / vcpus);
        return new JobSpec("bench", ReadWrite.RANDREAD, 4096, iodepth, vcpus, 0, 0, 0, 50, 0, 0, perClone,
                OptionalLong.empty(), List.of(), 0);
    }
}
