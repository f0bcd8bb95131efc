package org.mqvio.harness.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 16's bad inputs, each a regression example: every one ends within a bound with exit 0 or 2 (1 for a run
 * whose I/O failed, as fio) and one line on the standard error, no stack trace, and the line names the limit or
 * the nearest valid names.
 */
class FrontDoorTest {
    private static final String MAX = Long.toString(Long.MAX_VALUE);

    @TempDir
    Path dir;

    private static FrontDoor.Outcome refused(String expected, String... args) {
        FrontDoor.Outcome o = FrontDoor.run(Duration.ofSeconds(30), args);
        assertThat(o.code()).as(o.toString()).isEqualTo(Main.BAD_INPUT);
        assertThat(o.err()).as(o.toString()).startsWith("mqvio: ").contains(expected);
        return o;
    }

    // Crashes (OutOfMemoryError with a stack trace)

    @Test
    void hostCpusAtIntMaxIsRefusedNamingTheLimit() {
        refused("--host-cpus=2147483647 is invalid; allowed: an integer from 1 to the limit 8192",
                "run", "--runtime=1ms", "--host-cpus=2147483647");
    }

    @Test
    void numjobsAndIodepthAtTheirMaximaAreRefusedNamingNumjobsTimesIodepth() {
        refused("numjobs x iodepth = 4096 x 65535 I/Os in flight is above the limit 262144",
                "run", "--runtime=1ms", "--numjobs=4096", "--iodepth=65535");
    }

    @Test
    @EnabledOnOs({OS.LINUX, OS.MAC})
    void devZeroAsAJobFileIsRefusedAsTooLarge() {
        refused("job file '/dev/zero' is too large", "run", "/dev/zero");
    }

    @Test
    void aJobFileThatIsNotTextIsRefused() throws IOException {
        Path nul = Files.write(dir.resolve("nul.fio"), new byte[] {'[', 'j', ']', '\n', 0, 0});
        refused("is not text", "run", nul.toString());
        Path latin1 = Files.write(dir.resolve("latin1.fio"), "[j]\nrw=r\u00e9ad\n".getBytes(StandardCharsets.ISO_8859_1));
        refused("is not text", "run", latin1.toString());
    }

    @Test
    void aSweepToHostCpusAtIntMaxIsRefusedBeforeAnyPoint() {
        refused("--host-cpus=2147483647 is invalid", "sweep", "--runtime=1ms", "--vary", "host-cpus=4,2147483647",
                "--out-dir=" + dir);
    }

    // Hangs

    @Test
    void aHundredThousandVcpusAreRefusedNamingTheLimit() {
        refused("--vcpus=100000 is invalid; allowed: an integer from 1 to the limit 1024",
                "run", "--runtime=1ms", "--vcpus=100000");
    }

    @Test
    void costsAtLongMaxAreRefusedNamingTheLimit() {
        refused("=" + MAX + " is above the limit 1000000000", "run", "--runtime=1ms",
                "--set", "cost.iothread_submit=" + MAX, "--set", "cost.iothread_complete=" + MAX);
    }

    // Silently wrong

    @Test
    void aCostNearLongMaxCannotOverflowTheClockAndTheLargestAllowedRuns() {
        refused("is above the limit 1000000000", "run", "--runtime=1ms", "--set", "cost.iothread_submit=9200000000000000000");
        FrontDoor.Outcome o = FrontDoor.run(Duration.ofSeconds(30), "run", "--runtime=20ms", "--output-format=json",
                "--set", "cost.iothread_submit=1000000000", "--set", "cost.iothread_complete=1000000000");
        assertThat(o.code()).as(o.toString()).isZero();
        assertThat(o.out()).doesNotContain("\"slat_ns\" : {\n      \"min\" : -").doesNotContain(": -");
    }

    @Test
    void aParameterOfAProviderNotInTheStackIsAnError() {
        refused("--set mq.poll: a parameter of data plane 'mq', which is not in the stack", "run", "--runtime=1ms",
                "--set", "mq.poll=adaptive");
        refused("--set mq.poll: a parameter of data plane 'mq'", "run", "--runtime=1ms", "--dataplane=baseline",
                "--set", "mq.poll=adaptive");
        FrontDoor.Outcome o = FrontDoor.run(Duration.ofSeconds(30), "run", "--runtime=1ms", "--dataplane=mq",
                "--set", "mq.poll=adaptive");
        assertThat(o.code()).as(o.toString()).isZero();
    }

    // Silent loss

    @Test
    void aRunInWhichEveryIoFailsExitsNonZeroAsFioDoes() {
        FrontDoor.Outcome o = FrontDoor.run(Duration.ofSeconds(30), "run", "--runtime=1ms",
                "--set", "nvme.error_probability=1.0");
        assertThat(o.code()).as(o.toString()).isEqualTo(1);
        assertThat(o.out()).as("the whole report is still printed").contains("err=");
        assertThat(o.err()).matches("mqvio: [0-9]+ I/Os failed \\(err= in the report\\); exit status 1, as fio's when"
                + " a job has an error\\R");
    }

    @Test
    void aStandardOutputThatCannotBeWrittenExitsNonZero() {
        FrontDoor.Outcome o = FrontDoor.runToFullDevice(Duration.ofSeconds(30), "run", "--runtime=1ms");
        assertThat(o.code()).as(o.toString()).isEqualTo(1);
        assertThat(o.err()).startsWith("mqvio: the standard output could not be written");
    }

    // Poor messages

    @Test
    void aMisspeltMqvioOptionIsOfferedMqviosOptionsNotFios() {
        assertThat(refused("unknown option '--dataplan'; did you mean '--dataplane'?", "run", "--dataplan=mq").err())
                .doesNotContain("fdatasync");
        assertThat(refused("unknown option '--seeed'; did you mean '--seed'?", "run", "--seeed=3").err())
                .doesNotContain("'size'");
        refused("unknown option '--hostcpus'; did you mean '--host-cpus'?", "sweep", "--vary", "numjobs=1",
                "--hostcpus=2");
    }

    @Test
    void aMisspeltFioOptionIsStillOfferedFioOptions() {
        refused("unknown option 'iodeph'; did you mean 'iodepth'?", "run", "--iodeph=4");
    }

    @Test
    void aMisspeltSetNameGetsTheNearestNamesNotTheWholeList() {
        assertThat(refused("--set virtio.queue_sise: unknown parameter; did you mean 'virtio.queue_size'?",
                "run", "--set", "virtio.queue_sise=64").err()).doesNotContain("mq.poll").doesNotContain("nvme.");
        assertThat(refused("--set cost.kick_exitt: unknown cost; did you mean 'cost.kick_exit'?",
                "run", "--set", "cost.kick_exitt=5").err()).doesNotContain("ipi_send");
        refused("--dataplane=mqq: unknown data plane 'mqq'; did you mean 'mq'?", "run", "--dataplane=mqq");
        refused("--device=nvm: unknown device 'nvm'; did you mean 'nvme'?", "run", "--device=nvm");
    }

    @Test
    void anUnwritableOutputIsReportedBeforeTheRun() throws IOException {
        refused("--output=" + dir + " cannot be written: it is a directory", "run", "--output=" + dir,
                "--runtime=1ms");
        Path file = Files.writeString(dir.resolve("file"), "x");
        refused("--out-dir=" + file.resolve("sub") + " cannot be written: " + file + " is not a directory", "sweep",
                "--vary", "numjobs=1", "--out-dir=" + file.resolve("sub"));
    }

    @Test
    void aRangeOfAHundredMillionValuesSaysWhichLimitItExceeds() {
        refused("'1..100000000' has 100000000 values, above the limit of 10001 values per range", "sweep",
                "--vary", "numjobs=1..100000000");
    }

    @Test
    void aRangeEndingAtLongMaxEndsAndOneSpanningAllLongsIsRefused() {
        refused("numjobs=9223372036854775800 is invalid", "sweep", "--runtime=1ms", "--out-dir=" + dir,
                "--vary", "numjobs=9223372036854775800.." + MAX);
        refused("has more than " + MAX + " values", "sweep", "--vary", "numjobs=-9223372036854775808.." + MAX);
    }
}
