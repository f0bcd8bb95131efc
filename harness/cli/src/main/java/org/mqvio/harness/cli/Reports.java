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

/** The text of {@code run}'s reports: each format asked for, in fio's order ({@link OutputFormat}). */
final class Reports {
    private Reports() {
    }

    static String write(Set<OutputFormat> formats, JobPlan plan, List<RunResult> runs) {
        StringWriter sw = new StringWriter();
        PrintWriter out = new PrintWriter(sw);
        if (formats.contains(OutputFormat.TERSE)) {
            TerseReport.write(out, Main.VERSION, plan, runs);
        }
        if (formats.contains(OutputFormat.JSON) || formats.contains(OutputFormat.JSON_PLUS)) {
            out.print(Json.write(FioJsonReport.of(Main.VERSION, plan, runs, Instant.now(),
                    formats.contains(OutputFormat.JSON_PLUS))));
        }
        if (formats.contains(OutputFormat.NORMAL)) {
            NormalReport.write(out, Main.VERSION, plan, runs);
        }
        out.flush();
        return sw.toString();
    }

    /**
     * The text of one periodic status report ({@code --status-interval}): as {@link #write}, except that the normal
     * format is fio's interim one, the jobs' blocks and their groups' run status without the heading lines.
     */
    static String status(Set<OutputFormat> formats, JobPlan plan, List<RunResult> runs) {
        if (!formats.contains(OutputFormat.NORMAL)) {
            return write(formats, plan, runs);
        }
        Set<OutputFormat> others = EnumSet.copyOf(formats);
        others.remove(OutputFormat.NORMAL);
        StringWriter sw = new StringWriter();
        PrintWriter out = new PrintWriter(sw);
        out.print(others.isEmpty() ? "" : write(others, plan, runs));
        NormalReport.writeStatus(out, plan, runs);
        out.flush();
        return sw.toString();
    }
}
