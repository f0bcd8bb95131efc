package org.mqvio.harness.conformance;

import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.stream.Collectors;

/**
 * One scripted job: it runs on one CPU and issues its I/Os in order, keeping up to {@code iodepth} in
 * flight (a new one is submitted when one completes, as fio does). Compact form:
 * {@code cpu0,qd2:W0+8,F,R0+8}.
 *
 * @param cpu     the CPU (vCPU, or host CPU for a data plane that is not virtualized) the job runs on
 * @param iodepth I/Os in flight at most, {@code >= 1}
 * @param ops     the I/Os, in submission order; at least one
 */
public record JobScript(int cpu, int iodepth, List<IoOp> ops) {
    public JobScript {
        if (cpu < 0) {
            throw new IllegalArgumentException("cpu must be >= 0, was " + cpu);
        }
        if (iodepth < 1) {
            throw new IllegalArgumentException("iodepth=" + iodepth + " is invalid; allowed: an integer >= 1");
        }
        ops = List.copyOf(Objects.requireNonNull(ops, "ops"));
        if (ops.isEmpty()) {
            throw new IllegalArgumentException("a job needs at least one I/O");
        }
    }

    /** A job on {@code cpu} at {@code iodepth} running {@code ops}. */
    public static JobScript of(int cpu, int iodepth, IoOp... ops) {
        return new JobScript(cpu, iodepth, List.of(ops));
    }

    /** The compact form. */
    public String compact() {
        return "cpu" + cpu + ",qd" + iodepth + ":" + ops.stream().map(IoOp::compact).collect(Collectors.joining(","));
    }

    /**
     * Reads the compact form.
     *
     * @throws IllegalArgumentException saying what the form is
     */
    public static JobScript parse(String text) {
        String t = text.trim();
        int colon = t.indexOf(':');
        String[] head = colon < 0 ? new String[0] : t.substring(0, colon).split(",");
        if (head.length != 2 || !head[0].startsWith("cpu") || !head[1].startsWith("qd")) {
            throw new IllegalArgumentException("'" + text + "' is not a job; allowed: cpuN,qdN:IO,IO,... (for example"
                    + " cpu0,qd2:W0+8,F,R0+8)");
        }
        try {
            return new JobScript(Integer.parseInt(head[0].substring(3)), Integer.parseInt(head[1].substring(2)),
                    Arrays.stream(t.substring(colon + 1).split(",")).map(IoOp::parse).toList());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("'" + text + "' has a CPU or iodepth that is not a number", e);
        }
    }

    @Override
    public String toString() {
        return compact();
    }
}
