package org.mqvio.harness.workload;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.mqvio.api.stats.Counter;
import org.mqvio.api.stats.CounterSet;
import org.mqvio.api.stats.Statistics;
import org.mqvio.api.stats.Unit;
import org.mqvio.harness.stack.StackStatistics;

/**
 * The statistics of a run, read at its end: the components', the locks', the notifiers' and the run's own
 * ({@link #COUNTERS}, and on the live runtime {@link #LIVE_COUNTERS} too).
 *
 * @param components the stack's components
 * @param locks      every lock, in creation order
 * @param notifiers  the notifiers, per kind
 * @param run        the run's own counters
 */
public record RunStatistics(StackStatistics components, List<LockStatistics> locks, NotifierTotals notifiers,
                            Statistics run) {
    /** I/Os the jobs issued, over the whole run. */
    public static final Counter ISSUED = Counter.declare("issued", Unit.EVENTS, "I/Os the jobs issued, whole run");
    /** I/Os the jobs reaped, over the whole run. */
    public static final Counter COMPLETED = Counter.declare("completed", Unit.EVENTS,
            "I/Os the jobs reaped, whole run");
    /** I/Os issued and not reaped when the statistics window ended. */
    public static final Counter IN_FLIGHT_AT_WINDOW_END = Counter.declare("in_flight_at_window_end", Unit.ITEMS,
            "I/Os in flight when the statistics window ended");
    /** I/Os never reaped, even after the drain. */
    public static final Counter LOST_AFTER_DRAIN = Counter.declare("lost_after_drain", Unit.ITEMS,
            "I/Os never reaped, even after the drain");
    /** Whether the run stopped at the safety time limit rather than when its jobs were done. */
    public static final Counter STOPPED_AT_SAFETY_LIMIT = Counter.declare("stopped_at_safety_limit", Unit.FLAG,
            "the run stopped at the safety time limit");
    /** 1 on the live runtime. */
    public static final Counter LIVE = Counter.declare("live", Unit.FLAG, "the run was live (real threads, real time)");
    /** Timers that fired, live. */
    public static final Counter TIMERS_FIRED = Counter.declare("timers_fired", Unit.EVENTS, "timers that fired");
    /** The run's own counters, every runtime. */
    public static final CounterSet COUNTERS = CounterSet.of(ISSUED, COMPLETED, IN_FLIGHT_AT_WINDOW_END,
            LOST_AFTER_DRAIN, STOPPED_AT_SAFETY_LIMIT);
    /** What a live run reports after {@link #COUNTERS}. */
    public static final CounterSet LIVE_COUNTERS = CounterSet.of(LIVE, TIMERS_FIRED);

    public RunStatistics {
        Objects.requireNonNull(components, "components");
        locks = List.copyOf(locks);
        Objects.requireNonNull(notifiers, "notifiers");
        Objects.requireNonNull(run, "run");
    }

    /** The locks' statistics, in creation order. */
    public List<Statistics> lockStatistics() {
        return locks.stream().map(LockStatistics::statistics).toList();
    }

    /**
     * Every section by the name reports print, in report order: the components', {@code lock NAME (KIND)} for
     * each lock, {@code notifiers} and {@code run}.
     */
    public Map<String, Statistics> sections() {
        Map<String, Statistics> m = new LinkedHashMap<>(components.sections());
        locks.forEach(l -> m.put("lock " + l.label(), l.statistics()));
        m.put("notifiers", notifiers.asStatistics());
        m.put("run", run);
        return m;
    }
}
