package org.mqvio.example.lossy;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mqvio.harness.conformance.ConformanceDepth;

/**
 * A design module reaches the command line and builds on its own, as the README says: {@code ./mqvio
 * --module-path=...} (and {@code MQVIO_MODULE_PATH}) puts this module's wrong-on-purpose data planes in
 * {@code ./mqvio list}; the README's standalone POM, which imports {@code mqvio-bom} and inherits nothing, builds
 * the module in {@code src/it/design-module}, runs the conformance kit on its provider and yields a jar that
 * {@code ./mqvio} lists.
 *
 * <p>The standalone build is a real Maven build, offline: its local repository holds this build's mqvio artifacts
 * (each module's POM and compiled classes, jarred here), and falls back, read-only, on the user's local
 * repository for the plugins, JUnit and jqwik ({@code maven.repo.local.tail}), so nothing is installed there.
 */
class DesignModuleTest {
    private static final Path MODULE = Path.of("").toAbsolutePath();
    private static final Path ROOT = MODULE.getParent();
    private static final String VERSION = System.getProperty("mqvio.pomVersion");
    private static final List<String> WRONG_ONES = List.of("lossy", "reordering", "fua-claiming");

    /** The published modules: artifact id, folder, whether it has a jar. */
    private record Published(String artifactId, String folder, boolean jar) {
    }

    private static final List<Published> PUBLISHED = List.of(
            new Published("mqvio-parent", ".", false), new Published("mqvio-bom", "bom", false),
            new Published("mqvio-harness-parent", "harness", false), new Published("mqvio-api", "api", true),
            new Published("mqvio-baseline-dataplane", "baseline-dataplane", true),
            new Published("mqvio-mq-dataplane", "mq-dataplane", true), new Published("mqvio-blk-mq", "blk-mq", true),
            new Published("mqvio-nvme-device", "nvme-device", true), new Published("mqvio-sim", "harness/sim", true),
            new Published("mqvio-live", "harness/live", true), new Published("mqvio-stack", "harness/stack", true),
            new Published("mqvio-conformance", "harness/conformance", true),
            new Published("mqvio-fio", "harness/fio", true), new Published("mqvio-cli", "harness/cli", true));

    @TempDir
    Path dir;

    private record Outcome(int code, String out, String err) {
    }

    private static Outcome run(Map<String, String> env, Path workDir, String... command)
            throws IOException, InterruptedException {
        ProcessBuilder pb = new ProcessBuilder(command).directory(workDir.toFile());
        pb.environment().remove("MQVIO_MODULE_PATH");
        pb.environment().putAll(env);
        Path out = Files.createTempFile("design-module", ".out");
        Path err = Files.createTempFile("design-module", ".err");
        Process p = pb.redirectOutput(out.toFile()).redirectError(err.toFile()).start();
        if (!p.waitFor(5, TimeUnit.MINUTES)) {
            p.destroyForcibly();
            throw new AssertionError("timed out: " + String.join(" ", command));
        }
        Outcome o = new Outcome(p.exitValue(), Files.readString(out), Files.readString(err));
        Files.delete(out);
        Files.delete(err);
        return o;
    }

    /**
     * {@code ./mqvio ARGS}: on the jars this build packaged when there are some (so that the launcher does not
     * start a build inside this one); after {@code ./mvnw test}, which packages nothing, the launcher builds them.
     */
    private static Outcome mqvio(Map<String, String> env, String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(ROOT.resolve("mqvio").toString()));
        command.addAll(List.of(args));
        Map<String, String> all = new HashMap<>(env);
        if (Files.exists(ROOT.resolve("harness/cli/target/module-path.txt"))) {
            all.put("MQVIO_NO_BUILD", "1");
        }
        return run(all, MODULE, command.toArray(String[]::new));
    }

    /** What {@code ./mqvio list} printed, once it succeeded. */
    private static String listed(Outcome list) {
        assertThat(list.code()).as(list.err()).isZero();
        return list.out();
    }

    @Test
    void aProviderModuleReachesTheCommandLineThroughTheLaunchersModulePath() throws Exception {
        String classes = MODULE.resolve("target/classes").toString();
        String without = listed(mqvio(Map.of(), "list"));
        assertThat(without).contains("baseline").doesNotContain(WRONG_ONES);

        assertThat(listed(mqvio(Map.of(), "list", "--module-path=" + classes))).contains(WRONG_ONES);
        assertThat(listed(mqvio(Map.of(), "--module-path", classes, "list"))).contains(WRONG_ONES);
        assertThat(listed(mqvio(Map.of("MQVIO_MODULE_PATH", classes), "list"))).contains(WRONG_ONES);

        Outcome missing = mqvio(Map.of(), "list", "--module-path=" + dir.resolve("nothing-here.jar"));
        assertThat(missing.code()).isEqualTo(2);
        assertThat(missing.err().lines()).singleElement().asString()
                .contains("no such jar or directory").contains("nothing-here.jar");
    }

    @Test
    void theReadmesStandaloneModuleBuildsAgainstTheBomAndReachesTheKitAndTheCommandLine() throws Exception {
        Path project = dir.resolve("my-design");
        copyTree(MODULE.resolve("src/it/design-module"), project);
        assertThat(VERSION).as("mqvio.pomVersion, set by Surefire").isNotBlank();
        String pom = readmePom();
        Matcher version = Pattern.compile("<mqvio.version>(.*)</mqvio.version>").matcher(pom);
        assertThat(version.find()).as("the README's POM names mqvio.version").isTrue();
        assertThat(version.group(1)).as("the README's mqvio.version is this build's").isEqualTo(VERSION);
        Files.writeString(project.resolve("pom.xml"), pom);
        Path repo = dir.resolve("repo");
        stage(repo);

        // Ten tries a property, with a fixed seed: this checks that the kit runs in such a module, the same way on every
        // build (with ten tries a random seed can draw mostly configurations the providers reject, and jqwik then gives
        // up on the property); the kit's depth is checked elsewhere.
        Outcome build = run(Map.of(), project, ROOT.resolve("mvnw").toString(), "-B", "-ntp", "-o", "verify",
                "-Dmaven.repo.local=" + repo, "-Dmaven.repo.local.tail=" + System.getProperty("mqvio.localRepository"),
                "-D" + ConformanceDepth.TRIES + "=10", "-D" + ConformanceDepth.SEED + "=20261205");
        assertThat(build.code()).as(build.out() + build.err()).isZero();
        String report = Files.readString(project.resolve(
                "target/surefire-reports/com.example.mine.MineConformanceTest.txt"));
        Matcher ran = Pattern.compile("Tests run: (\\d+), Failures: 0, Errors: 0").matcher(report);
        assertThat(ran.find()).as(report).isTrue();
        assertThat(Integer.parseInt(ran.group(1))).as("the kit's properties ran on 'mine'").isPositive();

        Path jar = project.resolve("target/my-design-1.0-SNAPSHOT.jar");
        assertThat(listed(mqvio(Map.of(), "list", "--module-path=" + jar))).contains("mine");
    }

    /** The README's standalone POM: its one XML block that imports the BOM. */
    private static String readmePom() throws IOException {
        Matcher block = Pattern.compile("```xml\n(.*?)```", Pattern.DOTALL)
                .matcher(Files.readString(ROOT.resolve("README.md")));
        List<String> poms = new ArrayList<>();
        while (block.find()) {
            if (block.group(1).contains("<artifactId>mqvio-bom</artifactId>")) {
                poms.add(block.group(1));
            }
        }
        assertThat(poms).as("XML blocks in the README that import mqvio-bom").hasSize(1);
        return poms.get(0);
    }

    /** Lays out this build's published artifacts in {@code repo} as {@code mvn install} would. */
    private static void stage(Path repo) throws IOException {
        for (Published p : PUBLISHED) {
            Path at = repo.resolve("org/mqvio").resolve(p.artifactId()).resolve(VERSION);
            Files.createDirectories(at);
            String base = p.artifactId() + "-" + VERSION;
            Files.copy(ROOT.resolve(p.folder()).resolve("pom.xml"), at.resolve(base + ".pom"));
            if (p.jar()) {
                Path classes = ROOT.resolve(p.folder()).resolve("target/classes");
                assertThat(classes.resolve("module-info.class")).as("built before this test").exists();
                jar(classes, at.resolve(base + ".jar"));
            }
        }
    }

    private static void jar(Path classes, Path jar) throws IOException {
        try (OutputStream file = Files.newOutputStream(jar); JarOutputStream out = new JarOutputStream(file);
             Stream<Path> files = Files.walk(classes)) {
            for (Path f : (Iterable<Path>) files.filter(Files::isRegularFile).sorted()::iterator) {
                out.putNextEntry(new JarEntry(classes.relativize(f).toString().replace('\\', '/')));
                Files.copy(f, out);
                out.closeEntry();
            }
        }
    }

    private static void copyTree(Path from, Path to) throws IOException {
        try (Stream<Path> files = Files.walk(from)) {
            for (Path f : (Iterable<Path>) files.sorted()::iterator) {
                Path target = to.resolve(from.relativize(f).toString());
                if (Files.isDirectory(f)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(f, target);
                }
            }
        }
    }
}
