package dev.bursar.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.bursar.ledger.Dimension;
import dev.bursar.ledger.SpendRow;
import dev.bursar.ledger.TimeRange;
import dev.bursar.pricing.Usage;
import dev.bursar.storage.Money;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;

/** Renders spend rows as an aligned table (with a TOTAL row), JSON, or CSV. Money is exact in JSON and CSV. */
final class ReportFormatter {

    static final List<String> MEASURES = List.of("requests", "attempts", "failed_attempts", "failed_cost_usd",
            "cost_usd", "input_tokens", "cached_input_tokens", "cache_write_5m_tokens", "cache_write_1h_tokens",
            "output_tokens", "reasoning_tokens", "saved_usd");

    private ReportFormatter() {
    }

    static SpendRow total(List<SpendRow> rows) {
        long req = 0, att = 0, failed = 0;
        Usage tokens = Usage.ZERO;
        BigDecimal cost = Money.ZERO, failedCost = Money.ZERO, saved = Money.ZERO;
        for (SpendRow r : rows) {
            req += r.requests();
            att += r.attempts();
            failed += r.failedAttempts();
            tokens = tokens.plus(r.tokens());
            cost = cost.add(r.costUsd());
            failedCost = failedCost.add(r.failedCostUsd());
            saved = saved.add(r.savedUsd());
        }
        return new SpendRow(List.of(), req, att, failed, tokens, cost, failedCost, saved);
    }

    /** Measure values in {@link #MEASURES} order; money with {@code moneyFormat}. */
    private static List<String> measures(SpendRow r, java.util.function.Function<BigDecimal, String> money) {
        Usage t = r.tokens();
        return List.of(Long.toString(r.requests()), Long.toString(r.attempts()), Long.toString(r.failedAttempts()),
                money.apply(r.failedCostUsd()), money.apply(r.costUsd()), Long.toString(t.inputTokens()),
                Long.toString(t.cachedInputTokens()), Long.toString(t.cacheWrite5mTokens()),
                Long.toString(t.cacheWrite1hTokens()), Long.toString(t.outputTokens()),
                Long.toString(t.reasoningTokens()), money.apply(r.savedUsd()));
    }

    static String table(List<Dimension> dims, List<SpendRow> rows) {
        List<String> header = new ArrayList<>();
        dims.forEach(d -> header.add(d.wireName()));
        header.addAll(MEASURES);
        List<List<String>> lines = new ArrayList<>();
        lines.add(header);
        // Exact, never rounded: the table must show the same digits as X-Bursar-Cost-Usd, the CSV and the JSON.
        java.util.function.Function<BigDecimal, String> exact = ReportFormatter::exactUsd;
        for (SpendRow r : rows) {
            List<String> line = new ArrayList<>(r.group());
            line.addAll(measures(r, exact));
            lines.add(line);
        }
        List<String> totalLine = new ArrayList<>();
        for (int i = 0; i < dims.size(); i++) {
            totalLine.add(i == 0 ? "TOTAL" : "");
        }
        if (dims.isEmpty()) {
            lines.subList(1, lines.size()).clear(); // the one ungrouped row is the total
            header.addFirst("");
            totalLine.add("TOTAL");
        }
        totalLine.addAll(measures(total(rows), exact));
        lines.add(totalLine);
        return align(lines, dims.isEmpty() ? 1 : dims.size());
    }

    /** At least cents, and every digit there is ({@code 0.0002025}, {@code 12.50}). */
    static String exactUsd(BigDecimal v) {
        BigDecimal plain = v.stripTrailingZeros();
        return (plain.scale() < 2 ? plain.setScale(2) : plain).toPlainString();
    }

    private static String align(List<List<String>> lines, int textColumns) {
        int[] width = new int[lines.getFirst().size()];
        for (List<String> l : lines) {
            for (int i = 0; i < l.size(); i++) {
                width[i] = Math.max(width[i], l.get(i).length());
            }
        }
        StringBuilder sb = new StringBuilder();
        for (int n = 0; n < lines.size(); n++) {
            if (n == lines.size() - 1) {
                int total = java.util.Arrays.stream(width).sum() + 2 * (width.length - 1);
                sb.append("-".repeat(total)).append('\n');
            }
            List<String> l = lines.get(n);
            StringBuilder line = new StringBuilder();
            for (int i = 0; i < l.size(); i++) {
                String cell = l.get(i);
                String pad = " ".repeat(width[i] - cell.length());
                line.append(i == 0 ? "" : "  ").append(i < textColumns ? cell + pad : pad + cell);
            }
            sb.append(line.toString().stripTrailing()).append('\n');
        }
        return sb.toString();
    }

    static String json(TimeRange range, List<Dimension> dims, List<SpendRow> rows) {
        ObjectMapper mapper = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
        ObjectNode root = mapper.createObjectNode();
        root.put("from", range.from().toString());
        root.put("to", range.to().toString());
        ArrayNode groupBy = root.putArray("group_by");
        dims.forEach(d -> groupBy.add(d.wireName()));
        ArrayNode out = root.putArray("rows");
        for (SpendRow r : rows) {
            ObjectNode o = out.addObject();
            for (int i = 0; i < dims.size(); i++) {
                o.put(dims.get(i).wireName(), r.group().get(i));
            }
            putMeasures(o, r);
        }
        putMeasures(root.putObject("total"), total(rows));
        try {
            return mapper.writeValueAsString(root) + "\n";
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void putMeasures(ObjectNode o, SpendRow r) {
        List<String> values = measures(r, Money::plain);
        for (int i = 0; i < MEASURES.size(); i++) {
            String name = MEASURES.get(i);
            if (name.endsWith("_usd")) {
                o.put(name, values.get(i)); // exact decimal as a string, never a binary float
            } else {
                o.put(name, Long.parseLong(values.get(i)));
            }
        }
    }

    static String csv(List<Dimension> dims, List<SpendRow> rows) {
        StringBuilder sb = new StringBuilder();
        List<String> header = new ArrayList<>();
        dims.forEach(d -> header.add(d.wireName()));
        header.addAll(MEASURES);
        sb.append(String.join(",", header)).append("\r\n");
        for (SpendRow r : rows) {
            List<String> line = new ArrayList<>();
            r.group().forEach(g -> line.add(csvCell(g)));
            line.addAll(measures(r, Money::plain));
            sb.append(String.join(",", line)).append("\r\n");
        }
        return sb.toString();
    }

    private static String csvCell(String s) {
        return s.contains(",") || s.contains("\"") || s.contains("\n") ? '"' + s.replace("\"", "\"\"") + '"' : s;
    }
}
