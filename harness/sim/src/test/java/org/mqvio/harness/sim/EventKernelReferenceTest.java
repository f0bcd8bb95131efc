package org.mqvio.harness.sim;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.PriorityQueue;
import java.util.Set;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;

/**
 * The kernel against a plain reference: a {@link PriorityQueue} ordered by (time, sequence number), driven by the
 * same generated sequence of operations. Events hold (a fired event schedules its successor), are inserted from
 * outside, are cancelled the way the platform's timers are (a flag: the event still fires, as a no-op), and the
 * clock is moved by {@code runUntil} between looks at the next event time, so the queue's rare paths (a base moved
 * ahead by a look, then an event scheduled before it) are reached. Delays mix zero, tiny and huge values, so
 * events share instants and spread over every bucket.
 */
class EventKernelReferenceTest {

    sealed interface Op permits Insert, Step, RunFor, Peek, Cancel {
    }

    /** Schedules an event {@code delay} from now; when it fires it schedules {@code holds} successors in a chain. */
    record Insert(long delay, int holds) implements Op {
    }

    record Step() implements Op {
    }

    record RunFor(long delay) implements Op {
    }

    record Peek() implements Op {
    }

    /** Cancels the event with id {@code pick} modulo the number scheduled so far. */
    record Cancel(int pick) implements Op {
    }

    @Property(tries = 300)
    void firesExactlyWhatTheReferenceFires(@ForAll("operations") List<Op> ops) {
        Model kernel = new KernelModel();
        Model reference = new ReferenceModel();
        for (Op op : ops) {
            kernel.apply(op);
            reference.apply(op);
            assertThat(kernel.state()).as("after %s", op).isEqualTo(reference.state());
        }
        kernel.drain();
        reference.drain();
        assertThat(kernel.fired).isEqualTo(reference.fired);
        assertThat(kernel.state()).isEqualTo(reference.state());
    }

    @Provide
    Arbitrary<List<Op>> operations() {
        Arbitrary<Long> delay = Arbitraries.oneOf(Arbitraries.just(0L), Arbitraries.longs().between(0, 4),
                Arbitraries.longs().between(0, 2_000), Arbitraries.longs().between(0, 1L << 40));
        Arbitrary<Op> op = Arbitraries.frequencyOf(
                Tuple.of(5, Combinators.combine(delay, Arbitraries.integers().between(0, 3)).as(Insert::new)),
                Tuple.of(5, Arbitraries.just(new Step())),
                Tuple.of(2, delay.map(RunFor::new)),
                Tuple.of(2, Arbitraries.just(new Peek())),
                Tuple.of(1, Arbitraries.integers().between(0, 1_000).map(Cancel::new)));
        return op.list().ofMaxSize(400);
    }

    /** One side of the comparison: events are ids; what fired is the list of (id, time, cancelled) it records. */
    private abstract static class Model {
        final List<String> fired = new ArrayList<>();
        final Set<Integer> cancelled = new HashSet<>();
        int scheduled;

        abstract long now();

        abstract int pending();

        abstract long next();

        abstract boolean step();

        abstract void runUntil(long until);

        abstract void schedule(long delay, int id, int holds);

        void apply(Op op) {
            switch (op) {
                case Insert insert -> schedule(insert.delay(), scheduled++, insert.holds());
                case Step ignored -> step();
                case RunFor run -> runUntil(now() + run.delay());
                case Peek ignored -> next();
                case Cancel cancel -> {
                    if (scheduled > 0) {
                        cancelled.add(cancel.pick() % scheduled);
                    }
                }
            }
        }

        /** The action of event {@code id}: a no-op when cancelled, else it records itself and holds. */
        void fire(int id, long delay, int holds) {
            boolean off = cancelled.contains(id);
            fired.add(id + "@" + now() + (off ? " cancelled" : ""));
            if (!off && holds > 0) {
                // The successor's delay depends on the event, so holding events interleave and sometimes collide.
                schedule((delay * 7 + id) % 3_000, scheduled++, holds - 1);
            }
        }

        void drain() {
            while (step()) {
                // until empty
            }
        }

        String state() {
            return "now " + now() + ", pending " + pending() + ", next " + next() + ", fired " + fired.size();
        }
    }

    private static final class KernelModel extends Model {
        private final EventKernel kernel = new EventKernel(16);

        @Override
        long now() {
            return kernel.now();
        }

        @Override
        int pending() {
            return kernel.pending();
        }

        @Override
        long next() {
            return kernel.nextEventTime();
        }

        @Override
        boolean step() {
            return kernel.step();
        }

        @Override
        void runUntil(long until) {
            kernel.runUntil(until);
        }

        @Override
        void schedule(long delay, int id, int holds) {
            kernel.schedule(delay, () -> fire(id, delay, holds));
        }
    }

    /** The same contract written the obvious way, with the kernel's comparator: time, then sequence number. */
    private static final class ReferenceModel extends Model {
        private record Event(long time, long seq, Runnable action) {
        }

        private final PriorityQueue<Event> queue = new PriorityQueue<>(
                Comparator.comparingLong(Event::time).thenComparingLong(Event::seq));
        private long now;
        private long seq;

        @Override
        long now() {
            return now;
        }

        @Override
        int pending() {
            return queue.size();
        }

        @Override
        long next() {
            return queue.isEmpty() ? Long.MAX_VALUE : queue.peek().time();
        }

        @Override
        boolean step() {
            Event e = queue.poll();
            if (e == null) {
                return false;
            }
            now = e.time();
            e.action().run();
            return true;
        }

        @Override
        void runUntil(long until) {
            while (!queue.isEmpty() && queue.peek().time() <= until) {
                step();
            }
            now = Math.max(now, until);
        }

        @Override
        void schedule(long delay, int id, int holds) {
            queue.add(new Event(now + delay, seq++, () -> fire(id, delay, holds)));
        }
    }
}
