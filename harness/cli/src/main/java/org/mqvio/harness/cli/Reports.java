package org.mqvio.harness.cli;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Instant;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import org.mqvio.harness.fio.JobPlan;
import org.mqvio.harness.report.FioJsonReport;
import org.mqvio.harness.report.Json;
import org.mqvio.harness.report.NormalReport;
import org.mqvio.harness.report.TerseReport;
import org.mqvio.harness.workload.RunResult;

/**
 * The text of {@code run}'s reports: each format asked for, in fio's order ({@link OutputFormat}).
 *
 * @param formats      the formats asked for
 * @param terseVersion fio's terse version ({@code --terse-version}), one of {@link TerseReport#VERSIONS}
 */
record Reports(Set<OutputFormat> formats, int terseVersion) {
    Reports {
        formats = Set.copyOf(formats);
    }

    /** The final report. */
    String write(JobPlan plan, List<RunResult> runs) {
        return write(formats, plan, runs, true);
    }

    /**
     * The final report after periodic status reports, which began with {@link #heading}: the normal format without
     * its heading, as fio prints it once, before its jobs start.
     */
    String writeAfterStatus(JobPlan plan, List<RunResult> runs) {
        return write(formats, plan, runs, false);
    }

    /** The normal format's heading lines, if it is asked for; else nothing. */
    String heading(JobPlan plan, List<RunResult> runs) {
        if (!formats.contains(OutputFormat.NORMAL)) {
            return "";
        }
        StringWriter sw = new StringWriter();
        NormalReport.heading(new PrintWriter(sw), Main.VERSION, plan, runs);
        return sw.toString();
    }

    private String write(Set<OutputFormat> which, JobPlan plan, List<RunResult> runs, boolean withHeading) {
        StringWriter sw = new StringWriter();
        PrintWriter out = new PrintWriter(sw);
        if (which.contains(OutputFormat.TERSE)) {
            TerseReport.write(out, Main.VERSION, plan, runs, terseVersion);
        }
        if (which.contains(OutputFormat.JSON) || which.contains(OutputFormat.JSON_PLUS)) {
            out.print(Json.write(FioJsonReport.of(Main.VERSION, plan, runs, Instant.now(),
                    which.contains(OutputFormat.JSON_PLUS))));
        }
        if (which.contains(OutputFormat.NORMAL) && withHeading) {
            NormalReport.write(out, Main.VERSION, plan, runs);
        } else if (which.contains(OutputFormat.NORMAL)) {
            NormalReport.writeWithoutHeading(out, plan, runs);
        }
        out.flush();
        return sw.toString();
    }

    /**
     * The text of one periodic status report ({@code --status-interval}): as {@link #write}, except that the normal
     * format is fio's interim one, the jobs' blocks and their groups' run status (the first report follows the
     * {@link #heading}).
     */
    String status(JobPlan plan, List<RunResult> runs) {
        if (!formats.contains(OutputFormat.NORMAL)) {
            return write(plan, runs);
        }
        Set<OutputFormat> others = EnumSet.noneOf(OutputFormat.class);
        others.addAll(formats);
        others.remove(OutputFormat.NORMAL);
        StringWriter sw = new StringWriter();
        PrintWriter out = new PrintWriter(sw);
        out.print(write(others, plan, runs, false));
        NormalReport.writeStatus(out, plan, runs);
        out.flush();
        return sw.toString();
    }
}
