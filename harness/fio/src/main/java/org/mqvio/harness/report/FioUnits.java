package org.mqvio.harness.report;

import java.util.Locale;

/** Number formatting as fio's human output does it: four significant characters and a unit prefix. */
final class FioUnits {
    private static final String[] SI = {"", "k", "M", "G", "T", "P"};

    private FioUnits() {
    }

    /** A count in four characters: {@code 3068}, {@code 12.3k}, {@code 227k}, {@code 1495k}. */
    static String count(double v) {
        return scaled(v, 1000, SI, "");
    }

    /** Bytes (or bytes per second) in binary units: {@code 887MiB}. */
    static String binary(double bytes) {
        return scaled(bytes, 1024, new String[] {"B", "KiB", "MiB", "GiB", "TiB", "PiB"}, "");
    }

    /** Bytes (or bytes per second) in decimal units: {@code 930MB}. */
    static String decimal(double bytes) {
        return scaled(bytes, 1000, new String[] {"B", "kB", "MB", "GB", "TB", "PB"}, "");
    }

    private static String scaled(double v, double base, String[] units, String suffix) {
        if (!Double.isFinite(v) || v < 0) {
            v = 0;
        }
        int u = 0;
        while (v >= 9999.5 && u < units.length - 1) {
            v /= base;
            u++;
        }
        if (u == 0) {
            return String.format(Locale.ROOT, "%.0f%s%s", v, units[0], suffix);
        }
        int digits = v >= 999.5 ? 4 : v >= 99.95 ? 3 : v >= 9.995 ? 2 : 1;
        int decimals = Math.max(0, 3 - digits);
        return String.format(Locale.ROOT, "%." + decimals + "f%s%s", v, units[u], suffix);
    }
}
