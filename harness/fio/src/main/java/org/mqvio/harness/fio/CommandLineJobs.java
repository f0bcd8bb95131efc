package org.mqvio.harness.fio;

import java.util.ArrayList;
import java.util.List;

/**
 * fio's command-line form of a job: {@code --OPTION=VALUE}, {@code --OPTION VALUE} (for the options mqvio
 * models that take a value) or a bare {@code --OPTION} (a flag); options before the first {@code --name}
 * are global, {@code --name=JOB} starts a job; every other word is a job file. fio's {@code --section=NAME}
 * (repeatable), {@code --parse-only} and {@code --showcmd}, and mqvio's {@code --allow-unmodelled}, are read
 * here and are not job options.
 *
 * @param files            the job files, in order
 * @param global           the options before the first {@code --name}
 * @param jobs             the jobs started with {@code --name}
 * @param sections         the job sections to run ({@code --section}); empty for all
 * @param action           what to do with the jobs
 * @param allowUnmodelled  whether options mqvio does not model are ignored and listed instead of refused
 */
record CommandLineJobs(List<String> files, List<RawOption> global, List<RawSection> jobs, List<String> sections,
                       FioAction action, boolean allowUnmodelled) {
    static final String ALLOW_UNMODELLED = "--allow-unmodelled";

    static CommandLineJobs parse(List<String> tokens) {
        List<String> files = new ArrayList<>();
        List<RawOption> global = new ArrayList<>();
        List<RawSection> jobs = new ArrayList<>();
        List<String> sections = new ArrayList<>();
        FioAction action = FioAction.RUN;
        boolean allowUnmodelled = false;
        List<RawOption> current = global;
        String currentName = null;
        for (int i = 0; i < tokens.size(); i++) {
            String t = tokens.get(i);
            if (!t.startsWith("-") || t.equals("-")) {
                files.add(t);
                continue;
            }
            if (!t.startsWith("--") || t.length() == 2) {
                throw new IllegalArgumentException("command line: unknown option '" + t + "'; allowed: --OPTION=VALUE"
                        + " with a fio option name, mqvio's options (see --help), or a job file");
            }
            String body = t.substring(2);
            int eq = body.indexOf('=');
            String name = eq < 0 ? body : body.substring(0, eq);
            String value = eq < 0 ? null : body.substring(eq + 1);
            switch (t) {
                case ALLOW_UNMODELLED -> {
                    allowUnmodelled = true;
                    continue;
                }
                case "--parse-only" -> {
                    action = action == FioAction.SHOW_COMMAND ? action : FioAction.PARSE_ONLY;
                    continue;
                }
                case "--showcmd" -> {
                    action = FioAction.SHOW_COMMAND;
                    continue;
                }
                default -> {
                }
            }
            if (value == null) {
                FioOption opt = FioOptions.modelled(name).orElse(null);
                boolean needsValue = name.equals("section") || (opt != null && opt.type() != FioOption.Type.BOOL
                        && opt.type() != FioOption.Type.LOG_NAME);
                if (needsValue) {
                    if (i + 1 >= tokens.size() || tokens.get(i + 1).startsWith("--")) {
                        throw new IllegalArgumentException("command line: --" + name + " needs a value; allowed: "
                                + (opt == null ? "a job section's name" : opt.allowed()) + " (--" + name + "=VALUE)");
                    }
                    value = tokens.get(++i);
                }
            }
            if (name.equals("section")) {
                if (value.isBlank() || value.equals("global")) {
                    throw new IllegalArgumentException("command line: --section=" + value + " is invalid; allowed: the"
                            + " name of a job section (global is always read)");
                }
                sections.add(value);
                continue;
            }
            RawOption o = new RawOption(name, value, Origin.COMMAND_LINE);
            if (name.equals("name")) {
                if (currentName != null) {
                    jobs.add(new RawSection(currentName, current, Origin.COMMAND_LINE));
                }
                currentName = value;
                current = new ArrayList<>();
            }
            current.add(o);
        }
        if (currentName != null) {
            jobs.add(new RawSection(currentName, current, Origin.COMMAND_LINE));
        }
        return new CommandLineJobs(List.copyOf(files), List.copyOf(global), List.copyOf(jobs), List.copyOf(sections),
                action, allowUnmodelled);
    }

    /** Whether the job section {@code name} runs: every section without {@code --section}, else the ones named. */
    boolean runs(String name) {
        return sections.isEmpty() || sections.contains(name);
    }
}
