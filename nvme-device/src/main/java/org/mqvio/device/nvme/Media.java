package org.mqvio.device.nvme;

import java.util.Arrays;
import java.util.Map;
import java.util.NavigableMap;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The namespace's contents in memory-backed mode (null_blk's {@code memory_backed}): sparse, in 4 KB pages
 * of eight 512-byte sectors, created on first write; sectors never written read as zeroes, and so do
 * deallocated ones.
 *
 * <p>Durability. With the volatile write cache on, a write lands in the cache and is durable only after a
 * later {@link #flush}; a write with force unit access goes straight to the durable store (and supersedes
 * any cached copy of its sectors). With the cache off, every write is durable. {@link #powerLoss} drops
 * the cache: exactly the sectors last written neither with FUA nor before a flush revert to their durable
 * contents. Write Zeroes and deallocation are writes of zeroes and follow the same rules.
 *
 * <p>Not thread-safe: the controller owns it.
 */
final class Media {
    static final int SECTOR = 512;
    private static final int SECTORS_PER_PAGE = 8;
    private static final int PAGE = SECTOR * SECTORS_PER_PAGE;

    private final boolean writeCache;
    private final NavigableMap<Long, byte[]> durable = new TreeMap<>();
    private final NavigableMap<Long, CachedPage> cache = new TreeMap<>();
    private long powerLosses;
    private long droppedSectors;

    Media(boolean writeCache) {
        this.writeCache = writeCache;
    }

    /** Copies {@code sectors} sectors from {@code sector} into {@code into} at {@code offset}. */
    void read(long sector, int sectors, byte[] into, int offset) {
        for (int i = 0; i < sectors; i++) {
            long s = sector + i;
            long page = s / SECTORS_PER_PAGE;
            int at = (int) (s % SECTORS_PER_PAGE) * SECTOR;
            int to = offset + i * SECTOR;
            CachedPage c = cache.get(page);
            if (c != null && c.holds(at / SECTOR)) {
                System.arraycopy(c.data, at, into, to, SECTOR);
                continue;
            }
            byte[] d = durable.get(page);
            if (d != null) {
                System.arraycopy(d, at, into, to, SECTOR);
            } else {
                Arrays.fill(into, to, to + SECTOR, (byte) 0);
            }
        }
    }

    /**
     * Writes {@code sectors} sectors at {@code sector} from {@code data} (bytes past its end, or all of them
     * if it is null, are zeroes); {@code fua} makes the write durable at once.
     */
    void write(long sector, int sectors, byte[] data, boolean fua) {
        for (int i = 0; i < sectors; i++) {
            writeSector(sector + i, data, i * SECTOR, fua);
        }
    }

    /**
     * Sets {@code sectors} sectors at {@code sector} to zeroes (Write Zeroes, deallocate), in time linear in
     * the pages that exist. Sectors that already read as zeroes, in the cache and on the durable store, are
     * left alone: writing zeroes over them changes nothing, before or after a power loss.
     */
    void zero(long sector, long sectors, boolean fua) {
        if (sectors <= 0) {
            return;
        }
        long end = sector + sectors;
        long firstPage = sector / SECTORS_PER_PAGE;
        long lastPage = (end - 1) / SECTORS_PER_PAGE;
        TreeSet<Long> pages = new TreeSet<>(durable.subMap(firstPage, true, lastPage, true).keySet());
        pages.addAll(cache.subMap(firstPage, true, lastPage, true).keySet());
        for (long page : pages) {
            long from = Math.max(sector, page * SECTORS_PER_PAGE);
            long to = Math.min(end, (page + 1) * SECTORS_PER_PAGE);
            for (long s = from; s < to; s++) {
                if (!readsAsZero(s)) {
                    writeSector(s, null, 0, fua);
                }
            }
        }
    }

    /** Makes every cached write durable. */
    void flush() {
        for (Map.Entry<Long, CachedPage> e : cache.entrySet()) {
            CachedPage c = e.getValue();
            byte[] d = durable.computeIfAbsent(e.getKey(), k -> new byte[PAGE]);
            for (int s = 0; s < SECTORS_PER_PAGE; s++) {
                if (c.holds(s)) {
                    System.arraycopy(c.data, s * SECTOR, d, s * SECTOR, SECTOR);
                }
            }
        }
        cache.clear();
    }

    /** A power loss: the volatile cache is lost. Returns the number of sectors whose cached data was dropped. */
    long powerLoss() {
        long dropped = cachedSectors();
        cache.clear();
        powerLosses++;
        droppedSectors += dropped;
        return dropped;
    }

    /** Sectors in the cache that are not yet durable. */
    long cachedSectors() {
        long n = 0;
        for (CachedPage c : cache.values()) {
            n += Integer.bitCount(c.valid);
        }
        return n;
    }

    long powerLosses() {
        return powerLosses;
    }

    long droppedSectors() {
        return droppedSectors;
    }

    private void writeSector(long s, byte[] data, int dataOffset, boolean fua) {
        long page = s / SECTORS_PER_PAGE;
        int index = (int) (s % SECTORS_PER_PAGE);
        byte[] target;
        if (writeCache && !fua) {
            CachedPage c = cache.computeIfAbsent(page, k -> new CachedPage());
            c.valid |= 1 << index;
            target = c.data;
        } else {
            CachedPage c = cache.get(page);
            if (c != null) {
                c.valid &= ~(1 << index);
                if (c.valid == 0) {
                    cache.remove(page);
                }
            }
            target = durable.get(page);
            if (target == null) {
                if (isZero(data, dataOffset)) {
                    return;
                }
                target = new byte[PAGE];
                durable.put(page, target);
            }
        }
        int at = index * SECTOR;
        int n = data == null ? 0 : Math.max(0, Math.min(SECTOR, data.length - dataOffset));
        if (n > 0) {
            System.arraycopy(data, dataOffset, target, at, n);
        }
        Arrays.fill(target, at + n, at + SECTOR, (byte) 0);
    }

    /** Whether sector {@code s} is zero both as the cache and as the durable store would return it. */
    private boolean readsAsZero(long s) {
        long page = s / SECTORS_PER_PAGE;
        int at = (int) (s % SECTORS_PER_PAGE) * SECTOR;
        CachedPage c = cache.get(page);
        if (c != null && c.holds(at / SECTOR)) {
            return false;
        }
        return isZero(durable.get(page), at);
    }

    private static boolean isZero(byte[] data, int offset) {
        if (data == null) {
            return true;
        }
        int end = Math.min(data.length, offset + SECTOR);
        for (int i = offset; i < end; i++) {
            if (data[i] != 0) {
                return false;
            }
        }
        return true;
    }

    /** A cached page: its bytes and which of its eight sectors the cache holds. */
    private static final class CachedPage {
        final byte[] data = new byte[PAGE];
        int valid;

        boolean holds(int sectorIndex) {
            return (valid & (1 << sectorIndex)) != 0;
        }
    }
}
