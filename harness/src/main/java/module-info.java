/**
 * The mqvio harness: the deterministic simulation runtime, workloads, the stack assembly, reports and the
 * command-line interface. Implementations are found only through {@link java.util.ServiceLoader} (by the
 * {@code org.mqvio.api} module's registry); this module never refers to an implementation class.
 */
module org.mqvio.harness {
    requires transitive org.mqvio.api;
    requires info.picocli;
    requires HdrHistogram;
    requires org.knowm.xchart;
    requires java.desktop;

    exports org.mqvio.harness.live;
    exports org.mqvio.harness.sim;
    exports org.mqvio.harness.stack;
    exports org.mqvio.harness.workload;

    opens org.mqvio.harness.cli to info.picocli;
}
