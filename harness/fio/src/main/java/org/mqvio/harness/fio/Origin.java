package org.mqvio.harness.fio;

/**
 * Where an option was given: a job file and line, or the command line.
 *
 * @param source the job file as named, or {@code "command line"}
 * @param line   the 1-based line in the file, or 0 on the command line
 */
public record Origin(String source, int line) {
    /** The command line. */
    public static final Origin COMMAND_LINE = new Origin("command line", 0);

    @Override
    public String toString() {
        return line > 0 ? source + ":" + line : source;
    }
}
