package org.mqvio.harness.conformance;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * The complete event log of one conformance run, in the order things happened: every request the jobs
 * submitted and every completion they got, every command the device accepted or refused and every
 * completion it gave. The invariants are checked on it. Appends are synchronized, so the threads of a live
 * run may log; read it once the run has stopped.
 */
public final class EventLog {
    private final List<Event> events = new ArrayList<>();

    /** Appends {@code event}. */
    public synchronized void add(Event event) {
        events.add(event);
    }

    /** Every event, in order. */
    public List<Event> events() {
        return Collections.unmodifiableList(events);
    }

    /** The events of one type, in order. */
    public <T extends Event> List<T> of(Class<T> type) {
        List<T> out = new ArrayList<>();
        for (Event e : events) {
            if (type.isInstance(e)) {
                out.add(type.cast(e));
            }
        }
        return out;
    }

    /** Number of events. */
    public int size() {
        return events.size();
    }

    /** One event as a line: time in microseconds, then what happened. */
    public static String format(Event e) {
        return String.format(Locale.ROOT, "%12.3f us  %s", e.timeNs() / 1000.0, e.describe());
    }

    /**
     * The events about {@code requests} and {@code commands} (and every anomaly), at most {@code max} lines;
     * every event when the log is short.
     */
    public String excerpt(Set<Long> requests, Set<Long> commands, int max) {
        List<Event> chosen = new ArrayList<>();
        boolean all = events.size() <= max;
        for (Event e : events) {
            if (all || concerns(e, requests, commands)) {
                chosen.add(e);
            }
        }
        StringBuilder sb = new StringBuilder();
        sb.append(all ? "events (all " + events.size() + "):" : "events (" + Math.min(chosen.size(), max) + " of "
                + events.size() + ", those of the requests and commands involved):");
        for (int i = 0; i < chosen.size() && i < max; i++) {
            sb.append('\n').append(format(chosen.get(i)));
        }
        if (chosen.size() > max) {
            sb.append("\n  ... ").append(chosen.size() - max).append(" more");
        }
        return sb.toString();
    }

    private static boolean concerns(Event e, Set<Long> requests, Set<Long> commands) {
        return switch (e) {
            case Event.Submitted s -> requests.contains(s.request());
            case Event.Completed c -> requests.contains(c.request());
            case Event.DeviceQueued q -> commands.contains(q.command()) || (q.payload() != null
                    && q.payload().stream().anyMatch(s -> requests.contains(s.request())));
            case Event.DeviceCompleted c -> commands.contains(c.command());
            case Event.DeviceRefused r -> false;
            case Event.Anomaly a -> true;
        };
    }

    @Override
    public String toString() {
        return excerpt(Set.of(), Set.of(), Integer.MAX_VALUE);
    }
}
