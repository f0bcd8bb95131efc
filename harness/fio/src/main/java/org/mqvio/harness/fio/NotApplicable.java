package org.mqvio.harness.fio;

/**
 * A fio option that was given but means nothing to the model, listed in the output.
 *
 * @param option its name
 * @param value  its value as written ("" for a bare name)
 * @param origin where it was written
 */
public record NotApplicable(String option, String value, Origin origin) {
    @Override
    public String toString() {
        return (value.isEmpty() ? option : option + "=" + value) + " (" + origin + ")";
    }
}
