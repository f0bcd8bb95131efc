package org.mqvio.harness.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.ShrinkingMode;
import net.jqwik.api.Tuple;
import net.jqwik.api.lifecycle.AfterContainer;

/**
 * Fuzzes the front door with generated job-file bytes: random bytes, and real job files mutated (truncated, NUL and
 * invalid UTF-8 bytes inserted, numbers made huge, a section duplicated, unknown and misspelt options, includes of
 * special or missing files). Each file is read by {@code mqvio run --parse-only} (the parser every run uses); every
 * fourth one that parses is also run for real with a 1 ms runtime and at most 64 I/Os per clone. Every one must end
 * within the bound with exit 0 or 2, at most one line on the standard error and no stack trace ({@link FrontDoor}).
 * The seed is fixed so CI's time is the same on every build.
 */
class JobFileFuzzTest {
    private static final Duration BOUND = Duration.ofSeconds(20);
    private static final AtomicInteger TRIED = new AtomicInteger();
    private static final AtomicInteger RUN = new AtomicInteger();
    private static final AtomicInteger PARSED = new AtomicInteger();
    private static final AtomicInteger REFUSED = new AtomicInteger();
    private static final AtomicLong SLOWEST_MS = new AtomicLong();
    private static final Path DIR = tempDir();
    private static final Pattern DIGITS = Pattern.compile("[0-9]+");

    private static final List<byte[]> SEEDS = List.of(MainTest.JOB_FILE.getBytes(StandardCharsets.UTF_8),
            resource("showcmd/first.fio"), resource("showcmd/second.fio"));
    private static final List<String> LINES = List.of("frobnicate=1", "iodeph=4", "numjob=2", "rw=randwrit",
            "bs=9223372036854775808", "size=99999999999999999999g", "iodepth=2147483648", "numjobs=-1",
            "runtime=1e30", "include /dev/zero", "include /nonexistent/job.fio", "[global]", "[", "]", "=", "rw",
            "${HOME}", "${UNDEFINED_VARIABLE_16}", "bs=4k:8k", "cpus_allowed=0-4096", "rate_iops=100", "offset=-1",
            "percentile_list=101", "kb_base=7");
    private static final List<String> HUGE = List.of("9223372036854775807", "9223372036854775808",
            "99999999999999999999999", "4294967296", "-1", "0", "1e30", "2147483648");

    private static Path tempDir() {
        try {
            Path d = Files.createTempDirectory("mqvio-job-files");
            d.toFile().deleteOnExit();
            Files.write(d.resolve("common.inc"), resource("showcmd/common.inc"));
            d.resolve("common.inc").toFile().deleteOnExit();
            return d;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static byte[] resource(String name) {
        try (InputStream in = JobFileFuzzTest.class.getResourceAsStream(name)) {
            return in.readAllBytes();
        } catch (IOException | NullPointerException e) {
            throw new IllegalStateException("test resource " + name + " is missing", e);
        }
    }

    @Property(tries = 200, seed = "16", shrinking = ShrinkingMode.OFF)
    void everyJobFileEndsInTimeWithExitZeroOrTwoAndOneLine(@ForAll("jobFiles") byte[] bytes) throws IOException {
        int n = TRIED.incrementAndGet();
        Path file = DIR.resolve("job-" + n + ".fio");
        Files.write(file, bytes);
        FrontDoor.Outcome parsed = check(FrontDoor.run(BOUND, "run", "--parse-only", file.toString()));
        if (parsed.code() == 0) {
            if (PARSED.incrementAndGet() % 4 == 0) {
                RUN.incrementAndGet();
                check(FrontDoor.run(BOUND, "run", file.toString(), "--runtime=1ms", "--number_ios=64"));
            }
        } else {
            REFUSED.incrementAndGet();
        }
        Files.delete(file);
    }

    private static FrontDoor.Outcome check(FrontDoor.Outcome o) {
        SLOWEST_MS.accumulateAndGet(o.millis(), Math::max);
        assertThat(o.code()).as("exit 0 or 2: %s", o).isIn(0, Main.BAD_INPUT);
        return o;
    }

    @AfterContainer
    static void report() {
        System.out.printf("job files: %d tried (%d parsed, %d refused with one line), %d of them also run;"
                + " 0 stack traces, 0 hangs (each checked); slowest %d ms (bound %d s)%n", TRIED.get(), PARSED.get(),
                REFUSED.get(), RUN.get(), SLOWEST_MS.get(), BOUND.toSeconds());
    }

    @Provide
    Arbitrary<byte[]> jobFiles() {
        Arbitrary<byte[]> random = Arbitraries.bytes().array(byte[].class).ofMaxSize(512);
        Arbitrary<byte[]> mutated = Combinators.combine(Arbitraries.of(SEEDS), mutation().list().ofMinSize(1).ofMaxSize(3))
                .as((seed, ms) -> {
                    byte[] b = seed;
                    for (Mutation m : ms) {
                        b = m.apply(b);
                    }
                    return b;
                });
        return Arbitraries.frequencyOf(Tuple.of(1, random), Tuple.of(4, mutated));
    }

    /** A change to a job file's bytes; {@code at} picks the place (modulo the length). */
    private interface Mutation {
        byte[] apply(byte[] b);
    }

    private static Arbitrary<Mutation> mutation() {
        Arbitrary<Integer> at = Arbitraries.integers().between(0, 1 << 20);
        return Arbitraries.oneOf(
                at.map(i -> b -> Arrays.copyOf(b, b.length == 0 ? 0 : i % b.length)),
                Combinators.combine(at, Arbitraries.of(new byte[] {0}, new byte[] {(byte) 0xFF},
                        new byte[] {(byte) 0xC3}, new byte[] {(byte) 0xED, (byte) 0xA0, (byte) 0x80},
                        new byte[] {'\r'}, new byte[] {'\n', '['})).as((i, ins) -> b -> insert(b, i, ins)),
                Combinators.combine(at, Arbitraries.of(HUGE)).as((i, huge) -> b -> hugeNumber(b, i, huge)),
                at.map(i -> b -> duplicateSection(b, i)),
                Combinators.combine(at, Arbitraries.of(LINES)).as((i, line) -> b -> insertLine(b, i, line)));
    }

    private static byte[] insert(byte[] b, int at, byte[] what) {
        int i = b.length == 0 ? 0 : at % (b.length + 1);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(b, 0, i);
        out.writeBytes(what);
        out.write(b, i, b.length - i);
        return out.toByteArray();
    }

    /** The {@code at}-th run of digits (modulo their number) replaced by {@code huge}. */
    private static byte[] hugeNumber(byte[] b, int at, String huge) {
        String s = new String(b, StandardCharsets.ISO_8859_1);
        List<int[]> runs = new ArrayList<>();
        Matcher m = DIGITS.matcher(s);
        while (m.find()) {
            runs.add(new int[] {m.start(), m.end()});
        }
        if (runs.isEmpty()) {
            return b;
        }
        int[] r = runs.get(at % runs.size());
        return (s.substring(0, r[0]) + huge + s.substring(r[1])).getBytes(StandardCharsets.ISO_8859_1);
    }

    /** A section (from its header to the next) copied after itself. */
    private static byte[] duplicateSection(byte[] b, int at) {
        String s = new String(b, StandardCharsets.ISO_8859_1);
        List<Integer> starts = new ArrayList<>();
        for (int i = s.indexOf('['); i >= 0; i = s.indexOf('[', i + 1)) {
            if (i == 0 || s.charAt(i - 1) == '\n') {
                starts.add(i);
            }
        }
        if (starts.isEmpty()) {
            return b;
        }
        int k = at % starts.size();
        int start = starts.get(k);
        int end = k + 1 < starts.size() ? starts.get(k + 1) : s.length();
        String section = s.substring(start, end);
        return (s.substring(0, end) + (section.endsWith("\n") ? section : "\n" + section) + s.substring(end))
                .getBytes(StandardCharsets.ISO_8859_1);
    }

    /** {@code line} inserted at the start of the {@code at}-th line. */
    private static byte[] insertLine(byte[] b, int at, String line) {
        String s = new String(b, StandardCharsets.ISO_8859_1);
        List<Integer> starts = new ArrayList<>(List.of(0));
        for (int i = s.indexOf('\n'); i >= 0; i = s.indexOf('\n', i + 1)) {
            starts.add(i + 1);
        }
        int i = starts.get(at % starts.size());
        return (s.substring(0, i) + line + "\n" + s.substring(i)).getBytes(StandardCharsets.ISO_8859_1);
    }
}
