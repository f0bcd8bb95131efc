package org.mqvio.harness.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * SIGINT during {@code mqvio run} and {@code mqvio sweep}, end to end: the command line in a child JVM on this build's
 * module path, sent the signal with {@code kill}. A run prints the report over what completed and exits 130; a
 * sweep keeps its finished points and exits 130, and {@code --resume} then finishes it with the same
 * {@code points.csv} as a sweep run straight through.
 *
 * <p>A process started in the background by a non-interactive shell ignores SIGINT, and so does every process it
 * starts (the JVM then hooks no handler to it); when this JVM ignores SIGINT the child is sent SIGTERM instead,
 * which reaches the same shutdown hook.
 */
class InterruptTest {
    private static final Pattern IOPS = Pattern.compile("read: IOPS=([0-9.]+)(k?)");
    private static final Duration BOUND = Duration.ofSeconds(60);

    @TempDir
    Path dir;

    /** The sweep of these tests: 4 points of {@code runtime} each, one at a time. */
    private static List<String> sweep(String runtime, Path outDir, String... more) {
        List<String> args = new ArrayList<>(List.of("sweep", "--rw=randread", "--iodepth=8", "--runtime=" + runtime,
                "--vary", "numjobs=1..4", "--parallel=1", "--metric=iops", "--out-dir=" + outDir));
        args.addAll(List.of(more));
        return args;
    }

    @Test
    void sigintDuringARunPrintsTheReportOverWhatCompletedAndExits130() throws Exception {
        Process p = child("--log-level=info", "run", "--rw=randread", "--iodepth=16", "--runtime=900s", "--name=long");
        // Signalled once the batch has started (its info line) and has run a moment.
        long deadline = System.nanoTime() + BOUND.toNanos();
        while (!Files.readString(dir.resolve("err")).contains("batch 1 of 1 starts") && p.isAlive()
                && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        Thread.sleep(300);
        long signalled = System.nanoTime();
        String signal = interrupt(p);
        assertThat(p.waitFor(BOUND.toSeconds(), TimeUnit.SECONDS)).as("stopped after SIG%s", signal).isTrue();
        long stopMs = (System.nanoTime() - signalled) / 1_000_000;
        String out = Files.readString(dir.resolve("out"));
        String err = Files.readString(dir.resolve("err"));
        assertThat(p.exitValue()).as("exit after SIG%s; stderr: %s", signal, err).isEqualTo(130);
        Matcher m = IOPS.matcher(out);
        assertThat(m.find()).as("a report on stdout: %s", out).isTrue();
        assertThat(Double.parseDouble(m.group(1))).isPositive();
        assertThat(out).contains("long: (groupid=0, jobs=1): err= 0").contains("Run status group 0");
        assertThat(err).endsWith("\nmqvio: interrupted; the report covers the I/O completed until then\n")
                .doesNotContain("\tat ").doesNotContain("\r");
        System.out.printf("run: SIG%s, exit %d %d ms later, %s%n", signal, p.exitValue(), stopMs, m.group());
    }

    @Test
    void aSweepInterruptedBySigintKeepsItsPointsAndResumesToTheSameFiles() throws Exception {
        Path straight = dir.resolve("straight");
        Path stopped = dir.resolve("stopped");
        assertThat(run(sweep("80ms", straight)).code()).isZero();

        Process p = child(sweep("80ms", stopped).toArray(String[]::new));
        Path journal = stopped.resolve("points.jsonl");
        long deadline = System.nanoTime() + BOUND.toNanos();
        while (lines(journal) < 2 && p.isAlive() && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        String signal = interrupt(p);
        assertThat(p.waitFor(BOUND.toSeconds(), TimeUnit.SECONDS)).isTrue();
        String err = Files.readString(dir.resolve("err"));
        assertThat(p.exitValue()).as("exit after SIG%s; stderr: %s", signal, err).isEqualTo(130);
        int kept = lines(journal) - 1;
        assertThat(kept).as("points kept").isBetween(1, 3);
        assertThat(err).startsWith("mqvio: interrupted; " + kept + " of 4 points are in").contains("--resume=" + stopped)
                .hasLineCount(1);
        assertThat(lines(stopped.resolve("points.csv"))).isEqualTo(kept + 1);

        Outcome resumed = run(sweep("80ms", stopped, "--resume=" + stopped));
        assertThat(resumed.code()).as(resumed.err()).isZero();
        assertThat(resumed.out()).contains("(" + kept + " kept from " + stopped + ")");
        assertThat(Files.readString(stopped.resolve("points.csv")))
                .isEqualTo(Files.readString(straight.resolve("points.csv")));
        assertThat(Files.readString(stopped.resolve("points.jsonl")))
                .isEqualTo(Files.readString(straight.resolve("points.jsonl")));
        System.out.printf("sweep: SIG%s after %d of 4 points, exit 130; --resume ran %d, points.csv identical%n", signal,
                kept, 4 - kept);
    }

    @Test
    void aSweepStoppedAfterKPointsResumesToTheSameFilesAsOneRunStraightThrough() throws IOException {
        Path straight = dir.resolve("straight");
        Path parts = dir.resolve("parts");
        assertThat(run(sweep("2ms", straight)).code()).isZero();
        Outcome first = run(sweep("2ms", parts, "--max-points=1"));
        assertThat(first.code()).as(first.err()).isZero();
        assertThat(first.out()).contains("stopped after --max-points=1; 1 of 4 points are in");
        assertThat(lines(parts.resolve("points.jsonl"))).isEqualTo(2);
        Outcome second = run(sweep("2ms", parts, "--max-points=2", "--resume=" + parts));
        assertThat(second.out()).contains("3 of 4 points");
        Outcome last = run(sweep("2ms", parts, "--resume=" + parts));
        assertThat(last.code()).as(last.err()).isZero();
        for (String f : List.of("points.csv", "points.jsonl")) {
            assertThat(Files.readString(parts.resolve(f))).as(f).isEqualTo(Files.readString(straight.resolve(f)));
        }
        // Another sweep's files are refused, saying why.
        Outcome other = run(sweep("2ms", parts, "--resume=" + parts, "--iodepth=4"));
        assertThat(other.code()).isEqualTo(Main.BAD_INPUT);
        assertThat(other.err()).contains("--resume: " + parts.resolve("points.jsonl") + " is from sweep")
                .contains("the job, stack, --set, --vary or version differ").hasLineCount(1);
        // A sweep refused before any point ran leaves the directory's files as they were.
        Outcome bad = run(sweep("2ms", straight, "--bs=1000"));
        assertThat(bad.code()).as(bad.err()).isEqualTo(Main.BAD_INPUT);
        assertThat(Files.readString(straight.resolve("points.csv"))).isEqualTo(Files.readString(parts.resolve("points.csv")));
        Path none = dir.resolve("none");
        Outcome missing = run(sweep("2ms", none, "--resume=" + none));
        assertThat(missing.code()).isEqualTo(Main.BAD_INPUT);
        assertThat(missing.err()).contains("does not exist; allowed: the --out-dir of an interrupted sweep");
    }

    @Test
    void aTornLastLineIsDroppedOnResume() throws IOException {
        Path d = dir.resolve("torn");
        assertThat(run(sweep("2ms", d, "--max-points=2")).code()).isZero();
        Path journal = d.resolve("points.jsonl");
        String text = Files.readString(journal);
        Files.writeString(journal, text + text.lines().skip(1).findFirst().orElseThrow().substring(0, 30));
        Outcome resumed = run(sweep("2ms", d, "--resume=" + d));
        assertThat(resumed.code()).as(resumed.err()).isZero();
        assertThat(resumed.out()).contains("(2 kept from");
        assertThat(lines(journal)).isEqualTo(5);
    }

    private record Outcome(int code, String out, String err) {
    }

    private static Outcome run(List<String> args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = Main.execute(args.toArray(String[]::new), new PrintWriter(out), new PrintWriter(err));
        return new Outcome(code, out.toString(), err.toString());
    }

    private static int lines(Path file) throws IOException {
        return Files.exists(file) ? (int) Files.readString(file).chars().filter(c -> c == '\n').count() : 0;
    }

    /** The command line in a child JVM on this test's module path, stdout and stderr to files in {@link #dir}. */
    private Process child(String... args) throws IOException {
        List<String> command = new ArrayList<>(List.of(ProcessHandle.current().info().command().orElse("java"),
"-p",
                System.getProperty("jdk.module.path"), "-m", "org.mqvio.harness.cli/org.mqvio.harness.cli.Main"));
        command.addAll(List.of(args));
        return new ProcessBuilder(command).redirectOutput(dir.resolve("out").toFile())
                .redirectError(dir.resolve("err").toFile()).start();
    }

    /** Sends SIGINT, or SIGTERM when this JVM (and so the child) ignores SIGINT; returns the signal's name. */
    private static String interrupt(Process p) throws IOException, InterruptedException {
        String signal = ignoresSigint() ? "TERM" : "INT";
        Process kill = new ProcessBuilder("kill", "-" + signal, Long.toString(p.pid())).inheritIO().start();
        assertThat(kill.waitFor()).isZero();
        return signal;
    }

    private static boolean ignoresSigint() throws IOException {
        for (String line : Files.readAllLines(Path.of("/proc/self/status"), StandardCharsets.UTF_8)) {
            if (line.startsWith("SigIgn:")) {
                return (Long.parseUnsignedLong(line.substring(7).strip(), 16) & (1L << 1)) != 0;
            }
        }
        return false;
    }
}
