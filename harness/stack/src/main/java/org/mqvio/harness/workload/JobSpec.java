package org.mqvio.harness.workload;

import java.util.List;
import java.util.Objects;
import java.util.OptionalLong;
import org.mqvio.api.Operation;

/**
 * A fio-like job: what each of {@code numjobs} clones does and when it stops. Times are in nanoseconds of the
 * run's clock, sizes in bytes.
 *
 * <p>A clone stops issuing at the first of: the end of {@code ramp + runtime} (when {@code runtimeNs > 0}),
 * {@code ioLimitBytes} issued (when {@code > 0}), {@code numberIos} issued (when {@code > 0}). At least one
 * of them must be set. Its measurement window starts after the ramp and ends at the time limit, or at its
 * last reap when it stopped for another reason first.
 *
 * @param name             job name
 * @param rw               access pattern
 * @param blockSize        bytes per I/O, a multiple of 512
 * @param iodepth          I/Os each clone keeps in flight, {@code >= 1}
 * @param numjobs          clones, {@code >= 1}
 * @param runtimeNs        measured time after the ramp, {@code >= 0} (0: no time limit)
 * @param rampNs           time before measuring starts, {@code >= 0}
 * @param sizeBytes        length of the region addressed from {@code offsetBytes} (0: to the end of the device)
 * @param rwmixread        percentage of reads in mixed jobs, 0..100
 * @param offsetBytes      start of the region, a multiple of 512
 * @param ioLimitBytes     bytes each clone issues before it stops (0: no limit)
 * @param numberIos        I/Os each clone issues before it stops (0: no limit)
 * @param randSeed         seed of the clones' offset and mix generators; empty: derived from the run's seed
 * @param cpusAllowed      CPUs the clones run on (clone i on {@code cpusAllowed[i mod size]}); empty: the run assigns
 * @param sampleIntervalNs width of one IOPS and bandwidth sample (fio's iopsavgtime); 0 chooses from the runtime
 * @param pacing           when the clones issue: start delay, loops, rate, think time, batching ({@link JobPacing})
 * @param access           where I/Os fall and how large they are beyond {@code blockSize} and the region
 * @param ioLog            the trace the clones replay instead of generating I/O, and where they record what they issue
 * @param logIos           keep every I/O of the window ({@link DirectionStats#completedIos()}) for fio's per-I/O logs
 * @param verification     fio's verify and fill_device: what the written data carries and when it is read back
 */
public record JobSpec(String name, ReadWrite rw, int blockSize, int iodepth, int numjobs, long runtimeNs, long rampNs,
                      long sizeBytes, int rwmixread, long offsetBytes, long ioLimitBytes, long numberIos,
                      OptionalLong randSeed, List<Integer> cpusAllowed, long sampleIntervalNs, JobPacing pacing,
                      AccessPattern access, IoLog ioLog, boolean logIos, Verification verification) {
    public JobSpec {
        Objects.requireNonNull(verification, "verification");
        Objects.requireNonNull(ioLog, "ioLog");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(pacing, "pacing");
        Objects.requireNonNull(access, "access");
        Objects.requireNonNull(rw, "rw");
        Objects.requireNonNull(randSeed, "randSeed");
        cpusAllowed = List.copyOf(cpusAllowed);
        if (blockSize < 512 || blockSize % 512 != 0) {
            throw new IllegalArgumentException("bs=" + blockSize + " is invalid; allowed: a multiple of 512 bytes, >= 512");
        }
        if (iodepth < 1) {
            throw new IllegalArgumentException("iodepth=" + iodepth + " is invalid; allowed: an integer >= 1");
        }
        if (numjobs < 1) {
            throw new IllegalArgumentException("numjobs=" + numjobs + " is invalid; allowed: an integer >= 1");
        }
        if (runtimeNs < 0) {
            throw new IllegalArgumentException("runtime=" + runtimeNs + "ns is invalid; allowed: a duration >= 0");
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
        if (offsetBytes < 0 || offsetBytes % 512 != 0) {
            throw new IllegalArgumentException("offset=" + offsetBytes + " is invalid; allowed: a multiple of 512 bytes, >= 0");
        }
        if (ioLimitBytes < 0) {
            throw new IllegalArgumentException("io_size=" + ioLimitBytes + " is invalid; allowed: a size >= 0");
        }
        if (numberIos < 0) {
            throw new IllegalArgumentException("number_ios=" + numberIos + " is invalid; allowed: an integer >= 0");
        }
        if (sampleIntervalNs < 0) {
            throw new IllegalArgumentException("iopsavgtime=" + sampleIntervalNs + "ns is invalid; allowed: a duration >= 0");
        }
        for (int cpu : cpusAllowed) {
            if (cpu < 0) {
                throw new IllegalArgumentException("cpus_allowed=" + cpu + " is invalid; allowed: CPU numbers >= 0");
            }
        }
        if (runtimeNs == 0 && ioLimitBytes == 0 && numberIos == 0 && !ioLog.replays() && !verification.fillDevice()) {
            throw new IllegalArgumentException("job '" + name + "' never ends; allowed: a runtime > 0, or an I/O"
                    + " amount (size without time_based, io_size, fill_device) or number_ios > 0");
        }
    }

    /** A job that verifies nothing ({@link Verification#NONE}). */
    public JobSpec(String name, ReadWrite rw, int blockSize, int iodepth, int numjobs, long runtimeNs, long rampNs,
                   long sizeBytes, int rwmixread, long offsetBytes, long ioLimitBytes, long numberIos,
                   OptionalLong randSeed, List<Integer> cpusAllowed, long sampleIntervalNs, JobPacing pacing,
                   AccessPattern access, IoLog ioLog, boolean logIos) {
        this(name, rw, blockSize, iodepth, numjobs, runtimeNs, rampNs, sizeBytes, rwmixread, offsetBytes, ioLimitBytes,
                numberIos, randSeed, cpusAllowed, sampleIntervalNs, pacing, access, ioLog, logIos, Verification.NONE);
    }

    /** This job with {@code verification}. */
    public JobSpec withVerification(Verification verification) {
        return new JobSpec(name, rw, blockSize, iodepth, numjobs, runtimeNs, rampNs, sizeBytes, rwmixread, offsetBytes,
                ioLimitBytes, numberIos, randSeed, cpusAllowed, sampleIntervalNs, pacing, access, ioLog, logIos,
                verification);
    }

    /** A job with fio's default pacing ({@link JobPacing#NONE}) and access pattern ({@link AccessPattern#DEFAULT}), no logs. */
    public JobSpec(String name, ReadWrite rw, int blockSize, int iodepth, int numjobs, long runtimeNs, long rampNs,
                   long sizeBytes, int rwmixread, long offsetBytes, long ioLimitBytes, long numberIos,
                   OptionalLong randSeed, List<Integer> cpusAllowed, long sampleIntervalNs) {
        this(name, rw, blockSize, iodepth, numjobs, runtimeNs, rampNs, sizeBytes, rwmixread, offsetBytes, ioLimitBytes,
                numberIos, randSeed, cpusAllowed, sampleIntervalNs, JobPacing.NONE, AccessPattern.DEFAULT, IoLog.NONE,
                false);
    }

    /** This job with {@code pacing}. */
    public JobSpec withPacing(JobPacing pacing) {
        return new JobSpec(name, rw, blockSize, iodepth, numjobs, runtimeNs, rampNs, sizeBytes, rwmixread, offsetBytes,
                ioLimitBytes, numberIos, randSeed, cpusAllowed, sampleIntervalNs, pacing, access, ioLog, logIos,
                verification);
    }

    /** This job with {@code ioLog}: replaying a trace, recording what it issues, or neither. */
    public JobSpec withIoLog(IoLog ioLog) {
        return new JobSpec(name, rw, blockSize, iodepth, numjobs, runtimeNs, rampNs, sizeBytes, rwmixread, offsetBytes,
                ioLimitBytes, numberIos, randSeed, cpusAllowed, sampleIntervalNs, pacing, access, ioLog, logIos,
                verification);
    }

    /** This job, keeping every I/O of its window for fio's per-I/O logs or not. */
    public JobSpec withLogIos(boolean logIos) {
        return new JobSpec(name, rw, blockSize, iodepth, numjobs, runtimeNs, rampNs, sizeBytes, rwmixread, offsetBytes,
                ioLimitBytes, numberIos, randSeed, cpusAllowed, sampleIntervalNs, pacing, access, ioLog, logIos,
                verification);
    }

    /** This job with {@code access}. */
    public JobSpec withAccess(AccessPattern access) {
        return new JobSpec(name, rw, blockSize, iodepth, numjobs, runtimeNs, rampNs, sizeBytes, rwmixread, offsetBytes,
                ioLimitBytes, numberIos, randSeed, cpusAllowed, sampleIntervalNs, pacing, access, ioLog, logIos,
                verification);
    }

    /** A time-based job: the clones issue I/O for {@code runtimeNs} after {@code rampNs}, over the region. */
    public JobSpec(String name, ReadWrite rw, int blockSize, int iodepth, int numjobs, long runtimeNs, long rampNs,
                   long sizeBytes, int rwmixread) {
        this(name, rw, blockSize, iodepth, numjobs, positive("runtime", runtimeNs), rampNs, sizeBytes, rwmixread, 0, 0, 0,
                OptionalLong.empty(), List.of(), 0);
    }

    private static long positive(String option, long ns) {
        if (ns <= 0) {
            throw new IllegalArgumentException(option + "=" + ns + "ns is invalid; allowed: a duration > 0");
        }
        return ns;
    }

    /** A 4 KB random-read job of {@code runtimeNs}. */
    public static JobSpec randread(int numjobs, int iodepth, long runtimeNs) {
        return new JobSpec("randread", ReadWrite.RANDREAD, 4096, iodepth, numjobs, runtimeNs, 0, 0, 50);
    }

    /** The sizes of {@code op}'s I/Os: the access pattern's for the direction, else {@code blockSize}. */
    public BlockSizes sizes(Operation op) {
        return (op == Operation.READ ? access.readSizes() : access.writeSizes()).orElse(BlockSizes.fixed(blockSize));
    }

    /** The time limit of a clone, from its start (after its start delay): ramp plus runtime, or {@link Long#MAX_VALUE}. */
    public long stopIssuingAtNs() {
        return runtimeNs == 0 ? Long.MAX_VALUE : rampNs + runtimeNs;
    }
}
