package org.mqvio.harness.cli;

import java.util.Locale;

/** How {@code run} reports: {@code --output-format=normal|json}. */
enum OutputFormat {
    /** fio's summary, then what happened inside the I/O path. */
    NORMAL,
    /** fio's JSON keys plus an {@code mqvio} object. */
    JSON;

    /** The name on the command line. */
    @Override
    public String toString() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** Reads {@code --output-format}. */
    static final class Converter extends EnumConverter<OutputFormat> {
        Converter() {
            super(OutputFormat.class, " (fio's terse and json+ are not supported)");
        }
    }
}
