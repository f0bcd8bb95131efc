package org.mqvio.harness.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mqvio.harness.cli.InProcessCli.run;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.mqvio.harness.cli.InProcessCli.Outcome;
import org.mqvio.harness.report.FioJsonSummary;
import org.mqvio.harness.report.Json;

/** The command line end to end: job files in normal and JSON format, sweeps, the paper, and every bad input. */
class MainTest {
    /** A job file written for a real guest; JobFileFuzzTest mutates it too. */
    static final String JOB_FILE = """
            ; a job file written for a real guest
            [global]
            ioengine=libaio
            direct=1
            filename=/dev/vdb
            rw=randread
            bs=4k
            iodepth=8
            runtime=4ms
            ramp_time=1ms
            time_based
            group_reporting
            percentile_list=50:99:99.9

            [readers]
            numjobs=2

            [writer]
            stonewall
            rw=randwrite
            ramp_time=0
            number_ios=200
            """;

    /** The version in this module's POM, handed over by Surefire (see the POM). */
    private static final String POM_VERSION = System.getProperty("mqvio.pomVersion");

    @TempDir
    Path dir;


    private Path jobFile() throws IOException {
        Path p = dir.resolve("paper.fio");
        Files.writeString(p, JOB_FILE);
        return p;
    }

    @Test
    void theVersionIsThePoms() {
        assertThat(POM_VERSION).isNotBlank();
        for (String command : new String[] {"run", "sweep", "sweep-merge", "paper"}) {
            Outcome o = run(command, "--version");
            assertThat(o.code()).as(command).isZero();
            assertThat(o.out().strip()).as(command).isEqualTo("mqvio " + POM_VERSION);
        }
        assertThat(run("--version").out().strip()).isEqualTo("mqvio " + POM_VERSION);
    }

    @Test
    void aJobFileInNormalFormatReadsLikeFio() throws IOException {
        Path f = jobFile();
        Outcome o = run("run", f.toString(), "--dataplane=mq");
        assertThat(o.code()).as(o.err()).isZero();
        assertThat(o.out())
                .contains("readers: (g=0): rw=randread, bs=(R) 4096B-4096B, (W) 4096B-4096B, (T) 4096B-4096B, iodepth=8")
                .contains("writer: (g=1): rw=randwrite")
                .contains("readers: (groupid=0, jobs=2): err= 0: cpus=vcpu0,vcpu1")
                .containsPattern("  read: IOPS=[0-9.]+k, BW=[0-9.]+MiB/s \\([0-9.]+MB/s\\)\\([0-9.]+[KM]iB/4msec\\)")
                .containsPattern("    slat \\((nsec|usec)\\): min=[0-9]+, max=[0-9]+, avg=[0-9.]+, stdev=[0-9.]+")
                .containsPattern("    clat \\((nsec|usec)\\)").containsPattern("     lat \\((nsec|usec)\\)")
                .containsPattern("    clat percentiles \\((nsec|usec)\\):\\n     \\| 50.00th=\\[ *[0-9]+\\], 99.00th=\\[ *[0-9]+\\], 99.90th=\\[ *[0-9]+\\]")
                .containsPattern("   bw \\(  KiB/s\\): min=[0-9]+, max=[0-9]+, per=100.00%, avg=[0-9.]+, stdev=[0-9.]+, samples=10")
                .containsPattern("  cpu          : usr=0.00%, sys=[0-9.]+%, ctx=[0-9]+, majf=0, minf=0")
                .contains("  IO depths    : 1=")
                .containsPattern("  write: IOPS=")
                .contains("Run status group 0 (all jobs):").containsPattern("   READ: bw=.*run=4-4msec")
                .contains("Run status group 1 (all jobs):").contains("  WRITE: bw=")
                .contains("every time below is virtual")
                .contains("not applicable to a model, ignored: ioengine=libaio (" + f + ":3), direct=1 (" + f + ":4),"
                        + " filename=/dev/vdb (" + f + ":5)")
                .contains("note: 2 groups separated by stonewall run one after another, each on a freshly built stack")
                .contains("run 0 (jobs readers)").contains("run 1 (jobs writer)")
                .containsPattern("      vcpu0 +vcpu +[0-9.]+%").containsPattern("      iothread0 +iothread +[0-9.]+%")
                .containsPattern("per I/O: kicks=[0-9.]+, guest_interrupts=[0-9.]+, device_interrupts=[0-9.]+, ipis=")
                .contains("batches: ios_per_kick=").contains("queue depth: mean_in_flight=")
                .containsPattern("lock vq0 \\(ticket\\): acquisitions=[0-9]+, contended_pct=")
                .contains("trace digest");
        assertThat(o.err()).isEmpty();
    }

    @Test
    void aJobFileInJsonFormatHasFiosStructure() throws IOException {
        Path f = jobFile();
        Path out = dir.resolve("out.json");
        Outcome o = run("run", f.toString(), "--output-format=json", "--output=" + out);
        assertThat(o.code()).as(o.err()).isZero();
        assertThat(o.out()).isEmpty();
        String json = Files.readString(out);
        FioJsonSummary s = FioJsonSummary.read(json);
        assertThat(s.version()).isEqualTo("mqvio-" + POM_VERSION);
        assertThat(s.jobs()).extracting(FioJsonSummary.Job::jobname).containsExactly("readers", "writer");
        assertThat(s.jobs()).extracting(FioJsonSummary.Job::groupid).containsExactly(0L, 1L);
        FioJsonSummary.Direction r = s.jobs().get(0).read();
        assertThat(r.runtimeMs()).isEqualTo(4);
        assertThat(r.clatPercentiles()).containsOnlyKeys("50.000000", "99.000000", "99.900000");
        FioJsonSummary.Direction w = s.jobs().get(1).write();
        assertThat(w.totalIos()).as("number_ios=200 ends the writer").isEqualTo(200);
        assertThat(s.jobs().get(1).read().totalIos()).isZero();
        JsonNode doc = Json.parse(json);
        assertThat(keys(doc)).contains("fio version", "timestamp", "timestamp_ms", "time", "global options", "jobs",
                "disk_util", "mqvio");
        JsonNode job = doc.get("jobs").get(0);
        assertThat(keys(job)).contains("jobname", "groupid", "error", "job options", "read", "write", "trim", "sync",
                "job_runtime", "usr_cpu", "sys_cpu", "ctx", "majf", "minf", "iodepth_level", "iodepth_submit",
                "iodepth_complete", "latency_ns", "latency_us", "latency_ms", "latency_depth", "latency_target",
                "latency_percentile", "latency_window");
        JsonNode read = job.get("read");
        assertThat(keys(read)).contains("io_bytes", "io_kbytes", "bw_bytes", "bw", "iops", "runtime", "total_ios",
                "short_ios", "drop_ios", "slat_ns", "clat_ns", "lat_ns", "bw_min", "bw_max", "bw_agg", "bw_mean", "bw_dev",
                "bw_samples", "iops_min", "iops_max", "iops_mean", "iops_stddev", "iops_samples");
        JsonNode mqvio = doc.get("mqvio");
        assertThat(keys(mqvio)).contains("version", "mode", "time", "not_applicable", "notes", "runs");
        assertThat(mqvio.get("runs")).hasSize(2);
    }

    @Test
    void aJobWithoutAnEndRunsOneSimulatedSecondAndSaysSo() {
        Outcome o = run("run", "--rw=randread", "--iodepth=1", "--dataplane=native");
        assertThat(o.code()).as(o.err()).isZero();
        assertThat(o.out()).contains("note: job 'job' (command line) sets none of runtime, size, io_size and number_ios:"
                + " it runs for 1 simulated second").containsPattern("run=1000-1000msec");
    }

    @Test
    void listNamesEveryProviderAndVerboseItsParameters() {
        Outcome o = run("list");
        assertThat(o.code()).isZero();
        assertThat(o.out()).contains("baseline").contains("mq").contains("blk-mq").contains("nvme")
                .doesNotContain("virtio.queue_size");
        assertThat(run("list", "--verbose").out()).contains("--set virtio.queue_size=128").contains("cost.kick_exit=1500")
                .containsPattern("lock +wait_ns +ns +time waited for the lock");
        assertThat(o.out()).doesNotContain("wait_ns");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "--dataplane=nope|--dataplane=nope: unknown data plane 'nope'; did you mean ",
        "--set=cost.kick_exit=abc|allowed: an integer from 0 to 1000000000",
        "--host-cpus=0|--host-cpus=0 is invalid; allowed: an integer from 1 to the limit",
        "--host-cpus=-2|--host-cpus=-2 is invalid; allowed: an integer from 1 to the limit",
        "--vcpus=0|--vcpus=0 is invalid; allowed: an integer from 1 to the limit",
        "--numjobs=0|command line: numjobs=0 is invalid; allowed: an integer in [1, 4096]",
        "--iodepth=0|command line: iodepth=0 is invalid; allowed: an integer in [1, 65535]",
        "--rw=randred|command line: rw=randred is invalid; allowed: read, write, randread, randwrite, rw, readwrite, randrw; did you mean 'randread'?",
        "--set=virtio.nope=1|--set virtio.nope: unknown parameter; did you mean 'virtio.",
        "--ramp_time=fast|command line: ramp_time=fast is invalid; allowed: a whole number with an optional unit",
        "--iodeph=4|command line: unknown option 'iodeph'; did you mean 'iodepth'? allowed: the fio options mqvio models",
        "--bs=4q|command line: bs=4q is invalid; allowed: a whole number of bytes",
        "--bs=100|command line: bs=100 is invalid; allowed: a multiple of 512 bytes from 512 to 16m",
        "--offset=1000|command line: offset=1000 is invalid; allowed: a multiple of 512 bytes",
        "--percentile_list=0|command line: percentile_list=0 is invalid; allowed: up to 20 percentiles in (0, 100]",
        "--cpus_allowed=5 --vcpus=2|job 'job': cpus_allowed names CPU 5 but the stack has 2 CPUs; allowed: 0-1 (or more --vcpus)",
        "--mode=fast|--mode=fast is invalid; allowed: sim, live",
        "--output-format=xml|--output-format=xml is invalid; allowed: terse, json, json+, normal (a comma-separated list; minimal and csv are fio's names for terse)",
        "--output-format=normal,jsn|--output-format=jsn is invalid; allowed: terse, json, json+, normal",
        "--terse-version=6|--terse-version=6 is invalid; allowed: 2, 3, 4, 5",
        "--output=/nonexistent-dir/x.json|--output=/nonexistent-dir/x.json cannot be written: its directory does not exist",
        "missing.fio|job file 'missing.fio' cannot be read",
        "-q|command line: unknown option '-q'",
        "--log-level=loud|--log-level=loud is invalid; allowed: error, warn, info, debug, trace",
    })
    void badInputExitsWithTwoAndOneLineSayingWhatIsAllowed(String arg, String expected) {
        List<String> args = new ArrayList<>(List.of("run", "--runtime=1ms"));
        args.addAll(Arrays.asList(arg.split(" ")));
        Outcome o = run(args.toArray(String[]::new));
        assertThat(o.code()).as(o.out() + o.err()).isEqualTo(2);
        assertThat(o.err()).startsWith("mqvio: ").contains(expected);
        assertThat(o.err().strip().lines().count()).as(o.err()).isEqualTo(1);
        assertThat(o.out()).isEmpty();
    }

    @Test
    void logLevelIsSetBeforeAnyCommandRunsAndABadOneIsOneLine() {
        String property = "org.slf4j.simpleLogger.defaultLogLevel";
        try {
            assertThat(run("--log-level=debug", "list").code()).isZero();
            assertThat(System.getProperty(property)).isEqualTo("debug");
            assertThat(run("--log-level=TRACE", "list").code()).as("any case, as every enum option").isZero();
            assertThat(System.getProperty(property)).isEqualTo("trace");
            assertThat(run("list").code()).isZero();
            assertThat(System.getProperty(property)).as("the default").isEqualTo("warn");
            Outcome o = run("--log-level=WARNING", "list");
            assertThat(o.code()).isEqualTo(2);
            assertThat(o.err()).isEqualTo("mqvio: --log-level=WARNING is invalid; allowed: error, warn, info, debug, trace"
                    + System.lineSeparator());
            assertThat(o.out()).isEmpty();
        } finally {
            System.clearProperty(property);
        }
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "--mode=fast|mqvio: --mode=fast is invalid; allowed: sim, live",
        "--mode|mqvio: --mode=fast is invalid; allowed: sim, live",
        "--mode=|mqvio: --mode= is invalid; allowed: sim, live",
        "--output-format=xml|mqvio: --output-format=xml is invalid; allowed: terse, json, json+, normal (a"
                + " comma-separated list; minimal and csv are fio's names for terse)",
    })
    void aValueNoChoiceNamesIsOneLineNamingTheOptionTheValueAndTheChoices(String arg, String expected) {
        List<String> args = new ArrayList<>(List.of("run", "--runtime=1ms", arg));
        if (arg.equals("--mode")) {
            args.add("fast");
        }
        Outcome o = run(args.toArray(String[]::new));
        assertThat(o.code()).as(o.out() + o.err()).isEqualTo(2);
        assertThat(o.err()).isEqualTo(expected + System.lineSeparator());
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {"--mode=SIM|", "--mode=Sim|", "--output-format=JSON|\"jobs\""})
    void choicesAreReadInAnyCase(String arg, String expected) {
        Outcome o = run("run", "--rw=randread", "--number_ios=10", arg);
        assertThat(o.code()).as(o.err()).isZero();
        assertThat(o.out()).contains(expected == null ? "mqvio" : expected);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "'[global]\nbs=4k\n'|has no job section",
        "'bs=4k\n[j]\n'|:1: option 'bs' is outside a section; allowed: options after a [global] or [JOBNAME] header",
        "'[j\n'|:1: malformed section header '[j'; allowed: [NAME] with a non-empty name",
        "'[j]\nruntime=1ms\nnumjob=2\n'|:3: unknown option 'numjob'; did you mean 'numjobs'?",
        "'[j]\nruntime=1ms\nrw=randred\n'|:3: rw=randred is invalid; allowed: read, write, randread, randwrite, rw, readwrite, randrw; did you mean 'randread'?",
        "'[j]\nruntime=soon\n'|:2: runtime=soon is invalid; allowed: a whole number with an optional unit us, ms, s, m, h, d",
        "'[j]\nruntime=1ms\ninclude other.fio\n'|:3: include 'other.fio' cannot be read",
        "'[j]\nruntime=1ms\ntime_based=2\n'|:3: time_based=2 is invalid; allowed: 0 or 1",
    })
    void badJobFilesNameFileLineOptionAndWhatIsAllowed(String text, String expected) throws IOException {
        Path f = dir.resolve("bad.fio");
        Files.writeString(f, text);
        Outcome o = run("run", f.toString());
        assertThat(o.code()).as(o.out() + o.err()).isEqualTo(2);
        assertThat(o.err()).contains(f.toString()).contains(expected);
        assertThat(o.err().strip().lines().count()).as(o.err()).isEqualTo(1);
    }

    @Test
    void aSweepWritesCsvJsonLinesAndChartsAndItsShardsMergeToTheSame() throws IOException {
        List<String> base = List.of("sweep", "--rw=randread", "--iodepth=4", "--runtime=2ms", "--vary", "numjobs=1..2",
                "--vary=dataplane=baseline,mq", "--metric=iops,clat_p99_us");
        Outcome whole = run(concat(base, "--out-dir=" + dir.resolve("whole"), "--parallel=2"));
        assertThat(whole.code()).as(whole.err()).isZero();
        assertThat(whole.out()).contains("mqvio sweep: 4 points, 2 at a time").contains("point  numjobs")
                .contains("wrote " + dir.resolve("whole/points.csv")).contains("wrote " + dir.resolve("whole/iops-vs-numjobs.png"))
                .contains("wrote " + dir.resolve("whole/clat_p99_us-vs-numjobs.svg"));
        for (int i = 0; i < 2; i++) {
            Outcome shard = run(concat(base, "--shard=" + i + "/2", "--out-dir=" + dir.resolve("shards"), "--parallel=1"));
            assertThat(shard.code()).as(shard.err()).isZero();
            assertThat(shard.out()).contains("(shard " + i + "/2 of 4)").contains("mqvio sweep-merge");
        }
        Outcome merge = run("sweep-merge", dir.resolve("shards").toString());
        assertThat(merge.code()).as(merge.err()).isZero();
        assertThat(Files.readString(dir.resolve("shards/points.csv"))).isEqualTo(Files.readString(dir.resolve("whole/points.csv")));
        assertThat(Files.size(dir.resolve("shards/iops-vs-numjobs.png"))).isPositive();
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "--vary=numjob=1..2|--vary numjob: unknown parameter; did you mean 'numjobs'?",
        "--vary=numjobs|allowed: NAME=V1,V2,... or NAME=A..B",
        "--shard=3/2|--shard=3/2 is invalid; allowed: I/N with whole numbers 0 <= I < N",
        "--metric=speed|--metric=speed is unknown; allowed: iops, read_iops",
        "--x=iodepth|--x=iodepth is not a swept parameter",
        "--mode=live|--mode=live is not available for this command",
        "--parallel=0|parallelism=0 is invalid; allowed: an integer >= 1",
    })
    void badSweepsExitWithTwo(String arg, String expected) {
        Outcome o = run("sweep", "--runtime=1ms", "--vary=numjobs=1..2", "--out-dir=" + dir, arg);
        assertThat(o.code()).as(o.out() + o.err()).isEqualTo(2);
        assertThat(o.err()).contains(expected);
    }

    @Test
    void sweepMergeOfNothingExitsWithTwo() {
        Outcome o = run("sweep-merge", dir.toString());
        assertThat(o.code()).isEqualTo(2);
        assertThat(o.err()).contains("no shard files found");
    }

    @Test
    void thePaperPrintsItsTableVerdictAndFiles() throws IOException {
        Outcome o = run("paper", "--max-jobs=4", "--runtime=2ms", "--out-dir=" + dir.resolve("paper"), "--parallel=2");
        assertThat(o.out()).contains("numjobs   baseline IOPS        mq IOPS  mq/base").containsPattern("\\n4 +[0-9]+ +[0-9]+ +[0-9.]+ +[0-9.]+% +[0-9.]+ us\\n")
                .contains("Ming Lei 2014 (iodepth 64): 1 vq / 1 IoThread").contains("Ming Lei 2014 (iodepth 64): 2 vqs / 1 IoThread")
                .contains("] baseline falls as numjobs grows past its peak: ").contains("] mq/baseline at 4 jobs in [2.55, 3.38]: ")
                .containsPattern("papers' shape: (HOLDS|does NOT hold)");
        assertThat(o.out().lines().filter(l -> l.startsWith("papers' shape")).count()).isEqualTo(1);
        for (String f : List.of("paper.json", "paper.csv", "paper-iops.png", "paper-iops.svg", "ming-lei-iops.png")) {
            assertThat(dir.resolve("paper").resolve(f)).isNotEmptyFile();
        }
        JsonNode doc = Json.parse(Files.readString(dir.resolve("paper/paper.json")));
        assertThat(keys(doc)).contains("experiment", "stack", "cost_table_ns", "points", "ming_lei", "criteria", "holds");
        assertThat(doc.get("points")).hasSize(8);
        assertThat(doc.get("criteria")).hasSize(9);
        assertThat(o.code()).as("exit status as the verdict says; " + o.err())
                .isEqualTo(doc.get("holds").asBoolean() ? 0 : 3);
        assertThat(run("paper", "--max-jobs=3").err()).contains("--max-jobs=3 is invalid; allowed: an integer >= 4");
    }

    @Test
    void thePaperExitsWithThreeWhenACriterionFails() {
        // A guest submit path of 20 us makes every job bound by its own vCPU: baseline no longer falls and
        // mq gains nothing over it.
        Outcome o = run("paper", "--max-jobs=4", "--runtime=2ms", "--out-dir=" + dir.resolve("broken"), "--parallel=2",
                "--set=cost.guest_submit=20000");
        assertThat(o.out()).contains("[FAIL] mq/baseline at 4 jobs in [2.55, 3.38]").contains("papers' shape: does NOT hold");
        assertThat(o.code()).as(o.err()).isEqualTo(3);
        assertThat(run("paper", "--help").out()).contains("Exit status:").contains("3   a criterion fails");
    }

    @Test
    void everyCommandsHelpIsFormattedWithoutWarnings() {
        // picocli formats descriptions as format strings; a bare '%' makes it warn on the real stderr and print raw text.
        java.io.PrintStream stderr = System.err;
        java.io.ByteArrayOutputStream captured = new java.io.ByteArrayOutputStream();
        System.setErr(new java.io.PrintStream(captured, true, java.nio.charset.StandardCharsets.UTF_8));
        try {
            for (String command : List.of("run", "sweep", "sweep-merge", "paper", "bench", "trace")) {
                assertThat(run(command, "--help").out()).as(command).contains("Usage: mqvio " + command);
            }
        } finally {
            System.setErr(stderr);
        }
        assertThat(captured.toString(java.nio.charset.StandardCharsets.UTF_8)).doesNotContain("picocli WARN");
    }

    private static List<String> keys(JsonNode object) {
        List<String> keys = new ArrayList<>();
        object.fieldNames().forEachRemaining(keys::add);
        return keys;
    }

    private static String[] concat(List<String> base, String... more) {
        List<String> all = new ArrayList<>(base);
        all.addAll(Arrays.asList(more));
        return all.toArray(String[]::new);
    }
}
