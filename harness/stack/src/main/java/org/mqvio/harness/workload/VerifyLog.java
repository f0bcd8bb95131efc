package org.mqvio.harness.workload;

import java.util.ArrayDeque;
import java.util.Map;
import java.util.TreeMap;

/**
 * The blocks a clone wrote and has not verified yet: fio's {@code io_hist} ({@code log_io_piece()} in
 * {@code iolog.c}, {@code get_next_verify()} in {@code verify.c}). Each write is logged before it is issued; a newer
 * write overlapping logged blocks replaces them. Blocks are read back in one of fio's two orders: in offset order
 * ({@code io_hist_tree}) when the job keeps no random map (sequential, {@code norandommap}, lfsr), or in write order
 * ({@code io_hist_list}) when its random map makes every block of a pass a new one. The next block to verify is not
 * handed out while its write is in flight; a write that failed is forgotten. Confined to the clone's CPU.
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
    /** The logged pieces in write order, when blocks are read back in that order; else null. */
    private final ArrayDeque<Piece> written;

    /** @param writeOrder blocks are read back in write order (fio's list, with a random map), else in offset order */
    VerifyLog(boolean writeOrder) {
        this.written = writeOrder ? new ArrayDeque<>() : null;
    }

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
        if (written != null) {
            written.addLast(p);
        }
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
        if (written != null) {
            // Pieces replaced by a later overlapping write, or forgotten after a failed write, are skipped.
            while (!written.isEmpty() && pieces.get(written.peekFirst().offset) != written.peekFirst()) {
                written.removeFirst();
            }
            Piece first = written.peekFirst();
            if (first == null || first.inFlight) {
                return null;
            }
            written.removeFirst();
            pieces.remove(first.offset);
            return first;
        }
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
