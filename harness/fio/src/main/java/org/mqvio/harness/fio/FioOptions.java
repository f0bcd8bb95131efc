package org.mqvio.harness.fio;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * Every option name fio knows, each in one class: modelled with fio's meaning ({@link FioOption}), or one of the
 * {@link Treatment}s read from {@code fio-option-classes.txt} with a phrase saying why. A name in no class is
 * not a fio option.
 */
final class FioOptions {
    /** What mqvio does with a fio option it does not model. */
    enum Treatment {
        /** Accepted and listed: it means nothing to a model of the I/O path. */
        IRRELEVANT,
        /** Refused unless {@code --allow-unmodelled}: it changes the workload or asks for what mqvio lacks. */
        UNMODELLED,
        /** A command-line option {@code mqvio run} handles itself, not a job's option. */
        COMMAND
    }

    /**
     * How a fio option that mqvio does not model is treated.
     *
     * @param treatment what mqvio does with it
     * @param why       why, in one phrase
     */
    record Classified(Treatment treatment, String why) {
    }

    static final String CLASSES_RESOURCE = "fio-option-classes.txt";

    private static final Map<String, FioOption> MODELLED = new LinkedHashMap<>();
    private static final Map<String, Classified> OTHERS = load();

    static {
        for (FioOption o : FioOption.values()) {
            MODELLED.put(o.fioName(), o);
            o.aliases().forEach(a -> MODELLED.put(a, o));
        }
    }

    private FioOptions() {
    }

    /** The modelled option called {@code name} (its fio name or an alias). */
    static Optional<FioOption> modelled(String name) {
        return Optional.ofNullable(MODELLED.get(name));
    }

    /** How the fio option {@code name} is treated if mqvio does not model it; empty for a modelled or unknown name. */
    static Optional<Classified> classified(String name) {
        return Optional.ofNullable(OTHERS.get(name));
    }

    /** Every name in {@code fio-option-classes.txt}, with its class. */
    static Map<String, Classified> classes() {
        return OTHERS;
    }

    /** The modelled options' fio names, comma separated, for messages. */
    static String modelledNames() {
        return Arrays.stream(FioOption.values()).map(FioOption::fioName).sorted().collect(Collectors.joining(", "));
    }

    /** Every name fio knows: the modelled names and aliases first, then the others (irrelevant or not modelled). */
    static List<String> names() {
        List<String> all = new ArrayList<>(MODELLED.keySet());
        all.addAll(OTHERS.keySet());
        return all;
    }


    /** The message for an option fio does not know. */
    static String unknown(RawOption o) {
        return o.origin() + ": unknown option '" + o.name() + "'; did you mean '"
                + String.join("' or '", EditDistance.nearest(o.name(), names(), 3))
                + "'? allowed: the fio options mqvio models (" + modelledNames() + ") and fio's other options"
                + " (accepted when irrelevant to a model, refused when not modelled yet)";
    }

    private static Map<String, Classified> load() {
        Map<String, Classified> m = new LinkedHashMap<>();
        try (InputStream in = FioOptions.class.getResourceAsStream(CLASSES_RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException(CLASSES_RESOURCE + " is missing from the harness-fio module");
            }
            BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
            Classified current = null;
            for (String line = r.readLine(); line != null; line = r.readLine()) {
                if (line.isBlank() || line.startsWith("#")) {
                    continue;
                }
                if (!Character.isWhitespace(line.charAt(0))) {
                    int colon = line.indexOf(':');
                    current = new Classified(Treatment.valueOf(line.substring(0, colon).toUpperCase(Locale.ROOT)),
                            line.substring(colon + 1).strip());
                    continue;
                }
                for (String name : line.strip().split("\\s+")) {
                    if (current == null || m.put(name, current) != null) {
                        throw new IllegalStateException(CLASSES_RESOURCE + ": '" + name + "' is outside a class or in"
                                + " two classes");
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return Collections.unmodifiableMap(m);
    }
}
