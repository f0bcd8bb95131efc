/**
 * The live runtime: the runtime contract of {@code org.mqvio.api.runtime} on real platform threads, with real
 * ticket and MCS spinlocks, a sleeping mutex, parking notifiers and device timers, timed by {@link System#nanoTime()}.
 */
module org.mqvio.harness.live {
    requires transitive org.mqvio.api;
    requires org.slf4j;

    exports org.mqvio.harness.live;
}
