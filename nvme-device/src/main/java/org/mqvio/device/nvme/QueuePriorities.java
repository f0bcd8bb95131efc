package org.mqvio.device.nvme;

import java.util.Arrays;

/**
 * Parses {@code nvme.queue_priority}: comma-separated {@code QUEUE=CLASS} pairs where QUEUE is a block-layer
 * queue index or an inclusive range {@code FIRST-LAST}, and CLASS is urgent, high, medium or low; queues
 * not named are medium. Example: {@code 0=urgent,1-3=high,7=low}.
 */
final class QueuePriorities {
    private QueuePriorities() {
    }

    /** The class of each of {@code queues} I/O queues, by block-layer index. */
    static PriorityClass[] parse(String parameter, String text, int queues) {
        PriorityClass[] classes = new PriorityClass[queues];
        Arrays.fill(classes, PriorityClass.MEDIUM);
        if (text.isBlank()) {
            return classes;
        }
        for (String part : text.split(",")) {
            String p = part.trim();
            int eq = p.indexOf('=');
            if (eq < 0) {
                throw new IllegalArgumentException(parameter + ": '" + p + "' is not QUEUE=CLASS; allowed: for "
                        + "example 0=urgent,1-3=high,7=low");
            }
            PriorityClass c;
            try {
                c = PriorityClass.parse(p.substring(eq + 1));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException(parameter + ": " + e.getMessage());
            }
            String range = p.substring(0, eq).trim();
            int dash = range.indexOf('-');
            int first;
            int last;
            try {
                first = Integer.parseInt(dash < 0 ? range : range.substring(0, dash).trim());
                last = dash < 0 ? first : Integer.parseInt(range.substring(dash + 1).trim());
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException(parameter + ": '" + range + "' is not a queue index or range; "
                        + "allowed: 0.." + (queues - 1) + " or FIRST-LAST");
            }
            if (first < 0 || last < first || last >= queues) {
                throw new IllegalArgumentException(parameter + ": queues " + range + " do not exist; allowed: 0.."
                        + (queues - 1) + " (there are " + queues + " I/O queues)");
            }
            Arrays.fill(classes, first, last + 1, c);
        }
        return classes;
    }
}
