package org.mqvio.harness.cli;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.mqvio.api.cost.Cost;
import org.mqvio.api.spi.ParameterSpec;
import org.mqvio.api.spi.Provider;
import org.mqvio.api.spi.ProviderKind;
import org.mqvio.api.spi.ProviderRegistry;
import org.mqvio.harness.fio.JobPlanner;
import org.mqvio.harness.stack.Stack;
import org.mqvio.harness.stack.StackConfig;
import picocli.CommandLine.Model.CommandSpec;

/**
 * Every name a command line gives, checked before anything runs, each against its own namespace: an option that
 * is neither mqvio's nor fio's, a provider, a {@code --set} parameter, a cost. An unknown name is refused with the
 * nearest names of the namespace it is nearest to (a misspelt {@code --dataplane} is offered mqvio's options, not
 * fio's); a parameter of a provider that is not in the stack is refused, not ignored.
 */
final class NameCheck {
    private NameCheck() {
    }

    /**
     * Refuses an {@code --OPTION} among the fio words that fio does not know and that is nearer to one of
     * {@code command}'s own options than to any fio option; the fio job planner reports the other unknown ones.
     */
    static void options(CommandSpec command, List<String> words) {
        List<String> mine = command.options().stream().flatMap(o -> Arrays.stream(o.names()))
                .filter(n -> n.startsWith("--")).map(n -> n.substring(2)).toList();
        for (String w : words) {
            if (!w.startsWith("--") || w.length() == 2) {
                continue;
            }
            int eq = w.indexOf('=');
            String name = w.substring(2, eq < 0 ? w.length() : eq);
            if (JobPlanner.isFioOption(name)) {
                continue;
            }
            List<String> all = new ArrayList<>(mine);
            all.addAll(JobPlanner.fioOptionNames());
            if (mine.contains(JobPlanner.nearestNames(name, all).get(0))) {
                throw new IllegalArgumentException("command line: unknown option '--" + name + "'; did you mean "
                        + quoted(JobPlanner.nearestNames(name, mine).stream().map(n -> "--" + n).toList())
                        + "? allowed: mqvio's options (see 'mqvio " + command.name() + " --help') and fio options");
            }
        }
    }

    /**
     * Checks the providers and {@code --set} names of {@code stacks} (one run's, or every point's of a sweep): a
     * parameter must be declared by a provider of at least one of them.
     */
    static void stack(ProviderRegistry registry, Collection<StackConfig> stacks) {
        Set<String> inStacks = new LinkedHashSet<>();
        Map<String, String> settings = new LinkedHashMap<>();
        for (StackConfig s : stacks) {
            provider(registry, ProviderKind.DATA_PLANE, "--dataplane", s.dataPlane(), inStacks);
            provider(registry, ProviderKind.BLOCK_LAYER, "--guest-block-layer", s.guestBlockLayer(), inStacks);
            provider(registry, ProviderKind.BLOCK_LAYER, "--host-block-layer", s.hostBlockLayer(), inStacks);
            provider(registry, ProviderKind.DEVICE, "--device", s.device(), inStacks);
            settings.putAll(s.settings());
        }
        for (String name : settings.keySet()) {
            if (name.startsWith(Stack.COST_PREFIX)) {
                cost(name.substring(Stack.COST_PREFIX.length()));
            } else {
                parameter(registry, name, inStacks);
            }
        }
    }

    private static void provider(ProviderRegistry registry, ProviderKind kind, String option, String name,
                                 Set<String> inStacks) {
        List<String> names = registry.names(kind);
        if (!names.contains(name)) {
            throw new IllegalArgumentException(option + "=" + name + ": unknown " + kind.label() + " '" + name
                    + "'; did you mean " + quoted(JobPlanner.nearestNames(name, names)) + "? available: "
                    + String.join(", ", names));
        }
        inStacks.add(kind + "/" + name);
    }

    private static void cost(String key) {
        if (Cost.byKey(key).isEmpty()) {
            List<String> keys = Arrays.stream(Cost.values()).map(c -> Stack.COST_PREFIX + c.key()).toList();
            throw new IllegalArgumentException("--set " + Stack.COST_PREFIX + key + ": unknown cost; did you mean "
                    + quoted(JobPlanner.nearestNames(Stack.COST_PREFIX + key, keys)) + "? (every cost: 'mqvio list --verbose')");
        }
    }

    private static void parameter(ProviderRegistry registry, String name, Set<String> inStacks) {
        Map<String, List<String>> declaredBy = new LinkedHashMap<>();
        Map<String, List<String>> ofStack = new LinkedHashMap<>();
        for (ProviderKind kind : ProviderKind.values()) {
            for (Provider p : registry.all(kind)) {
                for (ParameterSpec s : p.parameters()) {
                    String who = kind.label() + " '" + p.name() + "'";
                    declaredBy.computeIfAbsent(s.name(), k -> new ArrayList<>()).add(who);
                    if (inStacks.contains(kind + "/" + p.name())) {
                        ofStack.computeIfAbsent(s.name(), k -> new ArrayList<>()).add(who);
                    }
                }
            }
        }
        if (ofStack.containsKey(name)) {
            return;
        }
        if (declaredBy.containsKey(name)) {
            throw new IllegalArgumentException("--set " + name + ": a parameter of " + String.join(" and ",
                    declaredBy.get(name)) + ", which is not in the stack, so it would be ignored; allowed: the"
                    + " parameters of the stack's providers (" + String.join(", ", new LinkedHashSet<>(ofStack.values()
                    .stream().flatMap(List::stream).toList())) + "), or choose that provider (e.g. --dataplane)");
        }
        throw new IllegalArgumentException("--set " + name + ": unknown parameter; did you mean "
                + quoted(JobPlanner.nearestNames(name, declaredBy.keySet())) + "? (every parameter: 'mqvio list"
                + " --verbose'; a cost is cost.KEY)");
    }

    /** {@code 'a'}, {@code 'a' or 'b'}, {@code 'a', 'b' or 'c'}. */
    private static String quoted(List<String> names) {
        List<String> q = names.stream().map(n -> "'" + n + "'").toList();
        return q.size() <= 1 ? String.join("", q) : String.join(", ", q.subList(0, q.size() - 1)) + " or " + q.get(q.size() - 1);
    }
}
