package org.mqvio.harness.cli;

import java.io.PrintWriter;
import java.io.StringWriter;

/** Runs mqvio's command line in this JVM, as the end-to-end tests do, and keeps what it printed. */
final class InProcessCli {
    private InProcessCli() {
    }

    /** What a command line printed, and its exit status. */
    record Outcome(int code, String out, String err) {
    }

    static Outcome run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = Main.execute(args, new PrintWriter(out), new PrintWriter(err));
        return new Outcome(code, out.toString(), err.toString());
    }
}
