package dev.bursar.reconcile;

import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.bursar.csv.CsvWriter;
import dev.bursar.pricing.Money;
import dev.bursar.pricing.Usage;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Renders reconciliation rows. Every format has both sides, the difference (provider minus ledger) and the verdict.
 * A side without a line for the row counts as zeros (the verdict says it was missing); a measure the report does not
 * carry (tokens in a cost report, dollars in a usage report) is blank in CSV, absent in JSON, and not in the table.
 */
public final class ReconcileFormatter {

    static final List<String> TOKEN_CLASSES = List.of("input_tokens", "cached_input_tokens", "cache_write_tokens",
            "output_tokens");

    private ReconcileFormatter() {
    }

    public static String json(Source source, Instant from, Instant to, List<ReconcileRow> rows) {
        return text(node(source, from, to, rows));
    }

    static String text(ObjectNode root) {
        try {
            return ReportPages.JSON.copy().enable(SerializationFeature.INDENT_OUTPUT).writeValueAsString(root) + "\n";
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The JSON document of one report's comparison (what {@code --format json} prints). */
    static ObjectNode node(Source source, Instant from, Instant to, List<ReconcileRow> rows) {
        ObjectNode root = ReportPages.JSON.createObjectNode();
        root.put("source", source.option().substring(2));
        root.put("provider", source.provider());
        root.put("from", from.toString());
        root.put("to", to.toString());
        root.put("compared", source.dollars() ? "cost_usd" : "tokens");
        ArrayNode out = root.putArray("rows");
        for (ReconcileRow r : rows) {
            ObjectNode o = out.addObject();
            o.put("day", r.day().toString());
            o.put("provider", r.provider());
            o.put("model", r.model());
            side(o.putObject("ledger"), r.ledger().orElse(Side.ZERO), true, true);
            side(o.putObject("reported"), r.reported().orElse(Side.ZERO), !r.dollars(), r.dollars());
            ObjectNode diff = o.putObject("difference");
            if (r.dollars()) {
                diff.put("cost_usd", Money.plain(r.costDifference()));
            } else {
                long[] d = r.tokenDifference();
                for (int i = 0; i < d.length; i++) {
                    diff.put(TOKEN_CLASSES.get(i), d[i]);
                }
            }
            o.put("verdict", r.verdict().label());
        }
        root.put("beyond_tolerance", rows.stream().filter(r -> r.verdict() != Verdict.OK).count());
        return root;
    }

    private static void side(ObjectNode o, Side s, boolean tokens, boolean dollars) {
        if (tokens) {
            long[] t = tokens(s.tokens());
            for (int i = 0; i < t.length; i++) {
                o.put(TOKEN_CLASSES.get(i), t[i]);
            }
        }
        if (dollars) {
            o.put("cost_usd", Money.plain(s.costUsd())); // exact decimal text, never a binary float
        }
    }

    static long[] tokens(Usage u) {
        return new long[] {u.inputTokens(), u.cachedInputTokens(), u.cacheWriteTokens(), u.outputTokens()};
    }

    public static String csv(List<ReconcileRow> rows) {
        StringBuilder sb = new StringBuilder();
        CsvWriter csv = new CsvWriter(sb);
        List<Object> header = new ArrayList<>(List.of("day", "provider", "model"));
        for (String m : measures()) {
            header.addAll(List.of("ledger_" + m, "reported_" + m, "difference_" + m));
        }
        header.add("verdict");
        csv.row(header);
        for (ReconcileRow r : rows) {
            List<Object> line = new ArrayList<>(List.of(r.day().toString(), r.provider(), r.model()));
            long[] l = tokens(r.ledger().orElse(Side.ZERO).tokens());
            long[] p = tokens(r.reported().orElse(Side.ZERO).tokens());
            long[] d = r.tokenDifference();
            for (int i = 0; i < l.length; i++) {
                line.add(l[i]);
                line.add(r.dollars() ? null : p[i]);
                line.add(r.dollars() ? null : d[i]);
            }
            line.add(r.ledger().orElse(Side.ZERO).costUsd());
            line.add(r.dollars() ? r.reported().orElse(Side.ZERO).costUsd() : null);
            line.add(r.dollars() ? r.costDifference() : null);
            line.add(r.verdict().label());
            csv.row(line);
        }
        return sb.toString();
    }

    private static List<String> measures() {
        List<String> m = new ArrayList<>(TOKEN_CLASSES);
        m.add("cost_usd");
        return m;
    }

    public static String table(Source source, List<ReconcileRow> rows) {
        return ReconcileTable.render(source, rows);
    }

    static String usd(BigDecimal v) {
        BigDecimal plain = v.stripTrailingZeros();
        return (plain.scale() < 2 ? plain.setScale(2) : plain).toPlainString();
    }
}
