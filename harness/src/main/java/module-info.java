/**
 * The mqvio harness: the deterministic simulation runtime, workloads, the stack assembly, reports and the
 * command-line interface. Implementations are found only through {@link java.util.ServiceLoader} (by the
 * {@code org.mqvio.api} module's registry); this module never refers to an implementation class.
 *
 * <p>{@code org.mqvio.harness.conformance} is the conformance kit: jqwik properties and contract interfaces
 * that check any provider against the invariants of DESIGN.md section 8. It needs jqwik, which only tests
 * have; nothing else in this module uses it.
 */
module org.mqvio.harness {
    requires transitive org.mqvio.api;
    requires info.picocli;
    requires HdrHistogram;
    requires org.knowm.xchart;
    requires java.desktop;
    requires com.google.common;
    requires com.fasterxml.jackson.databind;
    requires com.fasterxml.jackson.dataformat.csv;
    requires org.slf4j;
    // The conformance kit is jqwik code for users' tests; the CLI never loads it, so jqwik is optional.
    requires static net.jqwik.api;

    exports org.mqvio.harness.live;
    exports org.mqvio.harness.sim;
    exports org.mqvio.harness.stack;
    exports org.mqvio.harness.conformance;
    exports org.mqvio.harness.workload;

    opens org.mqvio.harness.cli to info.picocli;
}
