package org.mqvio.harness.sweep;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.junit.jupiter.api.Test;

class ParallelRunnerTest {
    @Test
    void tasksStartInTheGivenOrderAndTheirResultsComeBackInTaskOrder() {
        List<Integer> started = Collections.synchronizedList(new ArrayList<>());
        List<Callable<String>> tasks = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            int index = i;
            tasks.add(() -> {
                started.add(index);
                return "task " + index;
            });
        }
        List<String> results = ParallelRunner.run(tasks, List.of(2, 0, 3, 1), 1, i -> { });
        assertThat(started).containsExactly(2, 0, 3, 1);
        assertThat(results).containsExactly("task 0", "task 1", "task 2", "task 3");
    }

    @Test
    void aStartOrderThatIsNotAPermutationIsRefused() {
        List<Callable<String>> tasks = List.of(() -> "a", () -> "b");
        assertThatThrownBy(() -> ParallelRunner.run(tasks, List.of(0, 0), 1, i -> { }))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("a permutation of the 2 task indices");
        assertThatThrownBy(() -> ParallelRunner.run(tasks, List.of(0), 1, i -> { }))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void thePapersRunsWithTheMostVcpusStartFirstAndComeBackInTaskOrder() {
        List<Integer> started = Collections.synchronizedList(new ArrayList<>());
        int[] vcpus = {1, 4, 2, 4, 3};
        List<PaperExperiment.PointRun> tasks = new ArrayList<>();
        for (int i = 0; i < vcpus.length; i++) {
            int index = i;
            tasks.add(new PaperExperiment.PointRun(vcpus[i], () -> {
                started.add(index);
                return new PaperExperiment.Point("design " + index, vcpus[index], 16, Map.of());
            }));
        }
        List<PaperExperiment.Point> points = PaperExperiment.runAll(tasks, 1,
                new Progress(tasks.size(), new PrintWriter(new StringWriter()), false));
        assertThat(started).as("most vCPUs first; among equals, task order").containsExactly(1, 3, 4, 2, 0);
        assertThat(points).extracting(PaperExperiment.Point::design)
                .containsExactly("design 0", "design 1", "design 2", "design 3", "design 4");
    }
}
