package org.mqvio.device.nvme;

import java.util.random.RandomGenerator;

/**
 * Fault injection for I/O commands (as null_blk's {@code badblocks} and fault injection): what the
 * controller does with a valid command it fetched. In order: with {@code lostProbability} the command is
 * lost (never completes unless the host aborts it); else with {@code stallProbability} it is held for the
 * stall time before service; independently, a command touching a bad range, or failing with
 * {@code errorProbability}, completes with a media error (Read: unrecovered read error; Write and Write
 * Zeroes: write fault; anything else: internal error). Deallocation never touches the media, so bad
 * ranges spare it. A Read that succeeded may return its data with one bit flipped, with
 * {@code corruptReadProbability} (silent data corruption). Draws come from one seeded stream, in fetch order (a
 * corruption's when the Read's data is moved), and only for faults that are on.
 */
final class FaultInjector {
    /** What happens to a command. */
    enum Fate { SERVED, STALLED, LOST }

    private final LbaRanges badBlocks;
    private final double errorProbability;
    private final double lostProbability;
    private final double stallProbability;
    private final double corruptReadProbability;
    private final RandomGenerator random;

    FaultInjector(LbaRanges badBlocks, double errorProbability, double lostProbability, double stallProbability,
                  double corruptReadProbability, RandomGenerator random) {
        this.corruptReadProbability = corruptReadProbability;
        this.badBlocks = badBlocks;
        this.errorProbability = errorProbability;
        this.lostProbability = lostProbability;
        this.stallProbability = stallProbability;
        this.random = random;
    }

    /** Whether the command is served, stalled or lost. */
    Fate fate() {
        if (lostProbability > 0 && random.nextDouble() < lostProbability) {
            return Fate.LOST;
        }
        if (stallProbability > 0 && random.nextDouble() < stallProbability) {
            return Fate.STALLED;
        }
        return Fate.SERVED;
    }

    /** Flips one bit of the {@code length} bytes of read data in {@code data}, with the corruption's probability. */
    void corruptRead(byte[] data, int length) {
        if (corruptReadProbability > 0 && length > 0 && random.nextDouble() < corruptReadProbability) {
            int bit = random.nextInt(length * 8);
            data[bit / 8] ^= (byte) (1 << (bit % 8));
        }
    }

    /** The status the media work of {@code c} ends with: success or an injected error. */
    NvmeStatus outcome(Command c) {
        boolean blockCommand = c.opcode() == Opcodes.READ || c.opcode() == Opcodes.WRITE
                || c.opcode() == Opcodes.WRITE_ZEROES;
        boolean bad = blockCommand && !badBlocks.isEmpty() && badBlocks.overlaps(c.slba(), c.blocks());
        if (!bad && !(errorProbability > 0 && random.nextDouble() < errorProbability)) {
            return NvmeStatus.SUCCESS;
        }
        return switch (c.opcode()) {
            case Opcodes.READ -> NvmeStatus.UNRECOVERED_READ_ERROR;
            case Opcodes.WRITE, Opcodes.WRITE_ZEROES -> NvmeStatus.WRITE_FAULT;
            default -> NvmeStatus.INTERNAL_ERROR;
        };
    }
}
