package org.mqvio.harness.workload;

import java.util.Arrays;

/**
 * fio's random map ({@code lib/axmap.c}, used by {@code io_u.c}): which blocks of a clone's region its random I/Os
 * have used in this pass. fio keeps one bit per block, so each block is used once per pass: a drawn block already
 * used moves to the next free one ({@link #nextFree}), an I/O is shortened to the free blocks that follow its first
 * ({@link #setRun}), and a full map ends the pass.
 *
 * <p>fio holds the bits in one dense bitmap, allocated whole when the job starts ({@code init_random_map()} in
 * {@code filesetup.c} calls {@code axmap_new()} for the region's blocks) and cleared for each pass; a 1 TiB region of
 * 4 KiB blocks (the default device) is 32 MiB of them per clone, 2 GiB for 64 clones, which fio's own error message
 * for a failed map allocation warns of ("If running a large number of jobs, try the 'norandommap' option"), while a
 * simulated run uses a few of its blocks. So the map starts sparse (an open-addressed table of the 64-bit words that
 * have a bit set) and turns dense (the bitmap, plus a summary bit per full word for finding free blocks fast) when
 * the table would grow as large as the bitmap, or from the start when the bitmap is small. Both forms answer alike.
 *
 * <p>Like fio's, the map is sized once when the clone knows how much a pass can use: given the most words a pass
 * marks (a pass bounded by its I/Os or bytes), the table is made large enough for them at the start, or the map is
 * dense from the start when a table that large would be as large as the bitmap. It then allocates nothing while the
 * clone runs (up to 2^20 words a pass; a sparse pass marking more grows its table beyond that), and a
 * new pass clears it in place. Only a pass with no such bound (a time-based job) grows its table
 * as it uses words.
 */
final class RandomMap {
    private static final int DENSE_FROM_START_WORDS = 1 << 14;
    private static final long EMPTY = -1;
    /** The most words a dense map can hold (a Java array); a larger map stays sparse. */
    private static final long MAX_DENSE_WORDS = Integer.MAX_VALUE - 8;
    /** The pairs of a table made before anything is known of its use. */
    private static final int INITIAL_PAIRS = 64;
    /** The most pairs a table is made with at the start (16 MiB); a pass that uses more grows it. */
    private static final long MAX_PAIRS = 1L << 20;

    private final long bits;
    private final long words;
    /** The bits of the last word past {@link #bits}: they count as used, so no search returns them. */
    private final long tail;
    private long used;
    /**
     * Sparse form, or null once dense: pairs of a word's index ({@link #EMPTY} for none) and its bits, side by side
     * so that one cache line holds both.
     */
    private long[] table;
    private int entries;
    /**
     * The slot {@link #slot} found last, for word {@link #cachedWord} in {@link #cachedTable}: a random I/O asks for its
     * word up to three times in a row (whether its block is used, then to mark it), so the probe runs once. Still right
     * while the table is the same array and the slot holds the word, or is still empty (nothing is ever removed from a
     * table, so the empty slot that ended the word's probe still ends it).
     */
    private long cachedWord = EMPTY;
    private long[] cachedTable;
    private int cachedSlot;
    /** Dense form: the words, and a bit per word that is full. */
    private long[] dense;
    private long[] full;

    /** A map of {@code bits >= 1} blocks, all free, whose passes use an unknown number of its words. */
    RandomMap(long bits) {
        this(bits, 0);
    }

    /**
     * A map of {@code bits >= 1} blocks, all free, of which a pass marks blocks in at most {@code wordsPerPass} of its
     * 64-block words ({@code 0}: unknown); the map is sized for them now (see above).
     */
    RandomMap(long bits, long wordsPerPass) {
        if (bits < 1) {
            throw new IllegalArgumentException("a random map needs at least one block, not " + bits);
        }
        this.bits = bits;
        this.words = (bits + 63) >>> 6;
        this.tail = (bits & 63) == 0 ? 0 : -1L << (bits & 63);
        long passWords = Math.min(wordsPerPass, words);
        // a table grows once more than half its pairs are taken: twice as many pairs as the pass's words never grow
        long pairs = passWords <= 0 ? INITIAL_PAIRS : Math.max(INITIAL_PAIRS, Long.highestOneBit(4 * passWords - 1));
        if (words <= DENSE_FROM_START_WORDS || (passWords > 0 && 2 * pairs >= words && words <= MAX_DENSE_WORDS)) {
            dense = new long[(int) words];
            full = new long[(int) ((words + 63) >>> 6)];
        } else {
            table = emptyTable((int) Math.min(pairs, MAX_PAIRS));
        }
    }

    /** Every block free again: a new pass (fio's {@code axmap_reset()}); the map keeps its form and its memory. */
    void reset() {
        used = 0;
        if (dense != null) {
            Arrays.fill(dense, 0);
            Arrays.fill(full, 0);
        } else {
            Arrays.fill(table, EMPTY);
            entries = 0;
            // the remembered slot may no longer end its word's probe
            cachedWord = EMPTY;
        }
    }

    /** The longs the map holds now, in either form: constant while it neither grows nor turns dense. */
    long footprintLongs() {
        return dense != null ? dense.length + full.length : table.length;
    }

    /** Whether every block is used. */
    boolean isFull() {
        return used == bits;
    }

    /** Whether block {@code b} (below the map's size) is used. */
    boolean isUsed(long b) {
        return (word(b >>> 6) & (1L << b)) != 0;
    }

    /**
     * The first free block after {@code b}, going round to the region's start after its end, or -1 when every
     * block is used (fio's {@code axmap_next_free()}).
     */
    long nextFree(long b) {
        if (isFull()) {
            return -1;
        }
        long from = b + 1 >= bits ? 0 : b + 1;
        long found = firstFreeFrom(from);
        return found >= 0 ? found : firstFreeFrom(0);
    }

    /**
     * Marks up to {@code n} blocks from {@code b} used, stopping at the first one already used or at the map's end,
     * and returns how many it marked (fio's {@code axmap_set_nr()}): 0 when {@code b} itself is used.
     */
    int setRun(long b, int n) {
        int set = 0;
        while (set < n && b < bits) {
            long w = b >>> 6;
            int bit = (int) (b & 63);
            long current = word(w);
            long above = current >>> bit;
            int free = above == 0 ? 64 - bit : Long.numberOfTrailingZeros(above);
            int take = Math.min(free, n - set);
            if (take == 0) {
                break;
            }
            long mask = (take == 64 ? -1L : (1L << take) - 1) << bit;
            store(w, (current | mask) & ~(w == words - 1 ? tail : 0));
            set += take;
            b += take;
            if (take < 64 - bit) {
                break;
            }
        }
        used += set;
        return set;
    }

    /** The first free block at or after {@code from}, before the map's end, or -1. */
    private long firstFreeFrom(long from) {
        long w = from >>> 6;
        long free = ~word(w) & (-1L << (from & 63));
        while (free == 0) {
            w = nextNotFullWord(w + 1);
            if (w < 0) {
                return -1;
            }
            free = ~word(w);
        }
        return (w << 6) + Long.numberOfTrailingZeros(free);
    }

    /** The first word at or after {@code w} with a free block, or -1. */
    private long nextNotFullWord(long w) {
        if (dense == null) {
            for (; w < words; w++) {
                if (word(w) != -1L) {
                    return w;
                }
            }
            return -1;
        }
        while (w < words) {
            int s = (int) (w >>> 6);
            long notFull = ~full[s] & (-1L << (w & 63));
            if (notFull != 0) {
                long found = ((long) s << 6) + Long.numberOfTrailingZeros(notFull);
                return found < words ? found : -1;
            }
            w = (long) (s + 1) << 6;
        }
        return -1;
    }

    /** Word {@code w}'s bits, the tail counted as used. */
    private long word(long w) {
        long v;
        if (dense != null) {
            v = dense[(int) w];
        } else {
            int i = slot(w);
            v = table[i] == EMPTY ? 0 : table[i + 1];
        }
        return w == words - 1 ? v | tail : v;
    }

    private void store(long w, long v) {
        if (dense != null) {
            dense[(int) w] = v;
            if ((v | (w == words - 1 ? tail : 0)) == -1L) {
                full[(int) (w >>> 6)] |= 1L << w;
            }
            return;
        }
        int i = slot(w);
        if (table[i] == EMPTY) {
            table[i] = w;
            entries++;
        }
        table[i + 1] = v;
        if (entries * 4L > table.length) {
            // a table as large as the bitmap saves nothing: the map turns dense instead of growing
            if (table.length * 2L > words && words <= MAX_DENSE_WORDS) {
                toDense();
            } else {
                rehash(table.length * 2);
            }
        }
    }

    /** The slot of word {@code w}: where it is, or the empty pair where it would go (linear probing). */
    private int slot(long w) {
        if (w == cachedWord && table == cachedTable && (table[cachedSlot] == w || table[cachedSlot] == EMPTY)) {
            return cachedSlot;
        }
        int mask = table.length - 2;
        int i = (int) ((w * 0x9E3779B97F4A7C15L) >>> 31) & mask;
        while (table[i] != EMPTY && table[i] != w) {
            i = (i + 2) & mask;
        }
        cachedWord = w;
        cachedTable = table;
        cachedSlot = i;
        return i;
    }

    private static long[] emptyTable(int pairs) {
        long[] t = new long[2 * pairs];
        Arrays.fill(t, EMPTY);
        return t;
    }

    private void rehash(int length) {
        long[] old = table;
        table = emptyTable(length / 2);
        for (int i = 0; i < old.length; i += 2) {
            if (old[i] != EMPTY) {
                int s = slot(old[i]);
                table[s] = old[i];
                table[s + 1] = old[i + 1];
            }
        }
    }

    private void toDense() {
        long[] old = table;
        table = null;
        dense = new long[(int) words];
        full = new long[(int) ((words + 63) >>> 6)];
        for (int i = 0; i < old.length; i += 2) {
            if (old[i] != EMPTY) {
                store(old[i], old[i + 1]);
            }
        }
    }
}
