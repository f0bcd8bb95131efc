package org.mqvio.device.nvme;

import java.util.ArrayList;
import java.util.List;
import java.util.function.IntPredicate;

/**
 * Weighted round robin with an urgent class (NVM Express Base 2.0, section 3.4.4.2, figure 33): the admin
 * queue first (strict priority), then the urgent queues in round robin (strict priority over the rest),
 * then the high, medium and low classes by weight. Each arbitration round gives every weighted class as
 * many commands as its weight; a class with no commands waiting gives its share up, and a new round starts
 * when no class that still has credit has commands. Within a class the queues take turns, each turn giving
 * at most the arbitration burst. Under saturation, the classes are therefore served in proportion to their
 * weights.
 */
final class WeightedRoundRobinArbiter implements Arbiter {
    private static final int ADMIN = 0;

    private final PriorityClass[] classOf;
    private final Turns urgent;
    private final Turns[] weighted = new Turns[3];
    private final int[] weights;
    private final int[] credit = new int[3];
    private final int burst;

    /**
     * @param classOf class of each I/O queue by queue id ({@code classOf[0]}, the admin queue, is ignored)
     * @param weights the weights of high, medium and low, each {@code >= 1}
     * @param burst   the arbitration burst, 0 for no limit
     */
    WeightedRoundRobinArbiter(PriorityClass[] classOf, int[] weights, int burst) {
        if (weights.length != 3) {
            throw new IllegalArgumentException("weighted round robin needs 3 weights (high, medium, low)");
        }
        for (int w : weights) {
            if (w < 1) {
                throw new IllegalArgumentException("weights must be >= 1, were high=" + weights[0] + " medium="
                        + weights[1] + " low=" + weights[2]);
            }
        }
        this.classOf = classOf.clone();
        this.weights = weights.clone();
        this.burst = Arbiter.burstLimit(burst);
        List<Integer> u = new ArrayList<>();
        List<List<Integer>> w = List.of(new ArrayList<>(), new ArrayList<>(), new ArrayList<>());
        for (int qid = 1; qid < classOf.length; qid++) {
            if (classOf[qid] == PriorityClass.URGENT) {
                u.add(qid);
            } else {
                w.get(weightedIndex(classOf[qid])).add(qid);
            }
        }
        urgent = new Turns(u);
        for (int c = 0; c < 3; c++) {
            weighted[c] = new Turns(w.get(c));
            credit[c] = weights[c];
        }
    }

    @Override
    public Grant next(IntPredicate hasCommands) {
        if (hasCommands.test(ADMIN)) {
            return new Grant(ADMIN, burst);
        }
        int q = urgent.next(hasCommands);
        if (q >= 0) {
            return new Grant(q, burst);
        }
        for (int round = 0; round < 2; round++) {
            for (int c = 0; c < 3; c++) {
                if (credit[c] > 0) {
                    q = weighted[c].next(hasCommands);
                    if (q >= 0) {
                        return new Grant(q, Math.min(burst, credit[c]));
                    }
                }
            }
            if (!anyWeightedHasCommands(hasCommands)) {
                return null;
            }
            System.arraycopy(weights, 0, credit, 0, 3);
        }
        return null;
    }

    @Override
    public void served(Grant grant, int fetched) {
        if (grant.qid() != ADMIN && classOf[grant.qid()] != PriorityClass.URGENT) {
            int c = weightedIndex(classOf[grant.qid()]);
            credit[c] = Math.max(0, credit[c] - fetched);
        }
    }

    private boolean anyWeightedHasCommands(IntPredicate hasCommands) {
        for (Turns t : weighted) {
            if (t.any(hasCommands)) {
                return true;
            }
        }
        return false;
    }

    private static int weightedIndex(PriorityClass c) {
        return switch (c) {
            case HIGH -> 0;
            case MEDIUM -> 1;
            case LOW -> 2;
            case URGENT -> throw new IllegalArgumentException("urgent is not a weighted class");
        };
    }

    /** Round robin among the queues of one class. */
    private static final class Turns {
        private final int[] qids;
        private int last = -1;

        Turns(List<Integer> qids) {
            this.qids = qids.stream().mapToInt(Integer::intValue).toArray();
        }

        int next(IntPredicate hasCommands) {
            for (int i = 1; i <= qids.length; i++) {
                int k = Math.floorMod(last + i, qids.length);
                if (hasCommands.test(qids[k])) {
                    last = k;
                    return qids[k];
                }
            }
            return -1;
        }

        boolean any(IntPredicate hasCommands) {
            for (int q : qids) {
                if (hasCommands.test(q)) {
                    return true;
                }
            }
            return false;
        }
    }
}
