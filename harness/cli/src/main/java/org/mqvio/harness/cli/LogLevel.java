package org.mqvio.harness.cli;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * {@code --log-level}: how much the library modules log through SLF4J to the standard error. The command line's
 * backend is slf4j-simple, configured by system properties that it reads once, when the first logger is made; so
 * the level is set while the arguments are parsed, before any command runs.
 */
enum LogLevel {
    ERROR, WARN, INFO, DEBUG, TRACE;

    /** The levels as {@code --log-level} takes them. */
    static final String ALLOWED = Arrays.stream(values()).map(LogLevel::word).collect(Collectors.joining(", "));

    String word() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** Makes this the level of every logger, and the standard error their destination. */
    void apply() {
        System.setProperty("org.slf4j.simpleLogger.defaultLogLevel", word());
        System.setProperty("org.slf4j.simpleLogger.logFile", "System.err");
    }

    /** The word {@code --log-level} takes, which {@link EnumConverter} reads in any case. */
    @Override
    public String toString() {
        return word();
    }

    /** Reads a level word; a bad one is {@link Main}'s one-line error naming the allowed words. */
    static final class Converter extends EnumConverter<LogLevel> {
        Converter() {
            super(LogLevel.class, "");
        }
    }
}
