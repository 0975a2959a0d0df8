package dev.bursar.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.bursar.csv.CsvWriter;
import dev.bursar.ledger.SpendRow;
import dev.bursar.pricing.Money;
import dev.bursar.promptcache.Advice;
import dev.bursar.promptcache.AdviceRow;
import java.util.ArrayList;
import java.util.List;

/** {@code bursar cache advise} as JSON or CSV. Money is exact decimal text, as in {@code bursar report}. */
final class CacheAdviceFormatter {

    static final List<String> COLUMNS = List.of("feature", "prompt_version", "model", "provider_caching", "prefix_hash",
            "prefix_tokens", "calls", "reuses", "cached_tokens", "cost_now_usd", "cost_with_cache_usd", "saving_usd",
            "saved_already_usd", "break_even_reuses");
    static final String NEVER = "never";

    private CacheAdviceFormatter() {
    }

    static String json(Advice advice) {
        ObjectMapper mapper = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
        ObjectNode root = mapper.createObjectNode();
        root.put("from", advice.from().toString());
        root.put("to", advice.to().toString());
        root.put("lifetime", advice.lifetime().label());
        var rows = root.putArray("rows");
        for (AdviceRow r : advice.rows()) {
            ObjectNode o = rows.addObject();
            AdviceRow.Group g = r.group();
            o.put("feature", tag(g.feature()));
            o.put("prompt_version", tag(g.promptVersion()));
            o.put("model", g.model());
            o.put("provider_caching", r.providerCaching());
            o.put("prefix_hash", g.prefixHash());
            o.put("prefix_tokens", g.prefixTokens());
            o.put("calls", r.calls());
            o.put("reuses", r.reuses());
            o.put("cached_tokens", r.cachedTokens());
            putCosts(o, r.costs());
            if (r.breakEven().isPresent()) {
                o.put("break_even_reuses", r.breakEven().getAsInt());
            } else {
                o.put("break_even_reuses", NEVER);
            }
        }
        Advice.Totals t = advice.totals();
        ObjectNode totals = root.putObject("totals");
        totals.put("calls", t.calls());
        totals.put("reuses", t.reuses());
        totals.put("cached_tokens", t.cachedTokens());
        putCosts(totals, t.costs());
        ObjectNode legend = root.putObject("legend");
        legend.put("reuses", "calls within the lifetime of the call before them, which would read the cached prefix");
        legend.put("cost_now_usd", "the prefix tokens as billed: cache reads and writes at their prices, the rest at input");
        legend.put("cost_with_cache_usd", "each cached span's first call at the cache-write price, the others at the cached-input price");
        legend.put("saved_already_usd", "what caching that already happened took off the full input price");
        legend.put("break_even_reuses", "n: from n calls sharing one cache write (1 write + n-1 reads) caching is cheaper");
        try {
            return mapper.writeValueAsString(root) + "\n";
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void putCosts(ObjectNode o, AdviceRow.Costs c) {
        o.put("cost_now_usd", Money.plain(c.now()));
        o.put("cost_with_cache_usd", Money.plain(c.withCache()));
        o.put("saving_usd", Money.plain(c.saving()));
        o.put("saved_already_usd", Money.plain(c.savedAlready()));
    }

    /** Tags are caller-chosen text: through the formula-safe {@link CsvWriter}. */
    static String csv(Advice advice) {
        StringBuilder sb = new StringBuilder();
        CsvWriter csv = new CsvWriter(sb);
        csv.row(COLUMNS);
        for (AdviceRow r : advice.rows()) {
            AdviceRow.Group g = r.group();
            List<Object> line = new ArrayList<>(List.of(tag(g.feature()), tag(g.promptVersion()), g.model(),
                    r.providerCaching(), g.prefixHash(), g.prefixTokens(), r.calls(), r.reuses(), r.cachedTokens(),
                    r.costs().now(), r.costs().withCache(), r.costs().saving(), r.costs().savedAlready()));
            line.add(r.breakEven().isPresent() ? (Object) r.breakEven().getAsInt() : NEVER);
            csv.row(line);
        }
        return sb.toString();
    }

    /** A missing tag reads as in {@code bursar report}. */
    static String tag(String value) {
        return value == null || value.isEmpty() ? SpendRow.UNATTRIBUTED : value;
    }
}
