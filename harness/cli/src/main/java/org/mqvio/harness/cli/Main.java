package org.mqvio.harness.cli;

import java.io.PrintWriter;
import java.io.UncheckedIOException;
import org.mqvio.api.spi.ProviderException;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ScopeType;

/**
 * The {@code mqvio} command line: {@code list}, {@code run}, {@code sweep}, {@code sweep-merge}, {@code paper} and
 * {@code bench}.
 */
@Command(name = "mqvio", mixinStandardHelpOptions = true, versionProvider = BuildVersion.class,
        description = "Models and runs a virtual machine's block I/O path (virtio-blk data planes, blk-mq, NVMe).",
        subcommands = {ListCommand.class, RunCommand.class, SweepCommand.class, SweepMergeCommand.class,
                PaperCommand.class, BenchCommand.class, CommandLine.HelpCommand.class})
public final class Main {
    static final String VERSION = BuildVersion.read();

    /** Exit code for bad input (an unknown option, a bad value, a missing file). */
    public static final int BAD_INPUT = 2;

    private Main() {
    }

    @Option(names = "--log-level", paramLabel = "LEVEL", defaultValue = "warn", converter = LogLevel.Converter.class,
            scope = ScopeType.INHERIT, description = "What mqvio logs to the standard error (a broken virtqueue, an NVMe"
            + " timeout, a live thread that did not stop, ...): error, warn, info, debug or trace (default: warn).")
    void logLevel(LogLevel level) {
        level.apply();
    }

    public static void main(String[] args) {
        System.exit(execute(args, new PrintWriter(System.out, true), new PrintWriter(System.err, true)));
    }

    /** Runs the command line with the given streams; returns the exit code (0 ok, 2 bad input). */
    public static int execute(String[] args, PrintWriter out, PrintWriter err) {
        CommandLine cl = new CommandLine(new Main());
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
            throw ex;
        });
        return cl.execute(args);
    }

    /** What was wrong with a parameter, in one line; a refused enum value names the option, the value and what is allowed. */
    private static String message(ParameterException ex) {
        if (ex.getCause() instanceof EnumConverter.Refused refused && ex.getArgSpec() instanceof OptionSpec option) {
            return option.longestName() + "=" + ex.getValue() + " is invalid; allowed: " + refused.getMessage();
        }
        return ex.getMessage();
    }
}
