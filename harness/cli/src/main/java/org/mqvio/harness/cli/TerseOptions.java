package org.mqvio.harness.cli;

import java.util.EnumSet;
import java.util.List;
import org.mqvio.harness.report.TerseReport;
import picocli.CommandLine.Option;

/** fio's {@code --minimal} and {@code --terse-version}, and the reports {@code run} prints with them. */
final class TerseOptions {
    @Option(names = "--minimal", description = "fio's terse output alone (as --output-format=terse).")
    boolean minimal;

    @Option(names = "--terse-version", paramLabel = "N", defaultValue = "3",
            description = "fio's terse version: 2, 3 (fio's default), 4 (with trim) or 5 (with IOPS samples)"
                    + " (default: ${DEFAULT-VALUE}).")
    int version;

    /** The reports to print: {@code listed}, or terse alone with {@code --minimal}, as fio's init.c reads them. */
    Reports reports(List<OutputFormat> listed) {
        if (!TerseReport.VERSIONS.contains(version)) {
            throw new IllegalArgumentException("--terse-version=" + version + " is invalid; allowed: 2, 3, 4, 5");
        }
        return new Reports(minimal ? EnumSet.of(OutputFormat.TERSE) : EnumSet.copyOf(listed), version);
    }
}
