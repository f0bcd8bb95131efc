package org.mqvio.harness.sim;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;

class ItemQueueTest {

    /**
     * Any mix of adds at either end and takes from the front, across growth with the head anywhere in the
     * circular arrays, gives the items (cost and action together) in the order a deque gives them.
     */
    @Property(tries = 200)
    void keepsDequeOrderAcrossGrowthAndWrapAround(@ForAll @Size(max = 200) List<@IntRange(max = 2) Integer> ops) {
        ItemQueue q = new ItemQueue();
        Deque<Long> model = new ArrayDeque<>();
        List<Long> taken = new ArrayList<>();
        List<Long> expected = new ArrayList<>();
        long next = 1;
        for (int op : ops) {
            switch (op) {
                case 0 -> {
                    long id = next++;
                    q.addLast(id, action(id));
                    model.addLast(id);
                }
                case 1 -> {
                    long id = next++;
                    q.addFirst(id, action(id));
                    model.addFirst(id);
                }
                default -> {
                    if (!model.isEmpty()) {
                        expected.add(model.pollFirst());
                        long cost = q.firstCost();
                        taken.add(cost);
                        assertThat(q.pollAction().toString()).isEqualTo("item " + cost);
                    }
                }
            }
            assertThat(q.size()).isEqualTo(model.size());
            int i = 0;
            for (long id : model) {
                assertThat(q.cost(i)).isEqualTo(id);
                assertThat(q.action(i).toString()).isEqualTo("item " + id);
                i++;
            }
        }
        assertThat(taken).isEqualTo(expected);
        q.clear();
        assertThat(q.isEmpty()).isTrue();
    }

    private static Runnable action(long id) {
        return new Runnable() {
            @Override
            public void run() {
            }

            @Override
            public String toString() {
                return "item " + id;
            }
        };
    }
}
