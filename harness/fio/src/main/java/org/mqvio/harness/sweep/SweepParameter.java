package org.mqvio.harness.sweep;

import com.google.common.base.Splitter;
import java.util.ArrayList;
import java.util.List;
import org.mqvio.harness.fio.JobPlanner;

/**
 * One swept parameter and its values: a fio option mqvio models ({@code numjobs}, {@code iodepth}, {@code bs},
 * ...), a stack option ({@code dataplane}, {@code host-cpus}, ...) or any {@code --set} name
 * ({@code cost.ticket_per_waiter}, {@code mq.iothreads}).
 *
 * @param name   the parameter's name
 * @param kind   what it sets
 * @param values its values, in order
 */
public record SweepParameter(String name, Kind kind, List<String> values) {
    /** What a parameter sets. */
    public enum Kind { FIO, STACK, SETTING }

    /** The stack options a sweep may vary. */
    public static final List<String> STACK_OPTIONS = List.of("dataplane", "guest-block-layer", "host-block-layer",
            "device", "host-cpus", "vcpus", "seed");

    /** The most values a range {@code A..B} may stand for. */
    public static final int MAX_RANGE_VALUES = 10_001;

    public SweepParameter {
        values = List.copyOf(values);
    }

    /**
     * Parses {@code NAME=V1,V2,...}; a value {@code A..B} (whole numbers) stands for A, A+1, ..., B.
     *
     * @throws IllegalArgumentException naming what is allowed, and the nearest parameter name
     */
    public static SweepParameter parse(String text) {
        int eq = text.indexOf('=');
        if (eq <= 0 || eq == text.length() - 1) {
            throw new IllegalArgumentException("--vary " + text + " is invalid; allowed: NAME=V1,V2,... or NAME=A..B,"
                    + " e.g. --vary numjobs=1..8 --vary dataplane=baseline,mq");
        }
        String name = text.substring(0, eq).strip();
        Kind kind;
        if (STACK_OPTIONS.contains(name)) {
            kind = Kind.STACK;
        } else if (JobPlanner.isModelledOption(name)) {
            kind = Kind.FIO;
        } else if (name.contains(".")) {
            kind = Kind.SETTING;
        } else {
            List<String> known = new ArrayList<>(STACK_OPTIONS);
            known.addAll(JobPlanner.modelledOptions());
            throw new IllegalArgumentException("--vary " + name + ": unknown parameter; did you mean '"
                    + String.join("' or '", JobPlanner.nearestNames(name, known)) + "'? allowed: a fio option ("
                    + String.join(", ", JobPlanner.modelledOptions()) + "), a stack option ("
                    + String.join(", ", STACK_OPTIONS) + ") or a --set NAME (cost.KEY, mq.queues, ...)");
        }
        List<String> values = new ArrayList<>();
        for (String item : Splitter.on(',').trimResults().split(text.substring(eq + 1))) {
            int range = item.indexOf("..");
            if (range > 0) {
                long lo;
                long hi;
                try {
                    lo = Long.parseLong(item.substring(0, range).strip());
                    hi = Long.parseLong(item.substring(range + 2).strip());
                } catch (NumberFormatException e) {
                    throw new IllegalArgumentException("--vary " + text + ": '" + item + "' is not a range; allowed: A..B"
                            + " with whole numbers A <= B");
                }
                if (hi < lo) {
                    throw new IllegalArgumentException("--vary " + text + ": '" + item + "' is an empty range; allowed:"
                            + " A..B with A <= B");
                }
                if (hi - lo < 0 || hi - lo >= MAX_RANGE_VALUES) {
                    throw new IllegalArgumentException("--vary " + text + ": '" + item + "' has " + (hi - lo < 0
                            ? "more than " + Long.MAX_VALUE : Long.toString(hi - lo + 1)) + " values, above the limit of "
                            + MAX_RANGE_VALUES + " values per range; allowed: A..B with at most " + MAX_RANGE_VALUES
                            + " values");
                }
                for (long k = 0; k <= hi - lo; k++) {
                    values.add(Long.toString(lo + k));
                }
            } else if (item.isEmpty()) {
                throw new IllegalArgumentException("--vary " + text + ": an empty value; allowed: V1,V2,... without empty items");
            } else {
                values.add(item);
            }
        }
        if (values.stream().distinct().count() != values.size()) {
            throw new IllegalArgumentException("--vary " + text + ": a value repeats; allowed: distinct values");
        }
        return new SweepParameter(name, kind, values);
    }
}
