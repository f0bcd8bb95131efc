package org.mqvio.harness.fio;

import com.google.common.collect.ImmutableMap;
import java.util.List;
import java.util.Map;

/**
 * What {@code mqvio run} runs: batches of jobs one after another (fio's stonewall), the jobs of one batch side
 * by side on one freshly built stack; the global options as written, the options not applicable to a model,
 * and notes the output must show (defaults taken, options without effect).
 *
 * @param batches       the batches, in order
 * @param globalOptions the {@code [global]} and command-line options as written (fio's "global options")
 * @param notApplicable the fio options given that the model ignores
 * @param notes         what the output must say about how the jobs were read
 */
public record JobPlan(List<List<PlannedJob>> batches, Map<String, String> globalOptions,
                      List<NotApplicable> notApplicable, List<String> notes) {
    public JobPlan {
        batches = batches.stream().map(List::copyOf).toList();
        globalOptions = ImmutableMap.copyOf(globalOptions);
        notApplicable = List.copyOf(notApplicable);
        notes = List.copyOf(notes);
    }

    /** Every job, batch after batch. */
    public List<PlannedJob> jobs() {
        return batches.stream().flatMap(List::stream).toList();
    }
}
