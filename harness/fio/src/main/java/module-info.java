/**
 * The fio front end: job files and command-line options with fio's names, defaults and suffixes ({@code fio}),
 * fio's normal and JSON reports ({@code report}), and sweeps with the papers' experiment ({@code sweep}).
 */
module org.mqvio.harness.fio {
    requires transitive org.mqvio.harness.stack;
    requires transitive com.fasterxml.jackson.databind;
    requires com.fasterxml.jackson.dataformat.csv;
    requires com.google.common;
    requires org.slf4j;

    exports org.mqvio.harness.fio;
    exports org.mqvio.harness.report;
    exports org.mqvio.harness.sweep;
}
