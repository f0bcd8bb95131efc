package org.mqvio.harness.fio;

import com.google.common.collect.ImmutableMap;
import java.util.Map;
import org.mqvio.harness.workload.JobSpec;

/**
 * One job of a job file, ready to run, with what fio's reports need about it.
 *
 * @param spec           what the job does
 * @param groupId        its reporting group (fio's groupid: a new one at each stonewall or new_group)
 * @param groupReporting whether its group is reported as one (fio's group_reporting)
 * @param percentiles    the clat percentiles to report (fio's percentile_list)
 * @param options        the options its own section set, as written (fio's "job options")
 * @param description    its description, or ""
 * @param origin         where its section starts
 * @param logs           the fio log files it writes
 */
public record PlannedJob(JobSpec spec, int groupId, boolean groupReporting, double[] percentiles,
                         Map<String, String> options, String description, Origin origin, JobLogs logs) {
    /** A job that writes no log file. */
    public PlannedJob(JobSpec spec, int groupId, boolean groupReporting, double[] percentiles,
                      Map<String, String> options, String description, Origin origin) {
        this(spec, groupId, groupReporting, percentiles, options, description, origin, JobLogs.NONE);
    }

    public PlannedJob {
        percentiles = percentiles.clone();
        options = ImmutableMap.copyOf(options);
    }

    @Override
    public double[] percentiles() {
        return percentiles.clone();
    }
}
