package org.mqvio.harness.workload;

import java.util.List;
import java.util.OptionalInt;
import java.util.OptionalLong;
import java.util.random.RandomGenerator;
import org.mqvio.api.BlockRequest;
import org.mqvio.api.Operation;
import org.mqvio.api.cost.CostTable;

/**
 * One clone's side of fio's verification ({@code backend.c}'s {@code do_io()} and {@code do_verify()},
 * {@code io_u.c}'s {@code check_get_verify()}, fio 3.33): writes carry verify blocks and are logged; after the write
 * phase, when {@code do_verify} is on and the phase ended on its amount (not on the time limit or an error), every
 * logged block is read back and checked, these reads counting as reads; with {@code verify_backlog}, a batch of
 * logged blocks is read back every that many logged writes, in place of new I/O. A job that only reads checks every
 * block it reads (fio verifies a previously written file), without the seed and write number it cannot know.
 * Confined to the clone's CPU.
 */
final class CloneVerifier {
    private final Verification v;
    private final VerifyBlocks blocks;
    private final VerifyLog log;
    private final RandomGenerator seeds;
    private final boolean writes;
    private final boolean readsInWritePhase;
    private final int thread;
    private boolean verifying;
    private long verifyStartNs;
    private long writesIssued;
    private long batchLeft;

    /**
     * @param spec   the job, verifying
     * @param thread the clone's fio thread number (1 for the run's first clone)
     * @param seeds  the clone's stream of data seeds
     * @param costs  the run's cost table
     * @param randomMap the clone keeps fio's random map, so its blocks are read back in write order
     */
    CloneVerifier(JobSpec spec, int thread, RandomGenerator seeds, CostTable costs, boolean randomMap) {
        this.v = spec.verification();
        this.log = new VerifyLog(randomMap);
        this.blocks = new VerifyBlocks(spec, costs);
        this.seeds = seeds;
        this.thread = thread;
        this.writes = VerifyBlocks.writes(spec.rw());
        this.readsInWritePhase = spec.rw().reads();
    }

    /** What an I/O of the clone is to verification. */
    enum Role { PLAIN, LOGGED_WRITE, CHECKED_READ }

    /** The role of a new I/O of direction {@code op} outside the verify phase. */
    Role roleOf(Operation op) {
        if (op == Operation.WRITE) {
            return Role.LOGGED_WRITE;
        }
        return writes ? Role.PLAIN : Role.CHECKED_READ;
    }

    /** The vCPU time to fill or check {@code length} bytes. */
    long costNs(int length) {
        return blocks.costNs(length);
    }

    /**
     * The data of a write at {@code offset}; when {@code do_verify} is on the write is logged and {@code request}
     * holds its piece until it completes.
     */
    byte[] write(long offset, int length, long startNs, VerifyLog.Piece[] piece) {
        long seed = seeds.nextLong();
        long numberio = writesIssued++;
        if (v.doVerify()) {
            piece[0] = log.log(offset, length, seed, numberio);
        }
        return blocks.write(offset, length, seed, numberio, startNs, thread);
    }

    /** A logged write completed: its blocks become verifiable, or are forgotten if it failed. */
    void writeCompleted(VerifyLog.Piece piece, BlockRequest done) {
        if (piece != null) {
            log.completed(piece, done.status().isOk());
        }
    }

    /**
     * Checks a read back: fio's log lines for a mismatch, empty when the data is good or the read failed (an I/O
     * error is reported as such).
     */
    List<String> check(BlockRequest done, VerifyLog.Piece piece) {
        if (!done.status().isOk() || done.data() == null) {
            return List.of();
        }
        long offset = done.sector() * BlockRequest.SECTOR_SIZE;
        return piece == null ? blocks.check(done.data(), offset, OptionalLong.empty(), OptionalInt.empty())
                : blocks.check(done.data(), offset, OptionalLong.of(piece.seed), OptionalInt.of((int) piece.numberio));
    }

    /**
     * fio's {@code check_get_verify()}: with {@code verify_backlog}, once the logged writes reach a multiple of it
     * (and the last I/O completed was not a read) a batch of logged blocks is read back, one per new I/O; null when
     * no verify read is due or the next logged block is still being written.
     */
    VerifyLog.Piece backlogNext(Operation lastCompleted) {
        if (v.backlog() == 0 || !v.doVerify() || log.size() == 0) {
            return null;
        }
        boolean due = batchLeft > 0;
        if (!due && log.size() % v.backlog() == 0 && lastCompleted != Operation.READ) {
            batchLeft = v.backlogBatch() > 0 ? v.backlogBatch() : v.backlog();
            due = true;
        }
        if (due) {
            VerifyLog.Piece p = log.next();
            if (p != null) {
                batchLeft--;
                return p;
            }
        }
        return null;
    }

    /**
     * Whether a verify phase starts now, at the end of a write phase that did its amount: the job writes, verifies
     * after writing and has logged blocks left.
     */
    boolean beginVerifyPhase(long nowNs) {
        if (verifying || !writes || !v.doVerify() || log.size() == 0) {
            return false;
        }
        verifying = true;
        verifyStartNs = nowNs;
        return true;
    }

    /** Whether the clone is in its verify phase. */
    boolean verifying() {
        return verifying;
    }

    /** The next block of the verify phase, or null (none left, or the next is being written). */
    VerifyLog.Piece nextInPhase() {
        return log.next();
    }

    /** Whether the verify phase has read back every logged block. */
    boolean phaseDrained() {
        return log.size() == 0;
    }

    /** Ends the verify phase at {@code nowNs}: its time counts as the read direction's runtime, as fio's does. */
    void endVerifyPhase(long nowNs, CloneRecorder recorder) {
        verifying = false;
        recorder.verifyPhase(nowNs - verifyStartNs, readsInWritePhase);
    }
}
