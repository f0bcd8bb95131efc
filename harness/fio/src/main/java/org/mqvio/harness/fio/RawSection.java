package org.mqvio.harness.fio;

import java.util.List;

/**
 * One {@code [section]} of a job file, or a job given on the command line with {@code --name}.
 *
 * @param name    the section's name ({@code global} for global options)
 * @param options its options in order
 * @param origin  where the section starts
 */
record RawSection(String name, List<RawOption> options, Origin origin) {
    RawSection {
        options = List.copyOf(options);
    }

    boolean isGlobal() {
        return name.equals("global");
    }
}
