package org.mqvio.harness.cli;

import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.util.List;
import org.mqvio.api.spi.ProviderException;
import org.mqvio.harness.workload.RunControl;
import org.mqvio.harness.workload.RunResult;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ScopeType;

/**
 * The {@code mqvio} command line: {@code list}, {@code run}, {@code sweep}, {@code sweep-merge}, {@code paper},
 * {@code bench} and {@code trace}.
 */
@Command(name = "mqvio", mixinStandardHelpOptions = true, versionProvider = BuildVersion.class,
        description = "Models and runs a virtual machine's block I/O path (virtio-blk data planes, blk-mq, NVMe).",
        subcommands = {ListCommand.class, RunCommand.class, SweepCommand.class, SweepMergeCommand.class,
                PaperCommand.class, BenchCommand.class, TraceCommand.class, CommandLine.HelpCommand.class})
public final class Main {
    static final String VERSION = BuildVersion.read();

    /** Exit code for bad input (an unknown option, a bad value, a missing file, an output that cannot be written). */
    public static final int BAD_INPUT = 2;

    /**
     * Exit code of a run in which a job had I/O errors (fio's {@code err} not 0), after the whole report, as fio exits
     * non-zero then (fio's status is the number of jobs in error; mqvio's is 1 however many); also the code of an
     * internal error, whose one line says so.
     */
    public static final int FAILED = 1;

    private final SignalStop signals;

    private Main(SignalStop signals) {
        this.signals = signals;
    }

    /** The control a command's runs stop by when the process is sent SIGINT or SIGTERM ({@link SignalStop}). */
    RunControl runControl() {
        return signals.control();
    }

    @Option(names = "--log-level", paramLabel = "LEVEL", defaultValue = "warn", converter = LogLevel.Converter.class,
            scope = ScopeType.INHERIT, description = "What mqvio logs to the standard error (a broken virtqueue, an NVMe"
            + " timeout, a live thread that did not stop, ...): error, warn, info, debug or trace (default: warn).")
    void logLevel(LogLevel level) {
        level.apply();
    }

    public static void main(String[] args) {
        PrintWriter out = new PrintWriter(System.out, true);
        PrintWriter err = new PrintWriter(System.err, true);
        SignalStop signals = SignalStop.installed();
        int code = execute(args, out, err, signals);
        signals.finished();
        System.exit(code);
    }

    /**
     * 0 when everything printed to {@code out} was written, else {@link #FAILED} with one line on {@code err}: a full
     * device or a closed pipe must not pass for success.
     */
    static int checkWritten(PrintWriter out, PrintWriter err) {
        if (!out.checkError()) {
            return 0;
        }
        err.println("mqvio: the standard output could not be written (a full device or a closed pipe?); the report is"
                + " incomplete");
        err.flush();
        return FAILED;
    }

    /**
     * The exit status of a finished run: 0, or {@link #FAILED} when a job had I/O errors or a clone ended with an error
     * (a failed verification, a missed minimum rate), with what fio logs about each such clone and one line on
     * {@code err}.
     */
    static int exitStatus(List<RunResult> runs, PrintWriter err) {
        long errors = runs.stream().mapToLong(RunResult::errors).sum();
        List<String> failures = runs.stream().flatMap(r -> r.jobs().stream()).flatMap(j -> j.clones().stream())
                .flatMap(c -> c.failure().stream()).map(f -> f.message()).toList();
        if (errors == 0 && failures.isEmpty()) {
            return 0;
        }
        failures.forEach(err::println);
        err.println("mqvio: " + (errors > 0 ? errors + " I/O" + (errors == 1 ? "" : "s") + " failed" : failures.size()
                + " clone" + (failures.size() == 1 ? "" : "s") + " ended with an error") + " (err= in the report); exit"
                + " status " + FAILED + ", as fio's when a job has an error");
        err.flush();
        return FAILED;
    }

    /**
     * The exit status of a command stopped by {@code control} (SIGINT or SIGTERM), with one line on {@code err}
     * saying what was kept; 0 when it was not stopped.
     */
    static int interrupted(RunControl control, PrintWriter err, String kept) {
        if (!control.stopRequested()) {
            return 0;
        }
        err.println("mqvio: interrupted; " + kept);
        err.flush();
        return SignalStop.INTERRUPTED;
    }

    /** Runs the command line with the given streams; returns the exit code (0 ok, 2 bad input). */
    public static int execute(String[] args, PrintWriter out, PrintWriter err) {
        return execute(args, out, err, new SignalStop());
    }

    private static int execute(String[] args, PrintWriter out, PrintWriter err, SignalStop signals) {
        CommandLine cl = new CommandLine(new Main(signals));
        cl.setOut(out);
        cl.setErr(err);
        // fio options (--bs=4k, --name=JOB, ...) reach run and sweep as words, read by the fio job planner.
        cl.getSubcommands().get("run").setUnmatchedOptionsArePositionalParams(true);
        cl.getSubcommands().get("sweep").setUnmatchedOptionsArePositionalParams(true);
        cl.setParameterExceptionHandler((ex, a) -> {
            err.println("mqvio: " + message(ex));
            err.flush();
            return BAD_INPUT;
        });
        cl.setExecutionExceptionHandler((ex, cmd, parsed) -> {
            if (ex instanceof IllegalArgumentException || ex instanceof ProviderException
                    || ex instanceof UncheckedIOException) {
                err.println("mqvio: " + ex.getMessage());
                err.flush();
                return BAD_INPUT;
            }
            err.println("mqvio: internal error, please report it: " + oneLine(ex));
            err.flush();
            return FAILED;
        });
        try {
            int code = cl.execute(args);
            return code == 0 ? checkWritten(out, err) : code;
        } catch (OutOfMemoryError | StackOverflowError e) {
            err.println("mqvio: internal error, please report it: " + oneLine(e) + " (the input passed the limits"
                    + " checked before a run)");
            err.flush();
            return FAILED;
        }
    }

    /** A throwable in one line: its class, message and where it was thrown. */
    private static String oneLine(Throwable t) {
        StackTraceElement[] at = t.getStackTrace();
        return t.getClass().getName() + (t.getMessage() == null ? "" : ": " + t.getMessage().replace('\n', ' '))
                + (at.length == 0 ? "" : " at " + at[0]);
    }

    /** What was wrong with a parameter, in one line; a refused enum value names the option, the value and what is allowed. */
    private static String message(ParameterException ex) {
        if (ex.getCause() instanceof EnumConverter.Refused refused && ex.getArgSpec() instanceof OptionSpec option) {
            return option.longestName() + "=" + ex.getValue() + " is invalid; allowed: " + refused.getMessage();
        }
        return ex.getMessage();
    }
}
