package org.mqvio.harness.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.ShrinkingMode;
import net.jqwik.api.lifecycle.AfterContainer;

/**
 * Fuzzes the front door: generated command lines (mqvio's and fio's option names and near misses of them,
 * {@code --set} names, values at, past and far past every limit, numbers that overflow an int or a long) through
 * {@link Main#execute} in-process, with a 1 ms simulated runtime. Every one must end within the bound with exit 0
 * or 2 (1 only for failed I/O or an internal error, saying so), at most one line on the standard error and no
 * stack trace ({@link FrontDoor}). The seed is fixed so that CI's time is the same on every build; change it (or
 * drop it) to explore.
 */
class FrontDoorFuzzTest {
    private static final Duration BOUND = Duration.ofSeconds(20);
    private static final AtomicInteger TRIED = new AtomicInteger();
    private static final AtomicInteger[] BY_CODE = {new AtomicInteger(), new AtomicInteger(), new AtomicInteger()};
    private static final AtomicLong SLOWEST_MS = new AtomicLong();
    private static final Path OUT_DIR = tempDir();

    private static final List<String> MQVIO_OPTIONS = List.of("host-cpus", "vcpus", "seed", "dataplane", "device",
            "guest-block-layer", "host-block-layer", "output-format", "output");
    private static final List<String> FIO_OPTIONS = List.of("numjobs", "iodepth", "bs", "size", "io_size", "number_ios",
            "offset", "rwmixread", "rw", "cpus_allowed", "percentile_list", "ramp_time", "randseed", "kb_base",
            "iopsavgtime", "stonewall", "name", "ioengine");
    private static final List<String> SET_NAMES = List.of("cost.kick_exit", "cost.iothread_submit",
            "cost.iothread_complete", "cost.sched_slice", "virtio.queue_size", "mq.poll", "mq.queues", "mq.iothreads",
            "nvme.max_queues", "nvme.timeout_ns", "nvme.error_probability");
    /** The limits (host CPUs, vCPUs, numjobs, iodepth, a cost, bs in KiB, ...), one past them and far past them. */
    private static final List<String> NUMBERS = List.of("0", "1", "2", "-1", "100", "1024", "1025", "4096", "4097", "8192",
            "8193", "65535", "65536", "262144", "1000000000", "1000000001", "2147483647", "2147483648",
            "9223372036854775807", "9223372036854775808", "-9223372036854775809", "99999999999999999999999", "1e9",
            "0x10", "4k", "16m", "17m", "1g", "16384g", "1ms", "abc", "", "1.5", "adaptive", "mq", "nvme", "baseline",
            "json", "randread", "0-3", "50:99");

    private static Path tempDir() {
        try {
            Path d = Files.createTempDirectory("mqvio-front-door");
            d.toFile().deleteOnExit();
            return d;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Property(tries = 250, seed = "16", shrinking = ShrinkingMode.OFF)
    void everyCommandLineEndsInTimeWithExitZeroOrTwoAndOneLine(@ForAll("commandLines") List<String> args) {
        FrontDoor.Outcome o = FrontDoor.run(BOUND, args.toArray(String[]::new));
        TRIED.incrementAndGet();
        BY_CODE[o.code()].incrementAndGet();
        SLOWEST_MS.accumulateAndGet(o.millis(), Math::max);
        if (o.code() == 1) {
            assertThat(o.err()).as("exit 1 is failed I/O only, never an internal error: %s", o).contains("I/Os failed");
        }
    }

    @AfterContainer
    static void report() {
        System.out.printf("front door: %d command lines tried, exit 0: %d, exit 1 (failed I/O): %d, exit 2: %d;"
                + " 0 stack traces, 0 hangs (each checked); slowest %d ms (bound %d s)%n", TRIED.get(), BY_CODE[0].get(),
                BY_CODE[1].get(), BY_CODE[2].get(), SLOWEST_MS.get(), BOUND.toSeconds());
    }

    @Provide
    Arbitrary<List<String>> commandLines() {
        Arbitrary<String> token = Arbitraries.oneOf(mqvioOption(), fioOption(), nearMiss(), setting());
        return Combinators.combine(Arbitraries.of("run", "run", "run", "sweep"), token.list().ofMinSize(0).ofMaxSize(4),
                Arbitraries.of(FIO_OPTIONS).flatMap(n -> value().map(v -> n + "=" + v))).as((command, tokens, vary) -> {
                    List<String> args = new ArrayList<>(List.of(command, "--runtime=1ms"));
                    if (command.equals("sweep")) {
                        args.addAll(List.of("--out-dir=" + OUT_DIR, "--parallel=1", "--vary", vary));
                    }
                    args.addAll(tokens);
                    return args;
                });
    }

    private static Arbitrary<String> value() {
        return Arbitraries.oneOf(Arbitraries.of(NUMBERS), Arbitraries.longs().map(l -> Long.toString(l)));
    }

    private static Arbitrary<String> mqvioOption() {
        return Combinators.combine(Arbitraries.of(MQVIO_OPTIONS), value()).as((n, v) -> n.equals("output")
                ? "--output=" + OUT_DIR.resolve(v) : "--" + n + "=" + v);
    }

    private static Arbitrary<String> fioOption() {
        return Combinators.combine(Arbitraries.of(FIO_OPTIONS), value()).as((n, v) -> "--" + n + "=" + v);
    }

    private static Arbitrary<String> setting() {
        return Combinators.combine(Arbitraries.of(SET_NAMES), value()).as((n, v) -> "--set=" + n + "=" + v);
    }

    /** An option name of either namespace, or a --set name, with one character dropped, doubled or swapped. */
    private static Arbitrary<String> nearMiss() {
        List<String> names = new ArrayList<>(MQVIO_OPTIONS);
        names.addAll(FIO_OPTIONS);
        return Combinators.combine(Arbitraries.of(names), Arbitraries.integers().between(0, 2),
                Arbitraries.integers().between(0, 40), Arbitraries.of(true, false)).as((name, kind, at, set) -> {
                    int i = at % name.length();
                    String typo = switch (kind) {
                        case 0 -> name.substring(0, i) + name.substring(i + 1);
                        case 1 -> name.substring(0, i) + name.charAt(i) + name.substring(i);
                        default -> i + 1 < name.length() ? name.substring(0, i) + name.charAt(i + 1) + name.charAt(i)
                                + name.substring(i + 2) : name + "s";
                    };
                    return set ? "--set=" + SET_NAMES.get(at % SET_NAMES.size()).replace('_', '-') + "=1" : "--" + typo + "=1";
                });
    }
}
