package org.mqvio.harness.cli;

import java.io.PrintWriter;
import org.mqvio.api.spi.ProviderException;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The {@code mqvio} command line: {@code list}, {@code run} and {@code paper}. */
@Command(name = "mqvio", mixinStandardHelpOptions = true, version = "mqvio " + Main.VERSION,
        description = "Models and runs a virtual machine's block I/O path (virtio-blk data planes, blk-mq, NVMe).",
        subcommands = {ListCommand.class, RunCommand.class, PaperCommand.class, CommandLine.HelpCommand.class})
public final class Main {
    static final String VERSION = "0.1.0";

    private Main() {
    }

    public static void main(String[] args) {
        System.exit(execute(args, new PrintWriter(System.out, true), new PrintWriter(System.err, true)));
    }

    /** Runs the command line with the given streams; returns the exit code (0 ok, 2 bad input). */
    public static int execute(String[] args, PrintWriter out, PrintWriter err) {
        CommandLine cl = new CommandLine(new Main());
        cl.setOut(out);
        cl.setErr(err);
        cl.setParameterExceptionHandler((ex, a) -> {
            err.println("mqvio: " + ex.getMessage());
            err.flush();
            return 2;
        });
        cl.setExecutionExceptionHandler((ex, cmd, parsed) -> {
            if (ex instanceof IllegalArgumentException || ex instanceof ProviderException) {
                err.println("mqvio: " + ex.getMessage());
                err.flush();
                return 2;
            }
            throw ex;
        });
        return cl.execute(args);
    }
}
