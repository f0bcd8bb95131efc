package org.mqvio.harness.workload;

/**
 * fio's {@code zonemode=strided} ({@code setup_strided_zone_mode()} in fio's {@code io_u.c}): a clone does
 * {@code size} bytes of I/O in a zone of {@code range} bytes, then moves its zone {@code range + skip} bytes on,
 * back to its start offset when it passes the device's end. Within a zone, offsets are chosen as they would be in
 * a region of {@code range} bytes.
 *
 * @param size  fio's {@code zonesize}: bytes of I/O done in one zone, {@code > 0}
 * @param range fio's {@code zonerange}: the zone's length in bytes, a multiple of 512, {@code > 0}
 * @param skip  fio's {@code zoneskip}: bytes left out between zones, a multiple of 512, {@code >= 0}
 */
public record StridedZones(long size, long range, long skip) {
    public StridedZones {
        if (size <= 0) {
            throw new IllegalArgumentException("zonesize=" + size + " is invalid; allowed: a size > 0 with"
                    + " zonemode=strided");
        }
        if (range <= 0 || range % 512 != 0) {
            throw new IllegalArgumentException("zonerange=" + range + " is invalid; allowed: a multiple of 512 bytes,"
                    + " > 0");
        }
        if (skip < 0 || skip % 512 != 0) {
            throw new IllegalArgumentException("zoneskip=" + skip + " is invalid; allowed: a multiple of 512 bytes,"
                    + " >= 0");
        }
    }
}
