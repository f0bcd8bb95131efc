package org.mqvio.harness.fio;

import java.util.List;

/**
 * A value given per direction, as fio reads {@code bs=R,W[,T]} and the like: one value applies to every direction;
 * with commas, the first is the reads', the second the writes' (and trims', which mqvio does not model); an empty
 * part leaves that direction at its default ({@code null} here).
 *
 * @param read  the reads' value, or null for the default
 * @param write the writes' value, or null for the default
 */
record ByDirection<T>(T read, T write) {
    /** A part's parser. */
    interface Parser<T> {
        T parse(String part) throws BadValueException;
    }

    /** Splits {@code text} at commas and parses the read and write parts (the trim part is checked and dropped). */
    static <T> ByDirection<T> parse(String text, Parser<T> parser) throws BadValueException {
        List<String> parts = List.of(text.split(",", -1));
        if (parts.size() > 3) {
            throw new BadValueException("at most three values separated by ',' (reads, writes, trims)");
        }
        for (int i = 2; i < parts.size(); i++) {
            part(parts.get(i), parser);
        }
        T read = part(parts.get(0), parser);
        T write = parts.size() == 1 ? read : part(parts.get(1), parser);
        return new ByDirection<>(read, write);
    }

    private static <T> T part(String p, Parser<T> parser) throws BadValueException {
        return p.isBlank() ? null : parser.parse(p.trim());
    }

    /** The reads' value, or {@code fallback}. */
    T readOr(T fallback) {
        return read == null ? fallback : read;
    }

    /** The writes' value, or {@code fallback}. */
    T writeOr(T fallback) {
        return write == null ? fallback : write;
    }
}
