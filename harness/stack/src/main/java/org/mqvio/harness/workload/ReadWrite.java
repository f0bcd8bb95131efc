package org.mqvio.harness.workload;

import java.util.Arrays;
import java.util.stream.Collectors;

/** fio's {@code rw} (alias {@code readwrite}) values. */
public enum ReadWrite {
    READ("read", true, false), WRITE("write", false, false), RANDREAD("randread", true, true),
    RANDWRITE("randwrite", false, true), RW("rw", true, false), RANDRW("randrw", true, true);

    private final String fioName;
    private final boolean reads;
    private final boolean random;

    ReadWrite(String fioName, boolean reads, boolean random) {
        this.fioName = fioName;
        this.reads = reads;
        this.random = random;
    }

    public String fioName() {
        return fioName;
    }

    /** Whether offsets are random rather than sequential. */
    public boolean random() {
        return random;
    }

    /** Whether the job mixes reads and writes (rw, randrw). */
    public boolean mixed() {
        return this == RW || this == RANDRW;
    }

    /** Whether the job reads only or mixes (false for pure writes). */
    public boolean reads() {
        return reads;
    }

    /**
     * The value for a fio name ({@code readwrite} is an alias of {@code rw}).
     *
     * @throws IllegalArgumentException listing the allowed names
     */
    public static ReadWrite parse(String name) {
        String n = name.trim().toLowerCase(java.util.Locale.ROOT);
        if (n.equals("readwrite")) {
            return RW;
        }
        return Arrays.stream(values()).filter(v -> v.fioName.equals(n)).findFirst().orElseThrow(() ->
                new IllegalArgumentException("rw=" + name + " is not valid; allowed: "
                        + Arrays.stream(values()).map(ReadWrite::fioName).collect(Collectors.joining(", ")) + ", readwrite"));
    }
}
