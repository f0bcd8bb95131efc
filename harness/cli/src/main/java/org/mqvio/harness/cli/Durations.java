package org.mqvio.harness.cli;

import java.util.Locale;

/** fio's time values: a number with an optional unit suffix. */
final class Durations {
    private Durations() {
    }

    /**
     * Parses a fio time ({@code 10}, {@code 250ms}, {@code 2s}, {@code 1m}); a bare number is in seconds.
     *
     * @throws IllegalArgumentException saying what is allowed
     */
    static long parseNanos(String option, String text) {
        String t = text.trim().toLowerCase(Locale.ROOT);
        String[][] units = {{"ns", "1"}, {"us", "1000"}, {"ms", "1000000"}, {"s", "1000000000"}, {"m", "60000000000"},
                {"h", "3600000000000"}};
        long factor = 1_000_000_000L;
        String number = t;
        for (String[] u : units) {
            if (t.endsWith(u[0]) && t.length() > u[0].length() && Character.isDigit(t.charAt(t.length() - u[0].length() - 1))) {
                factor = Long.parseLong(u[1]);
                number = t.substring(0, t.length() - u[0].length());
                break;
            }
        }
        try {
            long v = Long.parseLong(number);
            if (v < 0) {
                throw new NumberFormatException();
            }
            return Math.multiplyExact(v, factor);
        } catch (NumberFormatException | ArithmeticException e) {
            throw new IllegalArgumentException(option + "=" + text
                    + " is not a valid time; allowed: a whole number >= 0 with an optional unit ns, us, ms, s, m, h (default s)");
        }
    }

}
