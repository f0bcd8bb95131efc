package org.mqvio.harness.fio;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mqvio.harness.workload.JobSpec;

/** Job files read as fio reads them: inline comments, one [global] per file, files grouped, --section. */
class JobFileReadingTest {
    @TempDir
    Path dir;

    private Path file(String name, String text) throws IOException {
        Path p = dir.resolve(name);
        Files.writeString(p, text);
        return p;
    }

    private static JobPlan plan(String... tokens) {
        return JobPlanner.plan(List.of(tokens), Map.of());
    }

    @Test
    void aCommentEndsEveryLineOfAJobFileAtItsFirstSemicolonOrHash() throws IOException {
        file("common.inc", "iodepth=3 ; from the include\n");
        Path f = file("c.fio", """
                [global] ; global options
                runtime=1ms
                include common.inc ; relative to this file
                [j]   # the job
                numjobs=4 ; four threads
                bs=8k# no blank before the hash
                description=random reads; the rest is a comment
                  ; an indented comment line
                """);
        JobPlan p = plan(f.toString());
        JobSpec j = p.jobs().get(0).spec();
        assertThat(j.name()).isEqualTo("j");
        assertThat(j.numjobs()).isEqualTo(4);
        assertThat(j.blockSize()).isEqualTo(8192);
        assertThat(j.iodepth()).isEqualTo(3);
        assertThat(p.jobs().get(0).description()).isEqualTo("random reads");
    }

    @Test
    void aValueOnTheCommandLineKeepsItsSemicolonAndHash() {
        assertThat(plan("--runtime=1ms", "--description=a;b#c").jobs().get(0).description()).isEqualTo("a;b#c");
    }

    @Test
    void aSecondJobFileHasOnlyItsOwnGlobalAndStartsANewGroupAfterTheFirst() throws IOException {
        Path a = file("a.fio", "[global]\nruntime=1ms\nbs=8k\n[a1]\n[a2]\n");
        Path b = file("b.fio", "[global]\nruntime=2ms\niodepth=4\n[b1]\n[b2]\n");
        JobPlan p = plan(a.toString(), b.toString());
        assertThat(p.jobs()).extracting(j -> j.spec().name()).containsExactly("a1", "a2", "b1", "b2");
        assertThat(p.jobs()).extracting(j -> j.spec().blockSize()).as("b.fio does not inherit a.fio's bs=8k")
                .containsExactly(8192, 8192, 4096, 4096);
        assertThat(p.jobs()).extracting(j -> j.spec().iodepth()).containsExactly(1, 1, 4, 4);
        assertThat(p.jobs()).extracting(PlannedJob::groupId).as("fio's groupid").containsExactly(0, 0, 1, 1);
        assertThat(p.batches()).as("the second file runs after the first, as after a stonewall").hasSize(2);
    }

    @Test
    void sectionRunsOnlyTheNamedJobSectionsWithTheirGlobalAndSkipsTheOthersUnread() throws IOException {
        Path f = file("s.fio", """
                [global]
                runtime=1ms
                bs=16k
                [light]
                not_an_option=1
                [moderate]
                iodepth=4
                [heavy]
                stonewall
                iodepth=32
                """);
        JobPlan p = plan(f.toString(), "--section=heavy", "--section", "moderate");
        assertThat(p.jobs()).extracting(j -> j.spec().name()).containsExactly("moderate", "heavy");
        assertThat(p.jobs()).extracting(j -> j.spec().blockSize()).containsExactly(16384, 16384);
        assertThat(p.jobs()).extracting(PlannedJob::groupId).containsExactly(0, 1);
        assertThat(plan(f.toString(), "--section=heavy").jobs()).extracting(PlannedJob::groupId)
                .as("a stonewall on the first job starts no new group").containsExactly(0);
        assertThatThrownBy(() -> plan(f.toString(), "--section=hevy")).hasMessage("command line: --section=hevy names"
                + " no job section; allowed: light, moderate, heavy");
        assertThatThrownBy(() -> plan(f.toString(), "--section=global")).hasMessageContaining("global is always read");
    }

    @Test
    void parseOnlyAndShowcmdAreActionsNotJobOptions() throws IOException {
        Path f = file("p.fio", "[j]\nruntime=1ms\nmax_latency=10\n");
        assertThat(plan(f.toString(), "--parse-only", "--allow-unmodelled").action()).isEqualTo(FioAction.PARSE_ONLY);
        assertThatThrownBy(() -> plan(f.toString(), "--parse-only")).as("parse-only checks what run would refuse")
                .hasMessageContaining("max_latency=10 ends the job early");
        JobPlan shown = plan(f.toString(), "--showcmd");
        assertThat(shown.action()).isEqualTo(FioAction.SHOW_COMMAND);
        assertThat(shown.commandLines()).containsExactly("fio --name=j --runtime=1ms --max_latency=10 ");
        assertThat(plan("--runtime=1ms").action()).isEqualTo(FioAction.RUN);
    }
}
