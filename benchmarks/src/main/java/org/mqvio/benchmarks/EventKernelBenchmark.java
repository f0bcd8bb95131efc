package org.mqvio.benchmarks;

import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import umontreal.ssj.simevents.eventlist.BinaryTree;
import umontreal.ssj.simevents.eventlist.SplayTree;

/**
 * Events per second of mqvio's {@link org.mqvio.harness.sim.EventKernel} against SSJ's simulator, in the
 * classic hold model: {@value #PENDING} events are pending, and each operation fires the earliest one, whose
 * action schedules it again after an exponential delay (mean {@value #MEAN_DELAY_NS} ns, from a seeded
 * {@link java.util.SplittableRandom}), so the event list always holds {@value #PENDING} events. One operation is
 * one remove-min plus one insert plus the engine's dispatch; each invocation fires {@value #BATCH} events to
 * keep JMH's own per-call cost out of the result. Every engine gets the very same delays.
 *
 * <p>The engines, one {@link Engine} value each behind the {@link HoldModel} adapter:
 * <ul>
 *   <li>{@code MQVIO}: {@code EventKernel.schedule} and {@code step()}, a reusable {@code Runnable} per event;</li>
 *   <li>{@code SSJ_SPLAY}: SSJ 3.3.2's {@code Simulator} with its default event list, {@code SplayTree}, a
 *       reusable {@code Event} subclass per event, stepped with exactly the per-event work of
 *       {@code Simulator.start()};</li>
 *   <li>{@code SSJ_BINARYTREE}: the same on SSJ's {@code BinaryTree}.</li>
 * </ul>
 *
 * <p>Build, then run, from the repository root:
 * <pre>{@code
 * ./mvnw -B -ntp -pl benchmarks -am package -DskipTests && java -cp benchmarks/target/classes:$(cat benchmarks/target/classpath.txt) org.openjdk.jmh.Main EventKernelBenchmark -f 1 -wi 3 -i 5
 * }</pre>
 * The {@code java} there must be a JDK 21 or newer, like the one Maven ran on ({@code $JAVA_HOME/bin} first on
 * the {@code PATH}): an older one fails every benchmark with {@code UnsupportedClassVersionError}, and JMH
 * still exits 0 with an empty table unless given {@code -foe true}.
 * Add {@code -p engine=MQVIO} for one engine, and {@code -prof gc} to see the allocation per event as
 * {@code gc.alloc.rate.norm} (bytes per operation; mqvio's kernel allocates nothing once its queue has grown).
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class EventKernelBenchmark {
    static final int PENDING = 1000;
    static final int BATCH = 1000;
    static final long MEAN_DELAY_NS = 1000;
    static final long SEED = 0x5EED_2024L;

    /** Builds one implementation of the hold model. */
    public enum Engine {
        MQVIO {
            @Override
            HoldModel build(int pending, DelayStream delays) {
                return new MqvioHoldModel(pending, delays);
            }
        },
        SSJ_SPLAY {
            @Override
            HoldModel build(int pending, DelayStream delays) {
                return new SsjHoldModel(new SplayTree(), pending, delays);
            }
        },
        SSJ_BINARYTREE {
            @Override
            HoldModel build(int pending, DelayStream delays) {
                return new SsjHoldModel(new BinaryTree(), pending, delays);
            }
        };

        abstract HoldModel build(int pending, DelayStream delays);

        /** A model with {@code pending} events, run past its start so the event times are in steady state. */
        HoldModel warmedUp(int pending, long seed) {
            HoldModel model = build(pending, new DelayStream(seed, MEAN_DELAY_NS));
            for (int i = 0; i < 100 * pending; i++) {
                model.fire();
            }
            return model;
        }
    }

    @Param({"MQVIO", "SSJ_SPLAY", "SSJ_BINARYTREE"})
    Engine engine;

    private HoldModel model;

    @Setup(Level.Trial)
    public void setUp() {
        model = engine.warmedUp(PENDING, SEED);
    }

    @TearDown(Level.Trial)
    public void checkStillHolding() {
        int pending = model.pending();
        if (pending != PENDING) {
            throw new IllegalStateException(engine + " ended with " + pending + " pending events, not " + PENDING);
        }
    }

    /** Fires {@value #BATCH} events; returns the clock so the work cannot be discarded. */
    @Benchmark
    @OperationsPerInvocation(BATCH)
    public double hold() {
        HoldModel m = model;
        for (int i = 0; i < BATCH; i++) {
            m.fire();
        }
        return m.nowNs();
    }
}
