package org.mqvio.harness.fio;

/** What fio's command line asks for besides the jobs: run them, or only read them. */
public enum FioAction {
    /** Run the jobs (no action option given). */
    RUN,
    /** {@code --parse-only}: read and check the jobs, run nothing. */
    PARSE_ONLY,
    /** {@code --showcmd}: print each job file as fio command-line options, run nothing. */
    SHOW_COMMAND
}
