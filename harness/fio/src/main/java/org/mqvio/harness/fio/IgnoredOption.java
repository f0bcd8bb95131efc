package org.mqvio.harness.fio;

/**
 * A fio option that was given and that the run ignores: irrelevant to a model of the I/O path, or not modelled
 * yet and allowed with {@code --allow-unmodelled}. Listed in the output.
 *
 * @param option its name
 * @param value  its value as written ("" for a bare name)
 * @param origin where it was written
 * @param why    why the run ignores it, in one phrase
 */
public record IgnoredOption(String option, String value, Origin origin, String why) {
    /** How it was written and where: {@code name=value (file:line)}. */
    @Override
    public String toString() {
        return text() + " (" + origin + ")";
    }

    /** How it was written: {@code name=value}, or {@code name} for a bare name. */
    public String text() {
        return value.isEmpty() ? option : option + "=" + value;
    }
}
