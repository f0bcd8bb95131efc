/**
 * Typed statistics: a component declares each {@link org.mqvio.api.stats.Counter} once (name, unit,
 * meaning), lists the ones it reports in a {@link org.mqvio.api.stats.CounterSet}, and answers
 * {@code statistics()} with a {@link org.mqvio.api.stats.Statistics} snapshot. Readers ask a snapshot for a
 * counter by its declaration; one it does not declare is an error, never a silent 0.
 *
 * <p>The counters every implementation of an SPI reports are declared on the SPI interface
 * ({@link org.mqvio.api.virtio.Virtqueue#KICKS}, {@link org.mqvio.api.runtime.PlatformLock#WAIT_NS}, ...);
 * an implementation declares its own beside them. Counters are plain {@code long} fields in the component;
 * a snapshot is taken when statistics are read, usually at the end of a run.
 */
package org.mqvio.api.stats;
