package org.mqvio.harness.fio;

import java.util.Map;
import java.util.Optional;

/**
 * The log files a job writes, as fio's {@code write_lat_log}, {@code write_bw_log}, {@code write_iops_log},
 * {@code log_avg_msec} and {@code log_offset} ask for them (fio's HOWTO, "Log File Formats").
 *
 * @param latPrefix  the prefix of the latency logs (lat, clat, slat), if written
 * @param bwPrefix   the prefix of the bandwidth log, if written
 * @param iopsPrefix the prefix of the IOPS log, if written
 * @param avgMs      fio's log_avg_msec: 0 for one line per I/O, else the averaging window in ms of the run's time
 * @param offset     fio's log_offset: lines hold the I/O's offset
 */
public record JobLogs(Optional<String> latPrefix, Optional<String> bwPrefix, Optional<String> iopsPrefix, long avgMs,
                      boolean offset) {
    /** No log file. */
    public static final JobLogs NONE = new JobLogs(Optional.empty(), Optional.empty(), Optional.empty(), 0, false);

    /** Whether any log file is written. */
    public boolean any() {
        return latPrefix.isPresent() || bwPrefix.isPresent() || iopsPrefix.isPresent();
    }

    /** The logs of a job with option values {@code v}; a bare prefix is the job's {@code name}, as in fio. */
    static JobLogs of(Map<FioOption, Object> v, String name) {
        return new JobLogs(prefix(v, FioOption.WRITE_LAT_LOG, name), prefix(v, FioOption.WRITE_BW_LOG, name),
                prefix(v, FioOption.WRITE_IOPS_LOG, name),
                (Long) v.getOrDefault(FioOption.LOG_AVG_MSEC, 0L) / 1_000_000L,
                (Boolean) v.getOrDefault(FioOption.LOG_OFFSET, false));
    }

    private static Optional<String> prefix(Map<FioOption, Object> v, FioOption option, String name) {
        Object p = v.get(option);
        return p == null ? Optional.empty() : Optional.of(((String) p).isEmpty() ? name : (String) p);
    }
}
