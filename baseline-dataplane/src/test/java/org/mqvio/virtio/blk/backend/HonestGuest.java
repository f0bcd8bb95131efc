package org.mqvio.virtio.blk.backend;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import org.mqvio.api.Operation;
import org.mqvio.api.virtio.GuestBuffer;
import org.mqvio.api.virtio.GuestMemory;
import org.mqvio.virtio.blk.VirtioBlkProtocol;
import org.mqvio.virtio.ring.Chains;
import org.mqvio.virtio.ring.SplitVirtqueue;

/**
 * A well-behaved guest driving one queue from its own thread while the rogue one corrupts others in the same
 * memory: it keeps up to {@link #DEPTH} reads, writes and flushes in flight and checks each used entry as it
 * comes back: a chain it has in flight (the driver side refuses any other id), exactly the bytes the device
 * wrote for it (the data of a read and the status byte), status OK, and a read's data as the host made it.
 * Used entries may come back in any order: the virtio spec requires order only with {@code VIRTIO_F_IN_ORDER},
 * which is not negotiated. Problems go to {@link DeviceCalls#violation}.
 */
final class HonestGuest implements Runnable {
    static final int DEPTH = 16;
    static final int DATA_BYTES = 4096;
    private static final long SLOT_BYTES = 2 * DATA_BYTES;
    private static final long DRAIN_NS = TimeUnit.SECONDS.toNanos(10);

    record Chain(int slot, long seq, Operation op, long sector) {
    }

    private final GuestMemory memory;
    private final SplitVirtqueue<Chain> vq;
    private final long slots;
    private final Runnable kick;
    private final Chain[] inFlight = new Chain[DEPTH];
    private volatile boolean stop;
    private volatile Thread thread;
    private long seq;
    private long completed;

    /** Drives {@code vq}, with its request slots (header, status, data) from {@code slots} on. */
    HonestGuest(GuestMemory memory, SplitVirtqueue<Chain> vq, long slots, Runnable kick) {
        this.memory = memory;
        this.vq = vq;
        this.slots = slots;
        this.kick = kick;
    }

    /** Stops adding chains; the thread ends when every chain in flight came back (or after a hang). */
    void stop() {
        stop = true;
        interrupt();
    }

    /** The queue's interrupt: wake the thread to reap. */
    void interrupt() {
        Thread t = thread;
        if (t != null) {
            LockSupport.unpark(t);
        }
    }

    /** Chains that came back intact; read after the thread ended. */
    long completed() {
        return completed;
    }

    @Override
    public void run() {
        thread = Thread.currentThread();
        long drainDeadline = Long.MAX_VALUE;
        int pending = 0;
        while (!stop || pending > 0) {
            if (stop && drainDeadline == Long.MAX_VALUE) {
                drainDeadline = System.nanoTime() + DRAIN_NS;
            }
            boolean added = false;
            for (int slot = 0; slot < DEPTH && !stop; slot++) {
                if (inFlight[slot] == null) {
                    add(slot);
                    pending++;
                    added = true;
                }
            }
            if (added && vq.kickPrepare()) {
                kick.run();
            }
            int reaped = reap();
            pending -= reaped;
            if (reaped == 0) {
                if (System.nanoTime() > drainDeadline) {
                    DeviceCalls.HANGS.incrementAndGet();
                    DeviceCalls.violation("the neighbour queue's " + pending + " chains did not come back within "
                            + TimeUnit.NANOSECONDS.toSeconds(DRAIN_NS) + " s: " + vq);
                    return;
                }
                LockSupport.parkNanos(100_000);
            }
        }
    }

    private void add(int slot) {
        Operation op = switch ((int) (seq % 3)) {
            case 0 -> Operation.READ;
            case 1 -> Operation.WRITE;
            default -> Operation.FLUSH;
        };
        long sector = op == Operation.FLUSH ? 0 : 8 * (seq % 1000);
        Chain c = new Chain(slot, seq++, op, sector);
        long header = slots + slot * SLOT_BYTES;
        memory.writeU32(header, VirtioBlkProtocol.typeOf(op));
        memory.writeU32(header + 4, 0);
        memory.writeU64(header + VirtioBlkProtocol.HEADER_SECTOR_OFFSET, sector);
        memory.writeU8(status(slot), 0xFF);
        GuestBuffer data = new GuestBuffer(header + DATA_BYTES, DATA_BYTES);
        List<GuestBuffer> in = new ArrayList<>(List.of(new GuestBuffer(header, VirtioBlkProtocol.HEADER_BYTES)));
        List<GuestBuffer> out = new ArrayList<>();
        if (op == Operation.READ) {
            memory.write(data.address(), new byte[DATA_BYTES], 0, DATA_BYTES);
            out.add(data);
        } else if (op == Operation.WRITE) {
            in.add(data);
        }
        out.add(new GuestBuffer(status(slot), 1));
        inFlight[slot] = c;
        if (!vq.add(in, out, c)) {
            DeviceCalls.violation("the neighbour queue had no room for chain " + c + ": " + vq);
        }
    }

    private int reap() {
        int n = 0;
        Optional<Chains.Used<Chain>> used;
        while ((used = Chains.getUsed(vq)).isPresent()) {
            n++;
            check(used.get().token(), used.get().written());
        }
        return n;
    }

    private void check(Chain c, int written) {
        int expected = (c.op() == Operation.READ ? DATA_BYTES : 0) + 1;
        int status = memory.readU8(status(c.slot()));
        if (inFlight[c.slot()] != c) {
            DeviceCalls.violation("the neighbour queue returned chain " + c + ", which is not in flight");
        } else if (written != expected || status != VirtioBlkProtocol.S_OK) {
            DeviceCalls.violation("the neighbour queue returned chain " + c + " with " + written + " bytes written and"
                    + " status " + status + ", expected " + expected + " and OK");
        } else if (c.op() == Operation.READ && !readBack(c)) {
            DeviceCalls.violation("the neighbour queue's read " + c + " did not get the host's data");
        } else {
            completed++;
        }
        inFlight[c.slot()] = null;
    }

    private boolean readBack(Chain c) {
        byte[] data = new byte[DATA_BYTES];
        memory.read(slots + c.slot() * SLOT_BYTES + DATA_BYTES, data, 0, DATA_BYTES);
        for (byte b : data) {
            if (b != TimedHost.pattern(c.sector())) {
                return false;
            }
        }
        return true;
    }

    private long status(int slot) {
        return slots + slot * SLOT_BYTES + 64;
    }
}
