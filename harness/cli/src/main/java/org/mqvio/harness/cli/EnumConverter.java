package org.mqvio.harness.cli;

import java.util.Arrays;
import java.util.stream.Collectors;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/**
 * Converts an option's value to the enum constant it names, in any case, spelt as the constant's
 * {@code toString()}. A value that names none is {@link Refused}; {@link Main} reports it in one line:
 * {@code --OPTION=VALUE is invalid; allowed: a, b}, and the note, if any.
 */
abstract class EnumConverter<E extends Enum<E>> implements ITypeConverter<E> {
    private final Class<E> type;
    private final String note;

    /**
     * @param type the enum
     * @param note what follows the allowed values when a value is refused (empty, or starting with a space)
     */
    EnumConverter(Class<E> type, String note) {
        this.type = type;
        this.note = note;
    }

    @Override
    public E convert(String value) {
        for (E constant : type.getEnumConstants()) {
            if (constant.toString().equalsIgnoreCase(value)) {
                return constant;
            }
        }
        throw new Refused(Arrays.stream(type.getEnumConstants()).map(String::valueOf)
                .collect(Collectors.joining(", ")) + note);
    }

    /** A value that names no constant; the message is what is allowed. */
    static final class Refused extends TypeConversionException {
        private static final long serialVersionUID = 1L;

        Refused(String allowed) {
            super(allowed);
        }
    }
}
