package org.mqvio.harness.fio;

/** A value an option does not accept; the caller adds where it was written. */
final class BadValueException extends Exception {
    private static final long serialVersionUID = 1L;
    private final String allowed;
    private final String suggestion;

    BadValueException(String allowed, String suggestion) {
        super(allowed, null, false, false);
        this.allowed = allowed;
        this.suggestion = suggestion;
    }

    BadValueException(String allowed) {
        this(allowed, null);
    }

    /** What the option accepts. */
    String allowed() {
        return allowed;
    }

    /** The nearest valid value, or null. */
    String suggestion() {
        return suggestion;
    }
}
