package dev.bursar.reconcile;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.bursar.alerts.DriftSource;
import dev.bursar.ledger.Ledger;
import dev.bursar.ledger.SpendQuery;
import dev.bursar.ledger.SpendRow;
import dev.bursar.pricing.Money;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * The stored provider numbers against the ledger: {@code GET /admin/reconcile}, {@code bursar reconcile --stored}
 * and the {@code reconcile-drift} alert all read this. Only days a pull stored are compared (a day never pulled is
 * not "missing at the provider"); a pulled day without lines is a day the provider billed nothing.
 */
public final class StoredReconciliation implements DriftSource {

    /** One report's rows over the compared days. */
    public record Report(Source source, List<ReconcileRow> rows) {
    }

    /** What a range holds: each pulled report's rows, and every pull of the range's days (failed ones too). */
    public record Comparison(Instant from, Instant to, List<Report> reports, List<ReconcileStore.Run> runs) {

        public boolean allWithinTolerance() {
            return reports.stream().flatMap(r -> r.rows().stream()).allMatch(r -> r.verdict() == Verdict.OK);
        }
    }

    private final ReconcileStore store;
    private final Ledger ledger;
    private final ModelNames names;
    private final Tolerance tolerance;

    public StoredReconciliation(ReconcileStore store, Ledger ledger, ModelNames names, Tolerance tolerance) {
        this.store = store;
        this.ledger = ledger;
        this.names = names;
        this.tolerance = tolerance;
    }

    /** The whole UTC days that [from, to) touches, compared report by report (costs before usage). */
    public Comparison compare(Instant from, Instant to) {
        LocalDate first = from.atOffset(ZoneOffset.UTC).toLocalDate();
        LocalDate end = to.minusNanos(1).atOffset(ZoneOffset.UTC).toLocalDate().plusDays(1);
        Instant start = first.atStartOfDay(ZoneOffset.UTC).toInstant();
        Instant stop = end.atStartOfDay(ZoneOffset.UTC).toInstant();
        List<ReconcileStore.Run> runs = store.runs(first, end);
        Map<String, Set<LocalDate>> pulled = new TreeMap<>();
        runs.stream().filter(ReconcileStore.Run::stored)
                .forEach(r -> pulled.computeIfAbsent(r.provider(), p -> new LinkedHashSet<>()).add(r.day()));
        List<Report> reports = new ArrayList<>();
        if (!pulled.isEmpty()) {
            List<SpendRow> spend = ledger.spend(new SpendQuery(Reconciler.LEDGER_GROUPS, start, stop));
            Reconciler reconciler = new Reconciler(names, tolerance);
            for (Source source : List.of(Source.OPENAI_COSTS, Source.ANTHROPIC_COST, Source.OPENAI_USAGE,
                    Source.ANTHROPIC_USAGE)) {
                Set<LocalDate> days = pulled.get(source.provider());
                if (days == null) {
                    continue;
                }
                ProviderReport report = new ProviderReport(source, store.lines(source, first, end),
                        java.util.Optional.empty());
                List<ReconcileRow> rows = reconciler.compare(report, spend, start, stop).stream()
                        .filter(r -> days.contains(r.day())).toList();
                reports.add(new Report(source, rows));
            }
        }
        return new Comparison(start, stop, reports, runs);
    }

    /** The cost reports' days, summed per provider: what the {@code reconcile-drift} rule compares. */
    @Override
    public List<Day> days(Instant from, Instant to) {
        List<Day> out = new ArrayList<>();
        for (Report report : compare(from, to).reports()) {
            if (!report.source().dollars()) {
                continue;
            }
            Map<LocalDate, List<ReconcileRow>> byDay = new TreeMap<>();
            report.rows().forEach(r -> byDay.computeIfAbsent(r.day(), d -> new ArrayList<>()).add(r));
            byDay.forEach((day, rows) -> {
                BigDecimal reported = Money.ZERO;
                BigDecimal ours = Money.ZERO;
                List<String> beyond = new ArrayList<>();
                for (ReconcileRow r : rows) {
                    reported = reported.add(r.reported().orElse(Side.ZERO).costUsd());
                    ours = ours.add(r.ledger().orElse(Side.ZERO).costUsd());
                    if (r.verdict() != Verdict.OK) {
                        beyond.add(r.model());
                    }
                }
                out.add(new Day(day, report.source().provider(), reported, ours, beyond));
            });
        }
        return out;
    }

    /**
     * The comparison as JSON: {@code reports} holds one document per report with exactly the fields of
     * {@code bursar reconcile --format json}; {@code runs} every pull of the range's days.
     */
    public static String json(Comparison c) {
        ObjectNode root = ReportPages.JSON.createObjectNode();
        root.put("from", c.from().toString());
        root.put("to", c.to().toString());
        ArrayNode reports = root.putArray("reports");
        for (Report r : c.reports()) {
            reports.add(ReconcileFormatter.node(r.source(), c.from(), c.to(), r.rows()));
        }
        ArrayNode runs = root.putArray("runs");
        for (ReconcileStore.Run run : c.runs()) {
            ObjectNode o = runs.addObject();
            o.put("day", run.day().toString());
            o.put("provider", run.provider());
            o.put("status", run.status());
            o.put("attempts", run.attempts());
            o.put("started_at", run.started().toString());
            o.put("finished_at", run.finished().map(Instant::toString).orElse(null));
            o.put("lines", run.lines());
            o.put("error", run.error().orElse(null));
        }
        root.put("beyond_tolerance", c.reports().stream().flatMap(r -> r.rows().stream())
                .filter(r -> r.verdict() != Verdict.OK).count());
        return ReconcileFormatter.text(root);
    }

    /** The text form: each report's table under its name, then failed pulls. */
    public static String table(Comparison c) {
        StringBuilder sb = new StringBuilder();
        if (c.reports().isEmpty()) {
            sb.append("no day from ").append(c.from()).append(" to ").append(c.to())
                    .append(" has been pulled (reconcile: in bursar.yaml, with an admin key)\n");
        }
        for (Report r : c.reports()) {
            sb.append(r.source().option().substring(2)).append(":\n")
                    .append(ReconcileFormatter.table(r.source(), r.rows())).append('\n');
        }
        c.runs().stream().filter(r -> !r.status().equals(ReconcileStore.OK)).forEach(r -> sb.append("pull of ")
                .append(r.provider()).append(' ').append(r.day()).append(": ").append(r.status())
                .append(" after ").append(r.attempts()).append(" attempt(s)")
                .append(r.error().map(e -> ": " + e).orElse("")).append('\n'));
        return sb.toString();
    }

    /** CSV: every report's rows under one header. */
    public static String csv(Comparison c) {
        List<ReconcileRow> rows = new ArrayList<>();
        c.reports().forEach(r -> rows.addAll(r.rows()));
        return ReconcileFormatter.csv(rows);
    }
}
