package dev.bursar.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.bursar.csv.CsvWriter;
import dev.bursar.ledger.Dimension;
import dev.bursar.ledger.SpendRow;
import dev.bursar.ledger.TimeRange;
import dev.bursar.pricing.Usage;
import dev.bursar.pricing.Money;
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
        return ReportTable.render(dims, rows);
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
        ObjectNode legend = root.putObject("legend");
        legend.put("requests", "client requests answered (successes and cache hits)");
        legend.put("attempts", "calls to a provider, failed ones included");
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

    /** Group values are caller-chosen text (tags), so they go through the formula-safe {@link CsvWriter}. */
    static String csv(List<Dimension> dims, List<SpendRow> rows) {
        StringBuilder sb = new StringBuilder();
        CsvWriter csv = new CsvWriter(sb);
        List<Object> header = new ArrayList<>();
        dims.forEach(d -> header.add(d.wireName()));
        header.addAll(MEASURES);
        csv.row(header);
        for (SpendRow r : rows) {
            List<Object> line = new ArrayList<>(r.group());
            line.addAll(values(r));
            csv.row(line);
        }
        return sb.toString();
    }

    /** Measure values in {@link #MEASURES} order, as numbers (never neutralised as text). */
    private static List<Object> values(SpendRow r) {
        Usage t = r.tokens();
        return List.of(r.requests(), r.attempts(), r.failedAttempts(), r.failedCostUsd(), r.costUsd(),
                t.inputTokens(), t.cachedInputTokens(), t.cacheWrite5mTokens(), t.cacheWrite1hTokens(),
                t.outputTokens(), t.reasoningTokens(), r.savedUsd());
    }
}
