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
import org.mqvio.harness.workload.ReadWrite;
import org.mqvio.harness.workload.SimulationRun;

class JobPlannerTest {
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
    void globalSectionsApplyToTheJobsAfterThemAndTheCommandLineWins() throws IOException {
        Path f = file("a.fio", """
                ; comment
                # another
                [global]
                rw=randread
                bs=8k
                iodepth=4
                runtime=10ms

                [first]
                numjobs=2

                [global]
                bs=16k

                [second]
                iodepth=8
                """);
        JobPlan p = plan(f.toString(), "--iodepth=32");
        assertThat(p.jobs()).hasSize(2);
        JobSpec first = p.jobs().get(0).spec();
        JobSpec second = p.jobs().get(1).spec();
        assertThat(first.name()).isEqualTo("first");
        assertThat(first.rw()).isEqualTo(ReadWrite.RANDREAD);
        assertThat(first.blockSize()).isEqualTo(8192);
        assertThat(first.numjobs()).isEqualTo(2);
        assertThat(first.iodepth()).as("the command line overrides the file").isEqualTo(32);
        assertThat(second.blockSize()).as("a later [global] applies to the jobs after it").isEqualTo(16384);
        assertThat(second.iodepth()).isEqualTo(32);
        assertThat(first.runtimeNs()).isEqualTo(10_000_000L);
        assertThat(p.batches()).as("no stonewall: side by side").hasSize(1);
        assertThat(p.globalOptions()).containsEntry("rw", "randread").containsEntry("iodepth", "32");
        assertThat(p.jobs().get(0).options()).containsExactly(Map.entry("numjobs", "2"));
    }

    @Test
    void fioDefaultsWhenNothingIsGiven() {
        JobPlan p = plan();
        JobSpec j = p.jobs().get(0).spec();
        assertThat(j.name()).isEqualTo("job");
        assertThat(j.rw()).isEqualTo(ReadWrite.READ);
        assertThat(j.blockSize()).isEqualTo(4096);
        assertThat(j.iodepth()).isEqualTo(1);
        assertThat(j.numjobs()).isEqualTo(1);
        assertThat(j.rwmixread()).isEqualTo(50);
        assertThat(j.runtimeNs()).isEqualTo(JobPlanner.DEFAULT_RUNTIME_NS);
        assertThat(p.notes()).anyMatch(n -> n.contains("sets none of runtime, size, io_size and number_ios")
                && n.contains("1 simulated second"));
        assertThat(p.jobs().get(0).percentiles()).containsExactly(SimulationRun.PERCENTILES);
    }

    @Test
    void sizeWithoutTimeBasedIsAnAmountAndWithTimeBasedARegion() {
        JobSpec amount = plan("--size=1m").jobs().get(0).spec();
        assertThat(amount.ioLimitBytes()).isEqualTo(1 << 20);
        assertThat(amount.runtimeNs()).as("no default runtime when size ends the job").isZero();
        JobSpec region = plan("--size=1m", "--time_based", "--runtime=2ms").jobs().get(0).spec();
        assertThat(region.ioLimitBytes()).isZero();
        assertThat(region.sizeBytes()).isEqualTo(1 << 20);
        assertThat(plan("--size=1m", "--io_size=64k").jobs().get(0).spec().ioLimitBytes()).isEqualTo(65536);
        assertThat(plan("--number_ios=1k").jobs().get(0).spec().numberIos()).isEqualTo(1024);
        assertThat(plan("--time_based").notes()).anyMatch(n -> n.contains("time_based without a runtime"));
    }

    @Test
    void fioUnitSuffixes() {
        assertThat(plan("--bs=4k").jobs().get(0).spec().blockSize()).isEqualTo(4096);
        assertThat(plan("--bs=4KB").jobs().get(0).spec().blockSize()).isEqualTo(4096);
        assertThat(plan("--size=4kib", "--bs=512").jobs().get(0).spec().ioLimitBytes())
                .as("fio's kb_base=1024 compatibility: kib is 1000").isEqualTo(4000);
        assertThat(plan("--size=4k", "--kb_base=1000", "--bs=512").jobs().get(0).spec().ioLimitBytes()).isEqualTo(4000);
        assertThat(plan("--size=1g").jobs().get(0).spec().ioLimitBytes()).isEqualTo(1L << 30);
        assertThat(plan("--runtime=2").jobs().get(0).spec().runtimeNs()).as("a bare time is seconds").isEqualTo(2_000_000_000L);
        assertThat(plan("--runtime=250us").jobs().get(0).spec().runtimeNs()).isEqualTo(250_000L);
        assertThat(plan("--runtime=1m").jobs().get(0).spec().runtimeNs()).isEqualTo(60_000_000_000L);
        assertThat(plan("--runtime=1s", "--iopsavgtime=20").jobs().get(0).spec().sampleIntervalNs())
                .as("a bare sample width is milliseconds").isEqualTo(20_000_000L);
        assertThat(plan("--rwmixwrite=30").jobs().get(0).spec().rwmixread()).isEqualTo(70);
        assertThat(plan("--readwrite=randrw").jobs().get(0).spec().rw()).isEqualTo(ReadWrite.RANDRW);
        assertThat(plan("--cpus_allowed=0-2,5", "--runtime=1ms").jobs().get(0).spec().cpusAllowed())
                .containsExactly(0, 1, 2, 5);
        assertThat(plan("--percentile_list=99.9:50", "--runtime=1ms").jobs().get(0).percentiles())
                .containsExactly(50, 99.9);
        assertThat(plan("--randseed=18446744073709551615", "--runtime=1ms").jobs().get(0).spec().randSeed())
                .hasValue(-1L);
    }

    @Test
    void commandLineValuesMayFollowTheOptionAndNameStartsAJob() {
        JobPlan p = plan("--rw", "randwrite", "--runtime=1ms", "--name=a", "--bs", "8k", "--name", "b");
        assertThat(p.jobs()).extracting(j -> j.spec().name()).containsExactly("a", "b");
        assertThat(p.jobs()).allMatch(j -> j.spec().rw() == ReadWrite.RANDWRITE);
        assertThat(p.jobs().get(0).spec().blockSize()).isEqualTo(8192);
        assertThat(p.jobs().get(1).spec().blockSize()).isEqualTo(4096);
    }

    @Test
    void stonewallStartsABatchAndAGroupNewGroupOnlyAGroup() throws IOException {
        Path f = file("g.fio", """
                [global]
                runtime=1ms
                [a]
                [b]
                new_group
                [c]
                stonewall
                [d]
                """);
        JobPlan p = plan(f.toString());
        assertThat(p.batches()).hasSize(2);
        assertThat(p.batches().get(0)).extracting(j -> j.spec().name()).containsExactly("a", "b");
        assertThat(p.batches().get(1)).extracting(j -> j.spec().name()).containsExactly("c", "d");
        assertThat(p.jobs()).extracting(PlannedJob::groupId).containsExactly(0, 1, 2, 2);
        assertThat(p.notes()).anyMatch(n -> n.contains("run one after another, each on a freshly built stack"));
    }

    @Test
    void includesAreReadRelativeToTheIncludingFileAndVariablesExpand() throws IOException {
        Files.createDirectories(dir.resolve("sub"));
        file("sub/common.fio", "bs=${BS}\niodepth=3\n");
        Path f = file("sub/main.fio", "[global]\ninclude common.fio\nruntime=1ms\n[j]\n");
        JobPlan p = JobPlanner.plan(List.of(f.toString()), Map.of("BS", "16k"));
        assertThat(p.jobs().get(0).spec().blockSize()).isEqualTo(16384);
        assertThat(p.jobs().get(0).spec().iodepth()).isEqualTo(3);
    }

    @Test
    void optionsMeaninglessToAModelAreListedNotRejected() throws IOException {
        Path f = file("n.fio", "[global]\nioengine=libaio\ndirect=1\nthread\n[j]\nfilename=/dev/vdb\nruntime=1ms\n");
        JobPlan p = plan(f.toString(), "--gtod_reduce=1");
        assertThat(p.notApplicable()).extracting(IgnoredOption::toString).containsExactly(
                "ioengine=libaio (" + f + ":2)", "direct=1 (" + f + ":3)", "thread (" + f + ":4)",
                "filename=/dev/vdb (" + f + ":6)", "gtod_reduce=1 (command line)");
    }

    @Test
    void unknownNamesSayWhereWhatIsAllowedAndTheNearest() throws IOException {
        Path f = file("u.fio", "[j]\nruntime=1ms\niodeph=4\n");
        assertThatThrownBy(() -> plan(f.toString())).hasMessageStartingWith(f + ":3: unknown option 'iodeph'")
                .hasMessageContaining("did you mean 'iodepth'?").hasMessageContaining("allowed: the fio options mqvio models");
        assertThatThrownBy(() -> plan("--numjob=2")).hasMessageStartingWith("command line: unknown option 'numjob'")
                .hasMessageContaining("did you mean 'numjobs'?");
        assertThatThrownBy(() -> plan("--ioengin=libaio")).hasMessageContaining("did you mean 'ioengine'?");
    }

    @Test
    void badValuesSayWhereAndWhatIsAllowed() throws IOException {
        Path f = file("v.fio", "[j]\nbs=4q\n");
        assertThatThrownBy(() -> plan(f.toString())).hasMessage(f + ":2: bs=4q is invalid; allowed: "
                + "a whole number of bytes with an optional suffix k, m, g, t, p (powers of 1024; kib, mib, ... powers"
                + " of 1000, as fio's kb_base=1024), e.g. 4k");
        assertThatThrownBy(() -> plan("--rw=randred")).hasMessageContaining("rw=randred is invalid; allowed: read, write,"
                + " randread").hasMessageContaining("did you mean 'randread'?");
        assertThatThrownBy(() -> plan("--rw=trim")).hasMessageContaining("not modelled yet");
        assertThatThrownBy(() -> plan("--bs=1000")).hasMessageContaining("bs=1000 is invalid; allowed: a multiple of 512");
        assertThatThrownBy(() -> plan("--offset=100")).hasMessageContaining("offset=100 is invalid");
        assertThatThrownBy(() -> plan("--iodepth=0")).hasMessageContaining("iodepth=0 is invalid; allowed: an integer in [1, 65535]");
        assertThatThrownBy(() -> plan("--time_based=maybe")).hasMessageContaining("allowed: 0 or 1");
        assertThatThrownBy(() -> plan("--percentile_list=50:101")).hasMessageContaining("percentile_list=50:101 is invalid");
        assertThatThrownBy(() -> plan("--cpus_allowed=3-1")).hasMessageContaining("cpus_allowed=3-1 is invalid");
        assertThatThrownBy(() -> plan("--kb_base=1001")).hasMessageContaining("allowed: 1000 or 1024");
        assertThatThrownBy(() -> plan("--bs")).hasMessageContaining("--bs needs a value");
        assertThatThrownBy(() -> plan("--runtime=1ms", "-x")).hasMessageContaining("unknown option '-x'");
    }

    @Test
    void malformedFilesSayWhere() throws IOException {
        Path outside = file("o.fio", "bs=4k\n[j]\n");
        assertThatThrownBy(() -> plan(outside.toString())).hasMessageStartingWith(outside + ":1: option 'bs' is outside a section");
        Path header = file("h.fio", "[j\n");
        assertThatThrownBy(() -> plan(header.toString())).hasMessageStartingWith(header + ":1: malformed section header");
        Path globalOnly = file("g.fio", "[global]\nbs=4k\n");
        assertThatThrownBy(() -> plan(globalOnly.toString())).hasMessageContaining("has no job section");
        assertThatThrownBy(() -> plan(dir.resolve("missing.fio").toString())).hasMessageContaining("cannot be read")
                .hasMessageContaining("missing.fio");
        Path include = file("i.fio", "[j]\ninclude nope.fio\n");
        assertThatThrownBy(() -> plan(include.toString())).hasMessageStartingWith(include + ":2: include 'nope.fio' cannot be read (NoSuchFileException: ");
        Path loop = file("loop.fio", "[j]\ninclude loop.fio\n");
        assertThatThrownBy(() -> plan(loop.toString())).hasMessageContaining("an include loop?");
    }

    @Test
    void aPlannedJobKnowsWhereItsSectionStarts() throws IOException {
        Path f = file("c.fio", "[j]\nruntime=1ms\n");
        JobPlan p = plan(f.toString());
        assertThat(p.jobs().get(0).origin()).isEqualTo(new Origin(f.toString(), 1));
    }
}
