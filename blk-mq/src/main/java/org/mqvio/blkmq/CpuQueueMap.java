package org.mqvio.blkmq;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Which hardware queue each CPU's software queue feeds. The default spread gives CPU {@code i} queue
 * {@code i} while there are at least as many queues as CPUs, and otherwise contiguous groups of CPUs one
 * queue each ({@code cpu * queues / cpus}, as Linux's {@code blk_mq_map_queues} groups neighbouring CPUs).
 * A map can also be given as text, one queue number per CPU ({@code blk-mq.cpu_map=0,0,1,1}). Immutable.
 */
final class CpuQueueMap {
    private final int[] queueOf;
    private final int queues;

    private CpuQueueMap(int[] queueOf, int queues) {
        this.queueOf = queueOf;
        this.queues = queues;
    }

    /** The default spread of {@code cpus} CPUs over {@code queues} hardware queues. */
    static CpuQueueMap spread(int cpus, int queues) {
        check(cpus >= 1 && queues >= 1, "a CPU map needs at least one CPU and one queue, had " + cpus + " and " + queues);
        int[] map = new int[cpus];
        for (int c = 0; c < cpus; c++) {
            map[c] = cpus <= queues ? c : (int) ((long) c * queues / cpus);
        }
        return new CpuQueueMap(map, queues);
    }

    /**
     * Parses {@code text} ({@code parameter=} names it in errors): exactly one hardware queue per CPU, each in
     * {@code 0..queues-1}, comma-separated; blank means the default spread.
     *
     * @throws IllegalArgumentException naming the allowed entries when the map is malformed, has the wrong
     *                                  length or names a queue that does not exist
     */
    static CpuQueueMap parse(String parameter, String text, int cpus, int queues) {
        if (text == null || text.isBlank()) {
            return spread(cpus, queues);
        }
        String allowed = "allowed: " + cpus + " comma-separated hardware queue numbers, one per CPU, each in 0.."
                + (queues - 1) + " (for example " + example(cpus, queues) + ")";
        String[] parts = text.trim().split("\\s*,\\s*", -1);
        check(parts.length == cpus, parameter + "=" + text + " maps " + parts.length + " CPUs but the block layer has "
                + cpus + "; " + allowed);
        int[] map = new int[cpus];
        for (int c = 0; c < cpus; c++) {
            int q;
            try {
                q = Integer.parseInt(parts[c]);
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException(parameter + "=" + text + ": '" + parts[c] + "' (CPU " + c
                        + ") is not a queue number; " + allowed);
            }
            check(q >= 0 && q < queues, parameter + "=" + text + " maps CPU " + c + " to hardware queue " + q
                    + ", which does not exist; " + allowed);
            map[c] = q;
        }
        return new CpuQueueMap(map, queues);
    }

    private static String example(int cpus, int queues) {
        return String.join(",", Arrays.stream(spread(cpus, queues).queueOf).mapToObj(String::valueOf).toList());
    }

    private static void check(boolean ok, String message) {
        if (!ok) {
            throw new IllegalArgumentException(message);
        }
    }

    /** The hardware queue of {@code cpu}. */
    int queueOf(int cpu) {
        return queueOf[cpu];
    }

    int cpus() {
        return queueOf.length;
    }

    int queues() {
        return queues;
    }

    /** The CPUs mapped to {@code queue}, ascending (empty for a queue no CPU feeds). */
    List<Integer> cpusOf(int queue) {
        List<Integer> cpus = new ArrayList<>();
        for (int c = 0; c < queueOf.length; c++) {
            if (queueOf[c] == queue) {
                cpus.add(c);
            }
        }
        return cpus;
    }

    @Override
    public String toString() {
        return Arrays.toString(queueOf);
    }
}
