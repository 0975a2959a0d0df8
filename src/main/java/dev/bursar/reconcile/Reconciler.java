package dev.bursar.reconcile;

import dev.bursar.ledger.Dimension;
import dev.bursar.ledger.SpendRow;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

/**
 * Compares a provider report with the ledger per day and model. The ledger side is every attempt the catalog
 * prices under the report's provider (failed attempts too: the provider bills their tokens), without cache hits,
 * which never reached a provider.
 */
public final class Reconciler {

    /** The ledger grouping {@link #compare} expects, in this order. */
    public static final List<Dimension> LEDGER_GROUPS = List.of(Dimension.DAY, Dimension.MODEL, Dimension.CACHE);

    private final ModelNames names;
    private final Tolerance tolerance;

    public Reconciler(ModelNames names, Tolerance tolerance) {
        this.names = names;
        this.tolerance = tolerance;
    }

    /** Rows for [from, to), sorted by day then model. {@code ledger} is grouped by {@link #LEDGER_GROUPS}. */
    public List<ReconcileRow> compare(ProviderReport report, List<SpendRow> ledger, Instant from, Instant to) {
        Source source = report.source();
        Map<Key, Side> ours = new TreeMap<>();
        for (SpendRow r : ledger) {
            String model = r.group().get(1);
            boolean elsewhere = !names.provider(model).orElse("").equals(source.provider())
                    || !source.dollars() && names.embedding(model); // usage reports cover completions only
            if (r.group().get(2).startsWith("hit") || elsewhere) {
                continue;
            }
            ours.merge(new Key(LocalDate.parse(r.group().get(0)), model), new Side(r.tokens(), r.costUsd()), Side::plus);
        }
        Map<Key, Side> theirs = new TreeMap<>();
        for (ProviderLine l : report.lines()) {
            if (within(l.day(), from, to)) {
                theirs.merge(new Key(l.day(), l.model()), l.side(), Side::plus);
            }
        }
        collapseDaysWithoutModels(theirs, ours);
        Set<Key> keys = new HashSet<>(ours.keySet());
        keys.addAll(theirs.keySet());
        List<ReconcileRow> rows = new ArrayList<>();
        for (Key k : keys) {
            Optional<Side> l = Optional.ofNullable(ours.get(k));
            Optional<Side> p = Optional.ofNullable(theirs.get(k));
            rows.add(new ReconcileRow(k.day(), source.provider(), k.model(), l, p, source.dollars(),
                    verdict(l, p, source.dollars())));
        }
        rows.sort(Comparator.comparing(ReconcileRow::day).thenComparing(ReconcileRow::model));
        return rows;
    }

    /** A day the provider reported without models is compared as one total: the ledger's models are summed too. */
    private static void collapseDaysWithoutModels(Map<Key, Side> theirs, Map<Key, Side> ours) {
        Set<LocalDate> totalsOnly = new HashSet<>();
        theirs.keySet().forEach(k -> {
            if (k.model().equals(ProviderLine.ALL_MODELS)) {
                totalsOnly.add(k.day());
            }
        });
        for (Map<Key, Side> side : List.of(theirs, ours)) {
            for (Key k : List.copyOf(side.keySet())) {
                if (totalsOnly.contains(k.day()) && !k.model().equals(ProviderLine.ALL_MODELS)) {
                    side.merge(new Key(k.day(), ProviderLine.ALL_MODELS), side.remove(k), Side::plus);
                }
            }
        }
    }

    private Verdict verdict(Optional<Side> ledger, Optional<Side> reported, boolean dollars) {
        Side l = ledger.orElse(Side.ZERO);
        Side p = reported.orElse(Side.ZERO);
        boolean beyond = dollars ? tolerance.dollarsBeyond(p.costUsd().subtract(l.costUsd()), p.costUsd())
                : tokensBeyond(l, p);
        if (!beyond) {
            return Verdict.OK;
        }
        if (ledger.isEmpty()) {
            return Verdict.MISSING_IN_LEDGER;
        }
        return reported.isEmpty() ? Verdict.MISSING_AT_PROVIDER : Verdict.DRIFT;
    }

    private boolean tokensBeyond(Side l, Side p) {
        var a = l.tokens();
        var b = p.tokens();
        return tolerance.tokensBeyond(b.inputTokens() - a.inputTokens(), b.inputTokens())
                || tolerance.tokensBeyond(b.cachedInputTokens() - a.cachedInputTokens(), b.cachedInputTokens())
                || tolerance.tokensBeyond(b.cacheWriteTokens() - a.cacheWriteTokens(), b.cacheWriteTokens())
                || tolerance.tokensBeyond(b.outputTokens() - a.outputTokens(), b.outputTokens());
    }

    private static boolean within(LocalDate day, Instant from, Instant to) {
        Instant start = day.atStartOfDay(ZoneOffset.UTC).toInstant();
        return !start.isBefore(from.atOffset(ZoneOffset.UTC).toLocalDate().atStartOfDay(ZoneOffset.UTC).toInstant())
                && start.isBefore(to);
    }

    private record Key(LocalDate day, String model) implements Comparable<Key> {
        @Override
        public int compareTo(Key o) {
            int c = day.compareTo(o.day);
            return c != 0 ? c : model.compareTo(o.model);
        }
    }
}
