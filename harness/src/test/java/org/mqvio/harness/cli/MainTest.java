package org.mqvio.harness.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

class MainTest {
    private record Outcome(int code, String out, String err) {
    }

    private static Outcome run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = Main.execute(args, new PrintWriter(out), new PrintWriter(err));
        return new Outcome(code, out.toString(), err.toString());
    }

    @Test
    void runPrintsIopsForARandomReadJob() {
        Outcome o = run("run", "--numjobs=2", "--iodepth=4", "--runtime=5ms");
        assertThat(o.code()).as(o.err()).isZero();
        assertThat(o.out()).contains("rw=randread, bs=4096B, iodepth=4, numjobs=2").containsPattern("read: IOPS=[0-9.]+k")
                .contains("virtual nanoseconds").contains("trace digest");
    }

    @Test
    void listNamesEveryProviderAndVerboseItsParameters() {
        Outcome o = run("list");
        assertThat(o.code()).isZero();
        assertThat(o.out()).contains("baseline").contains("mq").contains("blk-mq").contains("nvme")
                .doesNotContain("virtio.queue_size");
        assertThat(run("list", "--verbose").out()).contains("--set virtio.queue_size=128").contains("cost.kick_exit=1500");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "--dataplane=nope|unknown data plane 'nope'; available: ",
        "--set=cost.kick_exit=abc|allowed: an integer >= 0",
        "--host-cpus=0|--host-cpus=0 is invalid; allowed: an integer >= 1",
        "--host-cpus=-2|--host-cpus=-2 is invalid; allowed: an integer >= 1",
        "--numjobs=0|numjobs=0 is invalid; allowed: an integer >= 1",
        "--iodepth=0|iodepth=0 is invalid; allowed: an integer >= 1",
        "--rw=randfoo|rw=randfoo is not valid; allowed: read, write, randread",
        "--set=virtio.nope=1|unknown parameter 'virtio.nope'",
        "--ramp_time=fast|ramp_time=fast is not a valid time",
    })
    void badInputExitsNonZeroWithOneLine(String arg, String expected) {
        Outcome o = run("run", "--runtime=1ms", arg);
        assertThat(o.code()).isEqualTo(2);
        assertThat(o.err()).contains(expected);
        assertThat(o.err().strip().lines().count()).as(o.err()).isEqualTo(1);
        assertThat(o.out()).isEmpty();
    }
}
