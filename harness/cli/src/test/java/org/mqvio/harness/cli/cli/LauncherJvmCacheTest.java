package org.mqvio.harness.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code ./mqvio} with the JVM's class cache (bin/jvm-cache.sh): made when missing or stale, used otherwise, and never
 * a change to what a command prints, even when the cache is damaged. Runs the real launcher on the jars this module just
 * packaged, so it runs in the package phase (the POM's {@code launcher-tests} execution), with a cache folder of its own.
 */
class LauncherJvmCacheTest {
    private static final Path ROOT = Path.of("").toAbsolutePath().getParent().getParent();

    @TempDir
    Path dir;

    private record Outcome(int code, String out, String err) {
    }

    private Outcome mqvio(Map<String, String> env, String... args) throws IOException, InterruptedException {
        // Only -Dtest=... brings this class into the test phase, where a clean build has no jar yet.
        assumeTrue(Files.exists(ROOT.resolve("harness/cli/target/module-path.txt")), "this module is not packaged yet");
        List<String> command = new ArrayList<>(List.of(ROOT.resolve("mqvio").toString()));
        command.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(command).directory(dir.toFile());
        pb.environment().remove("MQVIO_MODULE_PATH");
        pb.environment().remove("JDK_JAVA_OPTIONS");
        pb.environment().put("MQVIO_NO_BUILD", "1");
        pb.environment().put("MQVIO_JVM_CACHE_DIR", dir.resolve("cache").toString());
        pb.environment().putAll(env);
        Path out = Files.createTempFile(dir, "mqvio", ".out");
        Path err = Files.createTempFile(dir, "mqvio", ".err");
        Process p = pb.redirectOutput(out.toFile()).redirectError(err.toFile()).start();
        if (!p.waitFor(3, TimeUnit.MINUTES)) {
            p.destroyForcibly();
            throw new AssertionError("timed out: " + command);
        }
        return new Outcome(p.exitValue(), Files.readString(out), Files.readString(err));
    }

    /** The cache files (not their stamps) in the test's cache folder. */
    private List<Path> caches() throws IOException {
        try (Stream<Path> files = Files.list(dir.resolve("cache"))) {
            return files.filter(f -> !f.getFileName().toString().endsWith(".made")).toList();
        }
    }

    @Test
    void theCacheIsMadeByPapersTrainingRunAndADamagedOneChangesNothing() throws Exception {
        Outcome reference = mqvio(Map.of("MQVIO_JVM_CACHE", "off"), "list");
        assertThat(reference.code()).as(reference.err()).isZero();
        assertThat(reference.out()).contains("baseline").contains("mq");
        assertThat(dir.resolve("cache")).doesNotExist();

        assertThat(mqvio(Map.of(), "list")).isEqualTo(reference);
        assertThat(caches()).as("one cache, made by the training run").singleElement();
        Path cache = caches().get(0);
        assertThat(Files.size(cache)).isPositive();

        // A damaged cache whose stamp is fresh is not made again: the JVM ignores it, silently.
        Files.write(cache, new byte[4096]);
        assertThat(mqvio(Map.of(), "list")).isEqualTo(reference);
        assertThat(Files.size(cache)).as("not made again while it is fresh").isEqualTo(4096);
    }

    /** The JDK 21 to 24 kind, on whatever JDK runs the build; trained on a cheap command. */
    @Test
    void aStaleCdsArchiveIsMadeAgainAndChangesNothing() throws Exception {
        Map<String, String> cds = Map.of("MQVIO_JVM_CACHE", "cds", "MQVIO_JVM_CACHE_TRAINING", "--version");
        Outcome reference = mqvio(Map.of("MQVIO_JVM_CACHE", "off"), "--version");
        assertThat(mqvio(cds, "--version")).isEqualTo(reference);
        assertThat(caches()).singleElement().asString().endsWith(".cds");
        Path cache = caches().get(0);

        // Damaged and older than the jars: made again.
        Files.write(cache, new byte[4096]);
        Path stamp = cache.resolveSibling(cache.getFileName() + ".made");
        Files.setLastModifiedTime(stamp, FileTime.fromMillis(0));
        assertThat(mqvio(cds, "--version")).isEqualTo(reference);
        assertThat(Files.size(cache)).as("made again once stale").isGreaterThan(4096);
    }

    @Test
    void aBadSettingIsRefused() throws Exception {
        Outcome o = mqvio(Map.of("MQVIO_JVM_CACHE", "on"), "--version");
        assertThat(o.code()).isEqualTo(2);
        assertThat(o.err()).isEqualTo("mqvio: MQVIO_JVM_CACHE=on is invalid; allowed: off, aot, cds\n");
    }
}
