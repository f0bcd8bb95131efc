package org.mqvio.api.stats;

/** What a {@link Counter}'s value counts. */
public enum Unit {
    /** Things that happened (kicks, requests submitted, loop passes), counted since the component was created. */
    EVENTS("events"),
    /** Time, in nanoseconds (virtual in the simulation, real in the live runtime), summed since creation. */
    NANOSECONDS("ns"),
    /** Things present or configured when read (queues, tags in use, requests in flight) or their high-water mark. */
    ITEMS("items"),
    /** 512-byte sectors. */
    SECTORS("sectors"),
    /** Bytes (of memory, as a benchmark counts them allocated). */
    BYTES("bytes"),
    /** 0 or 1. */
    FLAG("0 or 1");

    private final String symbol;

    Unit(String symbol) {
        this.symbol = symbol;
    }

    /** How the unit is written beside a value: {@code ns}, {@code events}. */
    public String symbol() {
        return symbol;
    }
}
