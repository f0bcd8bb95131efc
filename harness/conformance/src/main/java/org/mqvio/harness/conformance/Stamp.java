package org.mqvio.harness.conformance;

/**
 * What one 512-byte sector of data holds, as the kit reads it: the data a scripted write put there
 * ({@code request} wrote it, meant for {@code sector}), all zeroes, or bytes the kit did not write.
 *
 * @param kind    which of the three
 * @param request the writing request's id ({@link RequestIds}), or -1
 * @param sector  the sector the writer meant the data for, or -1
 */
public record Stamp(Kind kind, long request, long sector) {
    /** What a sector holds. */
    public enum Kind { WRITTEN, ZEROES, UNRECOGNISED }

    private static final Stamp ZEROES = new Stamp(Kind.ZEROES, -1, -1);
    private static final Stamp UNRECOGNISED = new Stamp(Kind.UNRECOGNISED, -1, -1);

    /** Data written by {@code request} for {@code sector}. */
    public static Stamp written(long request, long sector) {
        return new Stamp(Kind.WRITTEN, request, sector);
    }

    /** A sector of zeroes. */
    public static Stamp zeroes() {
        return ZEROES;
    }

    /** Bytes that are neither zeroes nor a whole stamped sector. */
    public static Stamp unrecognised() {
        return UNRECOGNISED;
    }

    @Override
    public String toString() {
        return switch (kind) {
            case WRITTEN -> "data of " + RequestIds.label(request) + " for sector " + sector;
            case ZEROES -> "zeroes";
            case UNRECOGNISED -> "unrecognised bytes";
        };
    }
}
