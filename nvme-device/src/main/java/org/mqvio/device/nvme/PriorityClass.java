package org.mqvio.device.nvme;

import java.util.Locale;

/**
 * The priority class of an I/O submission queue under weighted round robin arbitration (NVM Express Base
 * 2.0, section 3.4.4.2; set by Create I/O Submission Queue's QPRIO field). Urgent queues are served before
 * the weighted classes; high, medium and low share the rest by their weights.
 */
enum PriorityClass {
    URGENT, HIGH, MEDIUM, LOW;

    /** The class named {@code word} (any case). */
    static PriorityClass parse(String word) {
        try {
            return valueOf(word.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("unknown priority class '" + word.trim()
                    + "'; allowed: urgent, high, medium, low");
        }
    }
}
