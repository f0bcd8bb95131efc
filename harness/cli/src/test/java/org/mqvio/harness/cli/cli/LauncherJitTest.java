package org.mqvio.harness.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * How {@code ./mqvio} has the JVM compile (bin/jit.sh): C1 alone and the serial collector for {@code paper} at its fixed
 * size, the JVM's defaults for everything else, and never a change to what a command prints. Runs in the package phase
 * with the launcher's other tests (the POM's {@code launcher-tests} execution): the last case runs the real launcher.
 */
class LauncherJitTest {
    private static final Path ROOT = Path.of("").toAbsolutePath().getParent().getParent();
    private static final List<String> QUICK = List.of("-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC");

    @TempDir
    Path dir;

    private record Outcome(int code, String out, String err) {
    }

    private static Outcome run(List<String> command, String jit, Path directory) throws IOException,
            InterruptedException {
        ProcessBuilder pb = new ProcessBuilder(command).directory(directory.toFile());
        pb.environment().remove("MQVIO_MODULE_PATH");
        pb.environment().remove("JDK_JAVA_OPTIONS");
        pb.environment().put("MQVIO_NO_BUILD", "1");
        pb.environment().put("MQVIO_JVM_CACHE", "off");
        if (jit == null) {
            pb.environment().remove("MQVIO_JIT");
        } else {
            pb.environment().put("MQVIO_JIT", jit);
        }
        Path out = Files.createTempFile(directory, "jit", ".out");
        Path err = Files.createTempFile(directory, "jit", ".err");
        Process p = pb.redirectOutput(out.toFile()).redirectError(err.toFile()).start();
        if (!p.waitFor(3, TimeUnit.MINUTES)) {
            p.destroyForcibly();
            throw new AssertionError("timed out: " + command);
        }
        return new Outcome(p.exitValue(), Files.readString(out), Files.readString(err));
    }

    /** The options bin/jit.sh chooses for the command line ARGS, one per element. */
    private Outcome options(String jit, String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of("bash", "-c",
                "set -euo pipefail; . \"$0\"; mqvio_jit \"$@\"; printf '%s\\n' \"${mqvio_jit_options[@]}\"",
                ROOT.resolve("bin/jit.sh").toString()));
        command.addAll(List.of(args));
        return run(command, jit, dir);
    }

    private List<String> chosen(String jit, String... args) throws IOException, InterruptedException {
        Outcome o = options(jit, args);
        assertThat(o.code()).as(o.err()).isZero();
        return o.out().lines().filter(line -> !line.isEmpty()).toList();
    }

    @Test
    void paperAtItsFixedSizeCompilesQuicklyAndEverythingElseKeepsTheDefaults() throws Exception {
        assertThat(chosen(null, "paper")).isEqualTo(QUICK);
        assertThat(chosen(null, "paper", "--out-dir", "x", "--seed=3", "--parallel", "1", "--log-level=info"))
                .isEqualTo(QUICK);
        assertThat(chosen(null, "paper", "--max-jobs=64")).isEmpty();
        assertThat(chosen(null, "paper", "--iodepth", "256")).isEmpty();
        assertThat(chosen(null, "paper", "--set=cost.kick_exit=2000")).isEmpty();
        assertThat(chosen(null, "paper", "--out-dir")).isEmpty();
        assertThat(chosen(null, "paper", "--runtime=1s")).isEmpty();
        assertThat(chosen(null, "paper", "--runtime", "1s")).isEmpty();
        assertThat(chosen(null, "paper", "--envelope")).isEmpty();
        assertThat(chosen(null, "paper", "--sensitivity")).isEmpty();
        assertThat(chosen(null, "run", "--rw=randread")).isEmpty();
        assertThat(chosen(null, "sweep", "paper")).isEmpty();
        assertThat(chosen(null)).isEmpty();
    }

    @Test
    void theSettingOverridesTheChoice() throws Exception {
        assertThat(chosen("full", "paper")).isEmpty();
        assertThat(chosen("quick", "run", "--rw=randread")).isEqualTo(QUICK);
        assertThat(chosen("auto", "paper")).isEqualTo(QUICK);
    }

    @Test
    void aBadSettingIsRefused() throws Exception {
        Outcome o = options("fast", "paper");
        assertThat(o.code()).isEqualTo(2);
        assertThat(o.err()).isEqualTo("mqvio: MQVIO_JIT=fast is invalid; allowed: auto, quick, full\n");
    }

    @Test
    void quickAndFullPrintTheSamePaper() throws Exception {
        assumeTrue(Files.exists(ROOT.resolve("harness/cli/target/module-path.txt")), "this module is not packaged yet");
        List<String> paper = List.of(ROOT.resolve("mqvio").toString(), "paper", "--runtime=2ms", "--max-jobs=4",
                "--out-dir", "out");
        Outcome quick = run(paper, "quick", dir);
        Outcome full = run(paper, "full", dir);
        assertThat(quick.code()).as(quick.err()).isEqualTo(full.code()).isIn(0, 3);
        assertThat(withoutWallTime(quick.out())).isEqualTo(withoutWallTime(full.out())).contains("numjobs");
        assertThat(quick.err()).isEqualTo(full.err());
    }

    /** The one line that says how long the runs took. */
    private static String withoutWallTime(String out) {
        return out.replaceAll("(?m)^\\(\\d+ runs, .* wall\\)$", "(runs)");
    }
}
