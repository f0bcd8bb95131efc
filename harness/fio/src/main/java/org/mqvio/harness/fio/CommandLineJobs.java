package org.mqvio.harness.fio;

import java.util.ArrayList;
import java.util.List;

/**
 * fio's command-line form of a job: {@code --OPTION=VALUE}, {@code --OPTION VALUE} (for the options mqvio
 * models that take a value) or a bare {@code --OPTION} (a flag); options before the first {@code --name}
 * are global, {@code --name=JOB} starts a job; every other word is a job file.
 *
 * @param files  the job files, in order
 * @param global the options before the first {@code --name}
 * @param jobs   the jobs started with {@code --name}
 */
record CommandLineJobs(List<String> files, List<RawOption> global, List<RawSection> jobs) {
    static CommandLineJobs parse(List<String> tokens) {
        List<String> files = new ArrayList<>();
        List<RawOption> global = new ArrayList<>();
        List<RawSection> jobs = new ArrayList<>();
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
            if (value == null) {
                FioOption opt = FioOptions.modelled(name).orElse(null);
                if (opt != null && opt.type() != FioOption.Type.BOOL) {
                    if (i + 1 >= tokens.size() || tokens.get(i + 1).startsWith("--")) {
                        throw new IllegalArgumentException("command line: --" + name + " needs a value; allowed: "
                                + opt.allowed() + " (--" + name + "=VALUE)");
                    }
                    value = tokens.get(++i);
                }
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
        return new CommandLineJobs(List.copyOf(files), List.copyOf(global), List.copyOf(jobs));
    }
}
