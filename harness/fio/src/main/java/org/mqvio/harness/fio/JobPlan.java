package org.mqvio.harness.fio;

import com.google.common.collect.ImmutableMap;
import java.util.List;
import java.util.Map;

/**
 * What {@code mqvio run} runs: batches of jobs one after another (fio's stonewall), the jobs of one batch side
 * by side on one freshly built stack; the global options as written, the options the run ignores, notes the
 * output must show (defaults taken, options without effect), and what fio's command line asked for.
 *
 * @param batches       the batches, in order
 * @param globalOptions the {@code [global]} and command-line options as written (fio's "global options")
 * @param notApplicable the fio options given that mean nothing to a model of the I/O path
 * @param unmodelled    the fio options given that mqvio does not model yet, ignored because of
 *                      {@code --allow-unmodelled} (empty otherwise: such an option is refused)
 * @param notes         what the output must say about how the jobs were read
 * @param action        run the jobs, or only read them ({@code --parse-only}, {@code --showcmd})
 * @param commandLines  fio's {@code --showcmd} lines, one per job file
 */
public record JobPlan(List<List<PlannedJob>> batches, Map<String, String> globalOptions,
                      List<IgnoredOption> notApplicable, List<IgnoredOption> unmodelled, List<String> notes,
                      FioAction action, List<String> commandLines) {
    public JobPlan {
        batches = batches.stream().map(List::copyOf).toList();
        globalOptions = ImmutableMap.copyOf(globalOptions);
        notApplicable = List.copyOf(notApplicable);
        unmodelled = List.copyOf(unmodelled);
        notes = List.copyOf(notes);
        commandLines = List.copyOf(commandLines);
    }

    /** This plan cut to its first {@code count} batches: what a run stopped early ran. */
    public JobPlan firstBatches(int count) {
        return new JobPlan(batches.subList(0, count), globalOptions, notApplicable, unmodelled, notes, action,
                commandLines);
    }

    /** Every job, batch after batch. */
    public List<PlannedJob> jobs() {
        return batches.stream().flatMap(List::stream).toList();
    }
}
