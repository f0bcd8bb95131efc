/**
 * The deterministic simulation runtime: an event kernel in virtual nanoseconds, host CPUs shared by vCPU threads,
 * IoThreads and interrupt handlers, simulated ticket, MCS and mutex locks, notifiers and timers, all behind the
 * runtime contract of {@code org.mqvio.api.runtime}. The same seed and configuration give the same run, bit for bit.
 */
module org.mqvio.harness.sim {
    requires transitive org.mqvio.api;

    exports org.mqvio.harness.sim;
}
