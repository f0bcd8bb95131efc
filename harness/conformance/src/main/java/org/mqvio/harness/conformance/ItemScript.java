package org.mqvio.harness.conformance;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicIntegerArray;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import org.mqvio.api.runtime.ContextKind;
import org.mqvio.api.runtime.ContextSpec;
import org.mqvio.api.runtime.ExecutionContext;
import org.mqvio.api.runtime.Platform;

/**
 * A generated tree of work items for {@link PlatformContract}'s item order property: each item runs on one of
 * up to three contexts and is posted by the test (before the run) or by an earlier item, or is the continuation
 * ({@link ExecutionContext#andThen}) of an earlier item on the same context. An item does what the script says
 * in index order: it posts its posted children and adds its continuations.
 *
 * <p>What {@link Outcome#check()} expects, from {@link ExecutionContext}'s Javadoc: every item runs once; on
 * each context a posted item runs together with its continuations, depth first (a continuation runs next,
 * before any posted item, in the order added, and its own continuations before its later siblings); and the
 * items one poster posted to one context run in the order it posted them.
 */
final class ItemScript {
    /** One item: where it runs, who made it, what its action costs (the simulation charges it). */
    record Item(int index, int context, int parent, boolean continuation, long costNs) {
        boolean postedByTheTest() {
            return parent < 0;
        }
    }

    private record Raw(int context, int parent, boolean continuation, long costNs) {
    }

    private final int contexts;
    private final List<Item> items;
    private final List<List<Item>> children;

    private ItemScript(int contexts, List<Raw> raw) {
        this.contexts = contexts;
        List<Item> list = new ArrayList<>();
        for (int i = 0; i < raw.size(); i++) {
            Raw r = raw.get(i);
            int parent = r.parent() % (i + 1) - 1;
            boolean continuation = parent >= 0 && r.continuation();
            int context = continuation ? list.get(parent).context() : r.context() % contexts;
            list.add(new Item(i, context, parent, continuation, r.costNs()));
        }
        this.items = List.copyOf(list);
        List<List<Item>> kids = new ArrayList<>();
        for (int i = 0; i < items.size(); i++) {
            kids.add(new ArrayList<>());
        }
        for (Item item : items) {
            if (item.parent() >= 0) {
                kids.get(item.parent()).add(item);
            }
        }
        this.children = kids;
    }

    /** Scripts of 1 to 30 items on 1 to 3 contexts; they shrink towards fewer items, all posted by the test. */
    static Arbitrary<ItemScript> scripts() {
        Arbitrary<Raw> raw = Combinators.combine(Arbitraries.integers().between(0, 2),
                Arbitraries.integers().between(0, 1_000), Arbitraries.of(false, true),
                Arbitraries.longs().between(0, 2_000)).as(Raw::new);
        return Combinators.combine(Arbitraries.integers().between(1, 3), raw.list().ofMinSize(1).ofMaxSize(30))
                .as(ItemScript::new);
    }

    /** An explicit script (for tests of the contract itself): {@code parents[i]} is -1 for the test. */
    static ItemScript of(int contexts, int[] contextOf, int[] parents, boolean[] continuation) {
        List<Raw> raw = new ArrayList<>();
        for (int i = 0; i < parents.length; i++) {
            raw.add(new Raw(contextOf[i], parents[i] + 1, continuation[i], 0));
        }
        return new ItemScript(contexts, raw);
    }

    /** Creates the contexts on {@code platform} and posts the test's items; the caller then runs it. */
    Outcome start(Platform platform) {
        Outcome outcome = new Outcome(platform);
        for (Item item : items) {
            if (item.postedByTheTest()) {
                outcome.post(contexts, item);
            }
        }
        return outcome;
    }

    /** The contexts, created on a platform, and what ran on them. */
    final class Outcome {
        private final List<ExecutionContext> on = new ArrayList<>();
        private final List<List<Integer>> ran = new ArrayList<>();
        private final AtomicIntegerArray runs = new AtomicIntegerArray(items.size());
        private final AtomicInteger total = new AtomicInteger();
        /** For each item, its place among the posts of its poster (a context, or the test at index {@code contexts}). */
        private final AtomicIntegerArray postSeq = new AtomicIntegerArray(items.size());
        private final AtomicIntegerArray posts = new AtomicIntegerArray(contexts + 1);

        private Outcome(Platform platform) {
            ContextKind[] kinds = {ContextKind.VCPU, ContextKind.IOTHREAD, ContextKind.IRQ};
            for (int c = 0; c < contexts; c++) {
                on.add(platform.newContext(ContextSpec.of("c" + c, kinds[c])));
                ran.add(Collections.synchronizedList(new ArrayList<>()));
            }
        }

        /** Whether every item has run (the run's done condition). */
        boolean allRan() {
            return total.get() >= items.size();
        }

        private void post(int poster, Item item) {
            postSeq.set(item.index(), posts.getAndIncrement(poster));
            on.get(item.context()).post(item.costNs(), () -> run(item));
        }

        private void run(Item item) {
            ran.get(item.context()).add(item.index());
            runs.incrementAndGet(item.index());
            total.incrementAndGet();
            for (Item child : children.get(item.index())) {
                if (child.continuation()) {
                    on.get(item.context()).andThen(child.costNs(), () -> run(child));
                } else {
                    post(item.context(), child);
                }
            }
        }

        /** Checks the order the items ran in; throws AssertionError naming the first item out of place. */
        void check() {
            for (Item item : items) {
                if (runs.get(item.index()) != 1) {
                    throw new AssertionError("item #" + item.index() + " ran " + runs.get(item.index())
                            + " times, not once; ran: " + ran + "; " + ItemScript.this);
                }
            }
            for (int c = 0; c < contexts; c++) {
                checkContext(c, List.copyOf(ran.get(c)));
            }
        }

        private void checkContext(int context, List<Integer> order) {
            Map<Integer, Item> lastByPoster = new HashMap<>();
            int pos = 0;
            while (pos < order.size()) {
                Item root = items.get(order.get(pos));
                String where = "on c" + context + " (ran " + order + "; " + ItemScript.this + ")";
                if (root.continuation()) {
                    throw new AssertionError("item #" + root.index() + ", a continuation of #" + root.parent()
                            + ", did not run right after it " + where);
                }
                List<Integer> expected = new ArrayList<>();
                expand(root, expected);
                List<Integer> actual = order.subList(pos, Math.min(order.size(), pos + expected.size()));
                if (!actual.equals(expected)) {
                    throw new AssertionError("posted item #" + root.index() + " and its continuations should run "
                            + expected + " back to back, but ran " + actual + " " + where);
                }
                int poster = root.postedByTheTest() ? contexts : items.get(root.parent()).context();
                Item last = lastByPoster.get(poster);
                if (last != null && postSeq.get(last.index()) > postSeq.get(root.index())) {
                    throw new AssertionError("items posted by " + posterName(poster) + " ran out of order: #"
                            + last.index() + " (posted later) before #" + root.index() + " " + where);
                }
                lastByPoster.put(poster, root);
                pos += expected.size();
            }
        }

        private String posterName(int poster) {
            return poster == contexts ? "the test" : "items on c" + poster;
        }
    }

    /** {@code item} and, depth first, its continuations. */
    private void expand(Item item, List<Integer> into) {
        into.add(item.index());
        for (Item child : children.get(item.index())) {
            if (child.continuation()) {
                expand(child, into);
            }
        }
    }

    @Override
    public String toString() {
        StringBuilder b = new StringBuilder("script on " + contexts + " context(s):");
        for (Item item : items) {
            b.append(" #").append(item.index()).append(" on c").append(item.context());
            if (item.postedByTheTest()) {
                b.append(" posted by the test");
            } else {
                b.append(item.continuation() ? " continuation of #" : " posted by #").append(item.parent());
            }
            b.append(';');
        }
        return b.toString();
    }
}
