package org.mqvio.harness.fio;

/**
 * One option as written, before it is checked: {@code name=value}, or a bare {@code name} (value null).
 *
 * @param name   the option's name as written
 * @param value  its value as written, trimmed, or null for a bare flag
 * @param origin where it was written
 */
record RawOption(String name, String value, Origin origin) {
    /** How it was written, for messages: {@code name=value} or {@code name}. */
    String text() {
        return value == null ? name : name + "=" + value;
    }
}
