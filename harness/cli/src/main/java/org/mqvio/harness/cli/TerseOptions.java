package org.mqvio.harness.cli;

import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import org.mqvio.harness.report.TerseReport;
import picocli.CommandLine.Option;

/** fio's {@code --minimal} and {@code --terse-version}, and the formats {@code run} prints with them. */
final class TerseOptions {
    @Option(names = "--minimal", description = "fio's terse output alone (as --output-format=terse).")
    boolean minimal;

    @Option(names = "--terse-version", paramLabel = "N", defaultValue = "3",
            description = "The terse format's version: 3, fio's default, is the one written (default: ${DEFAULT-VALUE}).")
    int version;

    /** The formats to print: {@code listed}, or terse alone with {@code --minimal}, as fio's init.c reads them. */
    Set<OutputFormat> formats(List<OutputFormat> listed) {
        if (version != TerseReport.VERSION) {
            throw new IllegalArgumentException("--terse-version=" + version + " is invalid; allowed: "
                    + TerseReport.VERSION + " (fio's versions 2, 4 and 5 are not written)");
        }
        return minimal ? EnumSet.of(OutputFormat.TERSE) : EnumSet.copyOf(listed);
    }
}
