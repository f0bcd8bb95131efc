package org.mqvio.benchmarks;

import umontreal.ssj.simevents.Event;
import umontreal.ssj.simevents.Simulator;
import umontreal.ssj.simevents.eventlist.EventList;

/**
 * The hold model on SSJ's {@link Simulator} over a given {@link EventList}, with time in nanoseconds as a
 * {@code double}. Each pending event is one reusable {@link Event} subclass; SSJ's event lists themselves
 * allocate an entry per insertion, which is part of what is measured.
 */
final class SsjHoldModel implements HoldModel {
    private final SteppingSimulator sim;
    private final DelayStream delays;

    SsjHoldModel(EventList eventList, int pending, DelayStream delays) {
        this.sim = new SteppingSimulator(eventList);
        this.delays = delays;
        sim.init(); // clock to 0, list cleared, and "not stopped", so removeFirstEvent() hands out events
        for (int i = 0; i < pending; i++) {
            new Hold(sim).schedule(delays.next());
        }
    }

    @Override
    public void fire() {
        sim.step();
    }

    @Override
    public double nowNs() {
        return sim.time();
    }

    @Override
    public int pending() {
        int n = 0;
        for (Event ignored : sim.getEventList()) {
            n++;
        }
        return n;
    }

    private final class Hold extends Event {
        Hold(Simulator sim) {
            super(sim);
        }

        @Override
        public void actions() {
            schedule(delays.next());
        }
    }

    /**
     * A {@link Simulator} that fires one event per call, doing exactly the per-event work of one pass of
     * {@link Simulator#start()}'s loop in SSJ 3.3.2: {@code removeFirstEvent()} (which advances the clock to the
     * event's time and marks the event unscheduled), the {@code stopped} check, then {@code actions()}.
     */
    private static final class SteppingSimulator extends Simulator {
        SteppingSimulator(EventList eventList) {
            super(eventList);
        }

        boolean step() {
            Event event = removeFirstEvent();
            if (event == null || stopped) {
                return false;
            }
            event.actions();
            return true;
        }
    }
}
