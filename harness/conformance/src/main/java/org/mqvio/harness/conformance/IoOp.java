package org.mqvio.harness.conformance;

import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.mqvio.api.BlockRequest;
import org.mqvio.api.Operation;

/**
 * One I/O of a {@link JobScript}: an operation, its first sector (counted from the start of the device, or
 * from its end so that a script reaches the last sectors whatever the capacity), a number of sectors, and
 * FUA for writes.
 *
 * <p>Compact form, as counter-examples print it and {@link #parse} reads it: a letter for the operation
 * ({@code R} read, {@code W} write, {@code F} flush, {@code D} discard, {@code Z} write zeroes), the first
 * sector ({@code 8}, or {@code end-8} for eight sectors before the end), {@code +} the number of sectors, and
 * {@code !} for a FUA write. Examples: {@code W0+8}, {@code Wend-8+8!} (the last eight sectors, FUA),
 * {@code Rend-4+8} (crosses the end of the device), {@code F}.
 *
 * @param operation READ, WRITE, FLUSH, DISCARD or WRITE_ZEROES
 * @param sector    first sector, or the distance from the end when {@code fromEnd}; 0 for FLUSH
 * @param fromEnd   whether {@code sector} counts back from the device's capacity
 * @param sectors   number of 512-byte sectors, 1 to {@link #MAX_SECTORS}; 0 for FLUSH
 * @param fua       force unit access (WRITE only)
 */
public record IoOp(Operation operation, long sector, boolean fromEnd, int sectors, boolean fua) {
    /** The largest I/O a script may issue: 128 sectors (64 KiB). */
    public static final int MAX_SECTORS = 128;

    private static final Pattern COMPACT = Pattern.compile("([RWDZ])(end-)?(\\d+)\\+(\\d+)(!?)");

    public IoOp {
        Objects.requireNonNull(operation, "operation");
        if (operation == Operation.GET_ID) {
            throw new IllegalArgumentException("GET_ID is not scripted; allowed: READ, WRITE, FLUSH, DISCARD, WRITE_ZEROES");
        }
        if (fua && operation != Operation.WRITE) {
            throw new IllegalArgumentException("FUA is allowed on WRITE only, not on " + operation);
        }
        if (operation == Operation.FLUSH) {
            if (sector != 0 || fromEnd || sectors != 0) {
                throw new IllegalArgumentException("a FLUSH addresses no sectors; write it as F");
            }
        } else {
            if (sector < 0) {
                throw new IllegalArgumentException("sector must be >= 0, was " + sector);
            }
            if (sectors < 1 || sectors > MAX_SECTORS) {
                throw new IllegalArgumentException(operation + " of " + sectors + " sectors; allowed: 1 to " + MAX_SECTORS);
            }
        }
    }

    /** A read of {@code sectors} sectors from {@code sector}. */
    public static IoOp read(long sector, int sectors) {
        return new IoOp(Operation.READ, sector, false, sectors, false);
    }

    /** A write of {@code sectors} sectors at {@code sector}. */
    public static IoOp write(long sector, int sectors) {
        return new IoOp(Operation.WRITE, sector, false, sectors, false);
    }

    /** A FUA write: durable when it completes. */
    public static IoOp fuaWrite(long sector, int sectors) {
        return new IoOp(Operation.WRITE, sector, false, sectors, true);
    }

    /** A cache flush. */
    public static IoOp flush() {
        return new IoOp(Operation.FLUSH, 0, false, 0, false);
    }

    /** The same operation placed {@code distance} sectors before the device's end. */
    public IoOp fromEnd(long distance) {
        return new IoOp(operation, distance, true, sectors, fua);
    }

    /** The first sector on a device of {@code capacitySectors} (0 when counting back passes the start). */
    public long firstSector(long capacitySectors) {
        return fromEnd ? Math.max(0, capacitySectors - sector) : sector;
    }

    /** Length in bytes: {@code sectors * 512}. */
    public int lengthBytes() {
        return sectors * BlockRequest.SECTOR_SIZE;
    }

    /** Whether the I/O lies wholly inside a device of {@code capacitySectors}. */
    public boolean inRange(long capacitySectors) {
        return operation == Operation.FLUSH || firstSector(capacitySectors) + sectors <= capacitySectors;
    }

    /** The compact form ({@code W0+8!}). */
    public String compact() {
        if (operation == Operation.FLUSH) {
            return "F";
        }
        return letter() + (fromEnd ? "end-" : "") + sector + "+" + sectors + (fua ? "!" : "");
    }

    private char letter() {
        return switch (operation) {
            case READ -> 'R';
            case WRITE -> 'W';
            case DISCARD -> 'D';
            case WRITE_ZEROES -> 'Z';
            default -> throw new IllegalStateException(operation.toString());
        };
    }

    /**
     * Reads the compact form.
     *
     * @throws IllegalArgumentException saying what the form is
     */
    public static IoOp parse(String token) {
        String t = token.trim();
        if (t.equals("F")) {
            return flush();
        }
        Matcher m = COMPACT.matcher(t);
        if (!m.matches()) {
            throw new IllegalArgumentException("'" + token + "' is not an I/O; allowed: F, or R|W|D|Z then SECTOR or end-N,"
                    + " then +SECTORS, then ! for a FUA write (for example W0+8, Rend-8+8, W16+1!)");
        }
        Operation op = switch (m.group(1)) {
            case "R" -> Operation.READ;
            case "W" -> Operation.WRITE;
            case "D" -> Operation.DISCARD;
            default -> Operation.WRITE_ZEROES;
        };
        try {
            return new IoOp(op, Long.parseLong(m.group(3)), m.group(2) != null, Integer.parseInt(m.group(4)),
                    !m.group(5).isEmpty());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("'" + token + "' has a number out of range", e);
        }
    }

    @Override
    public String toString() {
        return compact();
    }
}
