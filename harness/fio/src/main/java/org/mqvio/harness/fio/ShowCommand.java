package org.mqvio.harness.fio;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

/**
 * fio's {@code --showcmd}: each job file as one line of fio command-line options, as fio prints it
 * ({@code __parse_jobs_ini()} and {@code dump_opt_list()} in fio's init.c). A line starts with {@code fio };
 * a job section adds {@code --name=SECTION} and its options; a {@code [global]} section adds every global option
 * read so far for that file (the command line's global options, for the first file only, then the file's
 * {@code [global]} sections), so a second {@code [global]} repeats the first one's options. Within a section fio
 * sorts the options by priority (kb_base, unit_base, lockfile and cpus_allowed_policy first, filename and
 * filename_format last, the rest as written), prints each under its fio name (not an alias), a value as
 * {@code --NAME=VALUE }, a flag as {@code --NAME }, and a description in double quotes. Sections skipped by
 * {@code --section} print nothing.
 */
final class ShowCommand {
    /** fio's .prio of the options that have one (options.c); every other option's is 0. */
    private static final Map<String, Integer> PRIORITY = Map.of("kb_base", 1, "unit_base", 1, "lockfile", 1,
            "cpus_allowed_policy", 1, "filename", -1, "filename_format", -1);

    private ShowCommand() {
    }

    /** One line per job file, in order. */
    static List<String> lines(List<List<RawSection>> files, CommandLineJobs cli) {
        List<String> lines = new ArrayList<>();
        for (int f = 0; f < files.size(); f++) {
            List<RawOption> globals = new ArrayList<>(f == 0 ? cli.global() : List.of());
            StringBuilder line = new StringBuilder("fio ");
            for (RawSection s : files.get(f)) {
                if (s.isGlobal()) {
                    globals.addAll(sorted(s.options()));
                    globals.forEach(o -> append(line, o));
                } else if (cli.runs(s.name())) {
                    line.append("--name=").append(s.name()).append(' ');
                    sorted(s.options()).forEach(o -> append(line, o));
                }
            }
            lines.add(line.toString());
        }
        return lines;
    }

    private static List<RawOption> sorted(List<RawOption> options) {
        return options.stream().sorted(Comparator.comparingInt((RawOption o) -> PRIORITY.getOrDefault(fioName(o), 0))
                .reversed()).toList();
    }

    private static String fioName(RawOption o) {
        return FioOptions.modelled(o.name()).map(FioOption::fioName).orElse(o.name());
    }

    private static void append(StringBuilder line, RawOption o) {
        String name = fioName(o);
        if (o.value() == null) {
            line.append("--").append(name).append(' ');
            return;
        }
        String quote = name.equals("description") ? "\"" : "";
        line.append("--").append(name).append('=').append(quote).append(o.value()).append(quote).append(' ');
    }
}
