package org.mqvio.harness.workload;

import java.util.Objects;

/**
 * A fio-like job: what each of {@code numjobs} clones does. Times are in nanoseconds of the run's clock.
 *
 * @param name       job name
 * @param rw         access pattern
 * @param blockSize  bytes per I/O, a multiple of 512
 * @param iodepth    I/Os each clone keeps in flight, {@code >= 1}
 * @param numjobs    clones, each on its own vCPU, {@code >= 1}
 * @param runtimeNs  how long to measure, {@code > 0}
 * @param rampNs     time before measuring starts, {@code >= 0}
 * @param sizeBytes  span of the device the job addresses (0: the whole device)
 * @param rwmixread  percentage of reads in mixed jobs, 0..100
 */
public record JobSpec(String name, ReadWrite rw, int blockSize, int iodepth, int numjobs, long runtimeNs, long rampNs,
                      long sizeBytes, int rwmixread) {
    public JobSpec {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(rw, "rw");
        if (blockSize < 512 || blockSize % 512 != 0) {
            throw new IllegalArgumentException("bs=" + blockSize + " is invalid; allowed: a multiple of 512 bytes, >= 512");
        }
        if (iodepth < 1) {
            throw new IllegalArgumentException("iodepth=" + iodepth + " is invalid; allowed: an integer >= 1");
        }
        if (numjobs < 1) {
            throw new IllegalArgumentException("numjobs=" + numjobs + " is invalid; allowed: an integer >= 1");
        }
        if (runtimeNs <= 0) {
            throw new IllegalArgumentException("runtime=" + runtimeNs + "ns is invalid; allowed: a duration > 0");
        }
        if (rampNs < 0) {
            throw new IllegalArgumentException("ramp_time=" + rampNs + "ns is invalid; allowed: a duration >= 0");
        }
        if (sizeBytes < 0) {
            throw new IllegalArgumentException("size=" + sizeBytes + " is invalid; allowed: a size >= 0");
        }
        if (rwmixread < 0 || rwmixread > 100) {
            throw new IllegalArgumentException("rwmixread=" + rwmixread + " is invalid; allowed: 0..100");
        }
    }

    /** A 4 KB random-read job. */
    public static JobSpec randread(int numjobs, int iodepth, long runtimeNs) {
        return new JobSpec("randread", ReadWrite.RANDREAD, 4096, iodepth, numjobs, runtimeNs, 0, 0, 50);
    }
}
