package org.mqvio.harness.workload;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.mqvio.api.runtime.Notifier;
import org.mqvio.api.runtime.NotifierKind;
import org.mqvio.api.stats.Counter;
import org.mqvio.api.stats.CounterSet;
import org.mqvio.api.stats.Statistics;

/** The notifiers' statistics at the end of a run, added up per {@link NotifierKind}. */
public final class NotifierTotals {
    /** Each notifier's statistics, by kind, the kinds in the order their first notifier was created. */
    private final Map<NotifierKind, List<Statistics>> byKind = new LinkedHashMap<>();

    private NotifierTotals() {
    }

    /** The statistics of {@code notifiers} now. */
    static NotifierTotals of(List<? extends Notifier> notifiers) {
        NotifierTotals t = new NotifierTotals();
        for (Notifier n : notifiers) {
            t.byKind.computeIfAbsent(n.kind(), k -> new ArrayList<>()).add(n.statistics());
        }
        return t;
    }

    /** {@code counter} summed over the notifiers of {@code kind}: 0 when the run had none of that kind. */
    public long get(NotifierKind kind, Counter counter) {
        return Statistics.total(counter, byKind.getOrDefault(kind, List.of()));
    }

    /**
     * Every kind's sums as one snapshot, as reports print it: each counter {@link Counter#in in} its kind
     * ({@code kick_signals}, {@code kick_coalesced}, ...), the kinds in the order their first notifier was created.
     */
    public Statistics asStatistics() {
        Map<Counter, Long> sums = new LinkedHashMap<>();
        byKind.forEach((kind, list) -> {
            String scope = kind.name().toLowerCase(Locale.ROOT);
            list.forEach(s -> s.forEach((c, v) -> sums.merge(c.in(scope), v, Long::sum)));
        });
        Statistics.Builder b = Statistics.builder(CounterSet.of(sums.keySet().toArray(Counter[]::new)));
        sums.forEach(b::put);
        return b.build();
    }
}
