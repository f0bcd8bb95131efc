package org.mqvio.harness.workload;

import java.util.Map;
import java.util.TreeMap;

/**
 * The blocks a clone wrote and has not verified yet: fio's {@code io_hist} ({@code log_io_piece()} in
 * {@code iolog.c}, {@code get_next_verify()} in {@code verify.c}). Each write is logged before it is issued; a newer
 * write overlapping logged blocks replaces them, and blocks are read back in offset order, as fio's
 * {@code io_hist_tree} does. fio keeps that tree when a job has no random map (sequential, or
 * {@code norandommap}); with its random map it keeps a list in write order instead, which is not modelled: a random
 * job's blocks are read back in offset order here too. The next block to verify is not handed out while its write
 * is in flight; a write that failed is forgotten. Confined to the clone's CPU.
 */
final class VerifyLog {
    /** One logged write: where, how long, and what its header must hold. */
    static final class Piece {
        final long offset;
        final int length;
        final long seed;
        final long numberio;
        boolean inFlight = true;

        Piece(long offset, int length, long seed, long numberio) {
            this.offset = offset;
            this.length = length;
            this.seed = seed;
            this.numberio = numberio;
        }
    }

    private final TreeMap<Long, Piece> pieces = new TreeMap<>();

    /** Logs a write about to be issued, dropping the logged blocks it overlaps. */
    Piece log(long offset, int length, long seed, long numberio) {
        Map.Entry<Long, Piece> before = pieces.floorEntry(offset);
        if (before != null && before.getValue().offset + before.getValue().length > offset) {
            pieces.remove(before.getKey());
        }
        while (true) {
            Map.Entry<Long, Piece> next = pieces.ceilingEntry(offset);
            if (next == null || next.getKey() >= offset + length) {
                break;
            }
            pieces.remove(next.getKey());
        }
        Piece p = new Piece(offset, length, seed, numberio);
        pieces.put(offset, p);
        return p;
    }

    /** The write of {@code p} completed: verifiable if it succeeded, forgotten if it failed. */
    void completed(Piece p, boolean ok) {
        if (ok) {
            p.inFlight = false;
        } else if (pieces.get(p.offset) == p) {
            pieces.remove(p.offset);
        }
    }

    /** Takes the next block to verify, or null when none is logged or the next one's write is still in flight. */
    Piece next() {
        Map.Entry<Long, Piece> first = pieces.firstEntry();
        if (first == null || first.getValue().inFlight) {
            return null;
        }
        pieces.remove(first.getKey());
        return first.getValue();
    }

    /** Blocks logged and not yet verified (fio's {@code io_hist_len}). */
    int size() {
        return pieces.size();
    }
}
