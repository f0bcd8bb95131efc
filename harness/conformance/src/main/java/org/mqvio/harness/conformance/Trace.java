package org.mqvio.harness.conformance;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.mqvio.api.Operation;

/**
 * A run's event log indexed for the invariants: each request with its submission and completions, each
 * device command with its acceptance and completion, and for each write the device commands that carried
 * its data (from the payload stamps).
 */
final class Trace {
    /** A job's request: its submission and every completion it got (one, if the stack is correct). */
    record Request(Event.Submitted submitted, List<Event.Completed> completions) {
        Event.Completed completion() {
            return completions.isEmpty() ? null : completions.get(0);
        }

        long id() {
            return submitted.request();
        }

        String label() {
            return RequestIds.label(submitted.request());
        }
    }

    /** A device command: its acceptance and completion (null while in flight). */
    record Command(Event.DeviceQueued queued, Event.DeviceCompleted completed) {
        long id() {
            return queued.command();
        }

        boolean completedOk() {
            return completed != null && completed.reported().isOk();
        }
    }

    final Map<Long, Request> requests = new LinkedHashMap<>();
    final List<Event.Completed> unknownCompletions = new ArrayList<>();
    final Map<Long, Command> commands = new LinkedHashMap<>();
    /** For each write, the commands that carried some of its sectors, in arrival order. */
    final Map<Long, List<Command>> carriers = new HashMap<>();
    /** Whether any device write carried data: then every one must. */
    final boolean dataCarried;

    Trace(EventLog log) {
        Map<Long, Event.DeviceCompleted> done = new HashMap<>();
        for (Event.DeviceCompleted c : log.of(Event.DeviceCompleted.class)) {
            done.putIfAbsent(c.command(), c);
        }
        boolean carried = false;
        for (Event e : log.events()) {
            switch (e) {
                case Event.Submitted s -> requests.put(s.request(), new Request(s, new ArrayList<>()));
                case Event.Completed c -> {
                    Request r = requests.get(c.request());
                    if (r == null) {
                        unknownCompletions.add(c);
                    } else {
                        r.completions().add(c);
                    }
                }
                case Event.DeviceQueued q -> {
                    Command cmd = new Command(q, done.get(q.command()));
                    commands.put(q.command(), cmd);
                    if (q.payload() != null) {
                        carried = true;
                        q.payload().stream().filter(s -> s.kind() == Stamp.Kind.WRITTEN).map(Stamp::request).distinct()
                                .forEach(w -> carriers.computeIfAbsent(w, k -> new ArrayList<>()).add(cmd));
                    }
                }
                default -> {
                }
            }
        }
        dataCarried = carried;
    }

    /** The requests of job {@code job}, in submission order. */
    List<Request> jobRequests(int job) {
        List<Request> out = new ArrayList<>();
        for (Request r : requests.values()) {
            if (RequestIds.job(r.id()) == job) {
                out.add(r);
            }
        }
        return out;
    }

    /** The jobs that submitted anything. */
    List<Integer> jobs() {
        return requests.keySet().stream().map(RequestIds::job).distinct().sorted().toList();
    }

    /** The first command that carried data of write {@code request}, or null. */
    Command firstCarrier(long request) {
        List<Command> c = carriers.get(request);
        return c == null || c.isEmpty() ? null : c.get(0);
    }

    /** The writes whose data command {@code command} carried, in submission order. */
    List<Long> carriedBy(long command) {
        List<Long> out = new ArrayList<>();
        carriers.forEach((write, cmds) -> {
            for (Command c : cmds) {
                if (c.id() == command) {
                    out.add(write);
                    break;
                }
            }
        });
        out.sort(null);
        return out;
    }

    /** Device commands of {@code op} accepted after {@code fromNs}, in order. */
    List<Command> commandsAfter(Operation op, long fromNs) {
        List<Command> out = new ArrayList<>();
        for (Command c : commands.values()) {
            if (c.queued().operation() == op && c.queued().timeNs() >= fromNs) {
                out.add(c);
            }
        }
        return out;
    }
}
