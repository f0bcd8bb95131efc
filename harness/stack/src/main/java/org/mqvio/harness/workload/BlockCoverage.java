package org.mqvio.harness.workload;

/**
 * How a random job's uniform offsets cover its region (fio's {@code norandommap} and {@code random_generator};
 * {@code init_random_map()} in fio's {@code filesetup.c}).
 */
public enum BlockCoverage {
    /**
     * fio's default: a random map ({@link RandomMap}) makes each block used once per pass. fio keeps it only for
     * {@code random_distribution=random} with {@code blockalign} equal to the smallest size
     * ({@code fixup_options()} turns it off otherwise), and so does the model.
     */
    RANDOM_MAP,
    /** fio's {@code norandommap}: each offset drawn independently, so blocks repeat and others are never used. */
    WITH_REPLACEMENT,
    /** fio's {@code random_generator=lfsr}: each block once per pass, in a fixed scrambled order, without a map. */
    LFSR
}
