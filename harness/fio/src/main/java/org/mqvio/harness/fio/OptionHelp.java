package org.mqvio.harness.fio;

import java.util.Locale;
import java.util.Optional;

/**
 * fio's {@code --cmdhelp}, for the options mqvio models: {@code all} lists each with its meaning; a name gives its
 * meaning, aliases and allowed values, laid out as fio 3.x prints them (init.c / parse.c {@code show_cmd_help}).
 * A fio option mqvio does not model says how mqvio treats it.
 */
public final class OptionHelp {
    private OptionHelp() {
    }

    /** The help for {@code name} ({@code all}: every modelled option). */
    public static String of(String name) {
        StringBuilder b = new StringBuilder();
        if (name.equals("all")) {
            for (FioOption o : FioOption.values()) {
                b.append(String.format(Locale.ROOT, "%-24s: %s%n", o.fioName(), o.help()));
            }
            return b.toString();
        }
        Optional<FioOption> modelled = FioOptions.modelled(name);
        if (modelled.isPresent()) {
            FioOption o = modelled.get();
            line(b, o.fioName(), o.help());
            if (!o.aliases().isEmpty()) {
                line(b, "alias", String.join(", ", o.aliases()));
            }
            line(b, "valid values", o.allowed());
            return b.toString();
        }
        Optional<FioOptions.Classified> c = FioOptions.classified(name);
        if (c.isPresent()) {
            line(b, name, (c.get().treatment() == FioOptions.Treatment.UNMODELLED ? "not modelled (refused unless"
                    + " --allow-unmodelled): " : c.get().treatment().toString().toLowerCase(Locale.ROOT) + ": ")
                    + c.get().why());
            return b.toString();
        }
        throw new IllegalArgumentException("--cmdhelp=" + name + " is invalid; allowed: all, or the name of a fio option");
    }

    private static void line(StringBuilder b, String key, String text) {
        b.append(String.format(Locale.ROOT, "%20s: %s%n", key, text));
    }
}
