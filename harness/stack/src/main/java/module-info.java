/**
 * A stack assembled from providers (data plane, guest and host block layers, device) on either runtime, the cost
 * table, and fio-like jobs run on it with fio's statistics ({@code org.mqvio.harness.workload}). What a program that
 * embeds the simulation needs; it brings no command line, chart or AWT dependency. Implementations are found only
 * through {@link java.util.ServiceLoader} (by the {@code org.mqvio.api} module's registry); this module never refers
 * to an implementation class. The whole-stack benchmark ({@code org.mqvio.harness.bench}) measures how fast the
 * simulation runs.
 */
module org.mqvio.harness.stack {
    requires transitive org.mqvio.api;
    requires transitive org.mqvio.harness.sim;
    requires transitive org.mqvio.harness.live;
    requires jdk.management;

    exports org.mqvio.harness.stack;
    exports org.mqvio.harness.workload;
    exports org.mqvio.harness.bench;
}
