package org.mqvio.harness.cli;

import java.util.Locale;

/**
 * One of {@code run}'s reports, {@code --output-format=FORMAT[,FORMAT...]} as fio reads it (fio 3.x init.c,
 * {@code parse_output_format}): {@code terse} (also {@code minimal}, {@code csv}), {@code json}, {@code json+}
 * (json with fio's latency bins) and {@code normal}. The constants are in the order fio prints the formats asked
 * for, whatever their order in the list (fio's {@code __show_run_stats} flushes its terse, json and normal buffers
 * in that order).
 */
enum OutputFormat {
    /** fio's terse output (version 3 unless --terse-version): one line of fields per job. */
    TERSE("terse"),
    /** fio's JSON keys plus an {@code mqvio} object. */
    JSON("json"),
    /** {@link #JSON} with fio's latency bins under each {@code clat_ns}. */
    JSON_PLUS("json+"),
    /** fio's summary, then what happened inside the I/O path. */
    NORMAL("normal");

    private final String name;

    OutputFormat(String name) {
        this.name = name;
    }

    /** The name on the command line. */
    @Override
    public String toString() {
        return name;
    }

    /** Reads one element of {@code --output-format}, with fio's other names for terse. */
    static final class Converter extends EnumConverter<OutputFormat> {
        Converter() {
            super(OutputFormat.class, " (a comma-separated list; minimal and csv are fio's names for terse)");
        }

        @Override
        public OutputFormat convert(String value) {
            String v = value.toLowerCase(Locale.ROOT);
            return v.equals("minimal") || v.equals("csv") ? TERSE : super.convert(value);
        }
    }
}
