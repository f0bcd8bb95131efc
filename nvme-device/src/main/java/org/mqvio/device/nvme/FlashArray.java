package org.mqvio.device.nvme;

import java.util.ArrayDeque;
import org.mqvio.api.runtime.Platform;

/**
 * A NAND flash array behind the controller (mode flash): {@code dies} dies spread over {@code channels}
 * channels (die {@code d} on channel {@code d mod channels}), LBAs striped across the dies in stripe units
 * of {@code stripeSectors} sectors (unit {@code u} on die {@code u mod dies}).
 *
 * <p>A Read or Write is split into one operation per stripe unit it touches; it is done when all of them
 * are. Each die serves one operation at a time, in arrival order: a read holds it for the read latency and
 * then moves its data out over the die's channel; a program first moves the data in over the channel and
 * then holds the die for the program latency. A channel carries one transfer at a time, for the transfer
 * time (0, the default, leaves channels out). So with uniformly spread 4 KB reads, IOPS saturates at
 * {@code dies / read latency} and queueing shows in the latency tail. Other commands need no media time.
 * Writes take the program time even with the volatile write cache on (timing is write-through; durability
 * follows the cache, see {@link Media}).
 *
 * <p>Runs in device time only (timers); not thread-safe.
 */
final class FlashArray implements ServiceTime {
    private final Platform platform;
    private final int channels;
    private final int dies;
    private final long readNs;
    private final long programNs;
    private final long transferNs;
    private final int stripeSectors;
    private final Die[] dieState;
    private final Channel[] channelState;
    private long operations;
    private long dieBusyNs;

    FlashArray(Platform platform, int channels, int dies, long readNs, long programNs, long transferNs,
               int stripeSectors) {
        if (channels < 1 || dies < channels) {
            throw new IllegalArgumentException("flash needs 1 <= channels <= dies, was channels=" + channels
                    + " dies=" + dies);
        }
        if (readNs < 0 || programNs < 0 || transferNs < 0 || stripeSectors < 1) {
            throw new IllegalArgumentException("flash latencies must be >= 0 and the stripe >= 1 sector");
        }
        this.platform = platform;
        this.channels = channels;
        this.dies = dies;
        this.readNs = readNs;
        this.programNs = programNs;
        this.transferNs = transferNs;
        this.stripeSectors = stripeSectors;
        this.dieState = new Die[dies];
        for (int d = 0; d < dies; d++) {
            dieState[d] = new Die();
        }
        this.channelState = new Channel[channels];
        for (int c = 0; c < channels; c++) {
            channelState[c] = new Channel();
        }
    }

    @Override
    public void serve(Command command, Runnable done) {
        boolean program;
        if (command.opcode() == Opcodes.READ) {
            program = false;
        } else if (command.opcode() == Opcodes.WRITE) {
            program = true;
        } else {
            done.run();
            return;
        }
        long first = command.slba() / stripeSectors;
        long last = (command.slba() + command.blocks() - 1) / stripeSectors;
        Countdown parent = new Countdown((int) (last - first + 1), done);
        for (long unit = first; unit <= last; unit++) {
            int die = (int) Math.floorMod(unit, (long) dies);
            enqueue(new Operation(die, program, parent));
        }
    }

    /** Flash operations served so far. */
    long operations() {
        return operations;
    }

    /** Total time dies spent busy (reads, programs and the transfers they waited for). */
    long dieBusyNs() {
        return dieBusyNs;
    }

    private void enqueue(Operation op) {
        Die d = dieState[op.die];
        d.waiting.add(op);
        if (!d.busy) {
            start(op.die);
        }
    }

    private void start(int die) {
        Die d = dieState[die];
        Operation op = d.waiting.poll();
        d.busy = true;
        d.since = platform.nanoTime();
        if (op.program) {
            transfer(op, () -> platform.after(programNs, () -> end(op)));
        } else {
            platform.after(readNs, () -> transfer(op, () -> end(op)));
        }
    }

    private void transfer(Operation op, Runnable then) {
        if (transferNs == 0) {
            then.run();
            return;
        }
        Channel c = channelState[op.die % channels];
        c.waiting.add(then);
        if (!c.busy) {
            startTransfer(c);
        }
    }

    private void startTransfer(Channel c) {
        Runnable then = c.waiting.poll();
        c.busy = true;
        platform.after(transferNs, () -> {
            c.busy = false;
            then.run();
            if (!c.waiting.isEmpty() && !c.busy) {
                startTransfer(c);
            }
        });
    }

    private void end(Operation op) {
        Die d = dieState[op.die];
        d.busy = false;
        dieBusyNs += platform.nanoTime() - d.since;
        operations++;
        op.parent.countDown();
        if (!d.busy && !d.waiting.isEmpty()) {
            start(op.die);
        }
    }

    private record Operation(int die, boolean program, Countdown parent) {
    }

    private static final class Die {
        final ArrayDeque<Operation> waiting = new ArrayDeque<>();
        boolean busy;
        long since;
    }

    private static final class Channel {
        final ArrayDeque<Runnable> waiting = new ArrayDeque<>();
        boolean busy;
    }

    /** Runs its action when counted down to zero. */
    private static final class Countdown {
        private int remaining;
        private final Runnable action;

        Countdown(int count, Runnable action) {
            this.remaining = count;
            this.action = action;
        }

        void countDown() {
            if (--remaining == 0) {
                action.run();
            }
        }
    }
}
