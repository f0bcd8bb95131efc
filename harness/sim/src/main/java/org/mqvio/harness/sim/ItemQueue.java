package org.mqvio.harness.sim;

/**
 * A double-ended queue of work items (a cost in nanoseconds and an action) kept in two parallel circular
 * arrays, so adding and taking items allocates nothing once the arrays have grown to the most items queued.
 * Not thread-safe: one simulation, one thread.
 */
final class ItemQueue {
    private long[] costs = new long[8];
    private Runnable[] actions = new Runnable[8];
    private int head;
    private int size;

    boolean isEmpty() {
        return size == 0;
    }

    int size() {
        return size;
    }

    void addLast(long cost, Runnable action) {
        if (size == costs.length) {
            grow();
        }
        int at = (head + size) & (costs.length - 1);
        costs[at] = cost;
        actions[at] = action;
        size++;
    }

    void addFirst(long cost, Runnable action) {
        if (size == costs.length) {
            grow();
        }
        head = (head - 1) & (costs.length - 1);
        costs[head] = cost;
        actions[head] = action;
        size++;
    }

    /** The cost of the first item; the queue must not be empty. */
    long firstCost() {
        return costs[head];
    }

    /** The cost of item {@code i} from the head. */
    long cost(int i) {
        return costs[(head + i) & (costs.length - 1)];
    }

    /** The action of item {@code i} from the head. */
    Runnable action(int i) {
        return actions[(head + i) & (costs.length - 1)];
    }

    /** Removes the first item and returns its action (its cost was read with {@link #firstCost}). */
    Runnable pollAction() {
        Runnable a = actions[head];
        actions[head] = null;
        head = (head + 1) & (costs.length - 1);
        size--;
        return a;
    }

    void clear() {
        for (int i = 0; i < size; i++) {
            actions[(head + i) & (costs.length - 1)] = null;
        }
        head = 0;
        size = 0;
    }

    private void grow() {
        int n = costs.length;
        long[] c = new long[2 * n];
        Runnable[] a = new Runnable[2 * n];
        for (int i = 0; i < size; i++) {
            c[i] = costs[(head + i) & (n - 1)];
            a[i] = actions[(head + i) & (n - 1)];
        }
        costs = c;
        actions = a;
        head = 0;
    }
}
