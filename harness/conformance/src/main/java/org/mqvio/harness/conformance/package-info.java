/**
 * The conformance kit: checks any provider, mqvio's or a user's, against the invariants of
 * docs/architecture.md#invariants on the deterministic simulation, with jqwik.
 *
 * <p><b>Using it.</b> A provider module's tests depend on {@code mqvio-harness} (test scope) and add one short
 * class per provider, implementing the contract for its kind:
 * <ul>
 *   <li>{@link org.mqvio.harness.conformance.DataPlaneContract} (and {@link
 *   org.mqvio.harness.conformance.VirtqueueContract} for a virtio data plane),</li>
 *   <li>{@link org.mqvio.harness.conformance.BlockLayerContract},</li>
 *   <li>{@link org.mqvio.harness.conformance.StorageDeviceContract}.</li>
 * </ul>
 * Each extends {@link org.mqvio.harness.conformance.StackContract}, whose properties run generated scripted
 * workloads ({@link org.mqvio.harness.conformance.ConformanceArbitraries}) on generated stacks
 * ({@link org.mqvio.harness.conformance.StackSpace}: every combination of the providers found, with their
 * parameters) and check the {@link org.mqvio.harness.conformance.Invariants} on a complete
 * {@link org.mqvio.harness.conformance.EventLog}; the per-kind contracts add stateful jqwik {@code ActionChain}
 * properties of the service interface alone.
 *
 * <p><b>Runtimes.</b> {@link org.mqvio.harness.conformance.PlatformContract} checks a runtime (a
 * {@link org.mqvio.api.runtime.Platform}) against the runtime contract; the simulation and the live runtime each
 * pass it through one short class that supplies a {@link org.mqvio.harness.conformance.PlatformUnderTest}.
 *
 * <p><b>Reading a failure.</b> A {@link org.mqvio.harness.conformance.ConformanceFailure} names the broken
 * invariant and prints the stack, the seed, the events of the requests involved, and a
 * {@code ConformanceCheck.replay("...")} line that reruns the (shrunk) case exactly.
 *
 * <p><b>Depth.</b> Each property has a default number of tries that keeps {@code ./mvnw verify} fast;
 * {@code -Dmqvio.conformance.tries=N} sets them all and {@code -Dmqvio.conformance.seed=S} fixes jqwik's seed
 * ({@link org.mqvio.harness.conformance.ConformanceDepth}).
 *
 * <p>The kit is jqwik code: the harness module {@code requires static net.jqwik.api}, so it is needed only
 * where the kit is used, in tests.
 */
package org.mqvio.harness.conformance;
