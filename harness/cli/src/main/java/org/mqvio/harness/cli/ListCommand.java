package org.mqvio.harness.cli;

import java.io.PrintWriter;
import java.util.concurrent.Callable;
import org.mqvio.api.cost.Cost;
import org.mqvio.api.runtime.ExecutionContext;
import org.mqvio.api.runtime.Notifier;
import org.mqvio.api.runtime.PlatformLock;
import org.mqvio.api.spi.ParameterSpec;
import org.mqvio.api.spi.Provider;
import org.mqvio.api.spi.ProviderKind;
import org.mqvio.api.spi.ProviderRegistry;
import org.mqvio.api.stats.Counter;
import org.mqvio.api.stats.CounterSet;
import org.mqvio.harness.stack.CostTableFile;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code mqvio list}: every provider found, with its parameters when verbose, and the cost table. */
@Command(name = "list", description = "List the data planes, block layers and devices found, with --verbose their parameters.")
final class ListCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = {"-v", "--verbose"}, description = "Also list each provider's parameters and the cost table.")
    boolean verbose;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        ProviderRegistry registry = ProviderRegistry.load();
        for (ProviderKind kind : ProviderKind.values()) {
            out.println(kind.label() + "s:");
            for (Provider p : registry.all(kind)) {
                out.printf("  %-14s %s%n", p.name(), p.description());
                if (verbose) {
                    for (ParameterSpec s : p.parameters()) {
                        out.printf("      --set %s=%s  (%s) %s%n", s.name(), s.defaultValue(), s.allowed(), s.description());
                    }
                }
            }
        }
        if (verbose) {
            out.println("costs (ns, --set cost.KEY=VALUE):");
            CostTableFile.defaults().asMap().forEach((c, v) ->
                    out.printf("      --set cost.%s=%d  %s%n", c.key(), v, c.description()));
            out.println("counters of every context, lock and notifier"
                    + " (components add their own to each run's report):");
            printCounters(out, "context", ExecutionContext.COUNTERS);
            printCounters(out, "lock", PlatformLock.COUNTERS);
            printCounters(out, "notifier", Notifier.COUNTERS);
        } else {
            out.println("(" + Cost.values().length + " costs; --verbose shows parameters and costs)");
        }
        out.flush();
        return 0;
    }

    private static void printCounters(PrintWriter out, String of, CounterSet counters) {
        for (Counter c : counters.counters()) {
            out.printf("      %-8s %-18s %-7s %s%n", of, c.name(), c.unit().symbol(), c.meaning());
        }
    }
}
