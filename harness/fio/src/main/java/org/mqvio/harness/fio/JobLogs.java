package org.mqvio.harness.fio;

import java.util.Map;
import java.util.Optional;

/**
 * The log files a job writes, as fio's {@code write_lat_log}, {@code write_bw_log}, {@code write_iops_log},
 * {@code log_avg_msec}, {@code log_offset} and {@code write_hist_log} ask for them (fio's HOWTO, "Log File Formats").
 *
 * @param latPrefix  the prefix of the latency logs (lat, clat, slat), if written
 * @param bwPrefix   the prefix of the bandwidth log, if written
 * @param iopsPrefix the prefix of the IOPS log, if written
 * @param avgMs      fio's log_avg_msec: 0 for one line per I/O, else the averaging window in ms of the run's time
 * @param offset     fio's log_offset: lines hold the I/O's offset
 * @param hist       fio's write_hist_log, log_hist_msec and log_hist_coarseness
 */
public record JobLogs(Optional<String> latPrefix, Optional<String> bwPrefix, Optional<String> iopsPrefix, long avgMs,
                      boolean offset, HistLog hist) {
    /** No log file. */
    public static final JobLogs NONE = new JobLogs(Optional.empty(), Optional.empty(), Optional.empty(), 0, false);

    /** The logs without a histogram log. */
    public JobLogs(Optional<String> latPrefix, Optional<String> bwPrefix, Optional<String> iopsPrefix, long avgMs,
                   boolean offset) {
        this(latPrefix, bwPrefix, iopsPrefix, avgMs, offset, HistLog.NONE);
    }

    /**
     * fio's completion latency histogram log ({@code write_hist_log}).
     *
     * @param prefix     the file's prefix, if written
     * @param msec       fio's log_hist_msec: an entry per direction every this many ms; 0 writes an empty file, as fio
     * @param coarseness fio's log_hist_coarseness, 0 to 6: each entry sums 2^coarseness of fio's latency bins
     */
    public record HistLog(Optional<String> prefix, long msec, int coarseness) {
        /** No histogram log. */
        public static final HistLog NONE = new HistLog(Optional.empty(), 0, 0);
    }

    /** Whether any log file is written. */
    public boolean any() {
        return latPrefix.isPresent() || bwPrefix.isPresent() || iopsPrefix.isPresent() || hist.prefix().isPresent();
    }

    /** The logs of a job with option values {@code v}; a bare prefix is the job's {@code name}, as in fio. */
    static JobLogs of(Map<FioOption, Object> v, String name) {
        return new JobLogs(prefix(v, FioOption.WRITE_LAT_LOG, name), prefix(v, FioOption.WRITE_BW_LOG, name),
                prefix(v, FioOption.WRITE_IOPS_LOG, name),
                (Long) v.getOrDefault(FioOption.LOG_AVG_MSEC, 0L) / 1_000_000L,
                (Boolean) v.getOrDefault(FioOption.LOG_OFFSET, false),
                new HistLog(prefix(v, FioOption.WRITE_HIST_LOG, name),
                        (Long) v.getOrDefault(FioOption.LOG_HIST_MSEC, 0L) / 1_000_000L,
                        ((Long) v.getOrDefault(FioOption.LOG_HIST_COARSENESS, 0L)).intValue()));
    }

    private static Optional<String> prefix(Map<FioOption, Object> v, FioOption option, String name) {
        Object p = v.get(option);
        return p == null ? Optional.empty() : Optional.of(((String) p).isEmpty() ? name : (String) p);
    }
}
