package org.mqvio.harness.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import org.mqvio.harness.fio.MsrTrace;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code mqvio trace}: block traces for {@code read_iolog}. */
@Command(name = "trace", mixinStandardHelpOptions = true, versionProvider = BuildVersion.class,
        description = "Block traces for replay with run --read_iolog=FILE.",
        subcommands = TraceCommand.Convert.class)
final class TraceCommand {
    /** {@code mqvio trace convert --from=msr IN --to=iolog OUT}. */
    @Command(name = "convert", mixinStandardHelpOptions = true, versionProvider = BuildVersion.class,
            description = "Convert a public block trace to a fio iolog (version 3) that run --read_iolog replays."
                    + " Formats: --from=msr (SNIA IOTTA's MSR Cambridge CSV: Timestamp,Hostname,DiskNumber,Type,"
                    + "Offset,Size,ResponseTime), --to=iolog.")
    static final class Convert implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Option(names = "--from", required = true, paramLabel = "FORMAT", description = "The input's format: msr.")
        String from;

        @Option(names = "--to", required = true, paramLabel = "FORMAT", description = "The output's format: iolog.")
        String to;

        @Parameters(index = "0", paramLabel = "IN", description = "The trace to convert.")
        Path in;

        @Parameters(index = "1", paramLabel = "OUT", description = "The iolog file to write.")
        Path out;

        @Override
        public Integer call() {
            if (!from.equals("msr")) {
                throw new IllegalArgumentException("--from=" + from + " is invalid; allowed: msr");
            }
            if (!to.equals("iolog")) {
                throw new IllegalArgumentException("--to=" + to + " is invalid; allowed: iolog");
            }
            List<String> lines;
            try {
                lines = Files.readAllLines(in, StandardCharsets.UTF_8);
            } catch (IOException e) {
                throw new IllegalArgumentException(in + ": cannot read the trace (" + e.getMessage() + ")");
            }
            String iolog;
            try {
                iolog = MsrTrace.toIoLog(lines);
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException(in + ": " + e.getMessage(), e);
            }
            try {
                Files.writeString(out, iolog, StandardCharsets.UTF_8);
            } catch (IOException e) {
                throw new UncheckedIOException(out + ": cannot write the iolog (" + e.getMessage() + ")", e);
            }
            PrintWriter w = spec.commandLine().getOut();
            w.println("wrote " + out + " (" + (iolog.lines().count() - 4) + " I/Os)");
            w.flush();
            return 0;
        }
    }
}
