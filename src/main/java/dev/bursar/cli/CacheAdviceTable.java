package dev.bursar.cli;

import dev.bursar.promptcache.Advice;
import dev.bursar.promptcache.AdviceRow;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * {@code bursar cache advise} as text: one line per repeated prefix, largest saving first, a TOTAL line and a legend.
 * Money is exact, lined up on the decimal point, as in {@code bursar report}.
 */
final class CacheAdviceTable {

    private static final List<String> HEADER = List.of("feature", "prompt_version", "model", "caching", "prefix",
            "calls", "reuses", "cached", "now_usd", "with_cache_usd", "saving_usd", "break_even");
    private static final int TEXT_COLUMNS = 4;
    private static final List<Integer> MONEY = List.of(8, 9, 10);

    static final String LEGEND = """
            prefix: tokens of the prompt's stable start (tools + system, or up to the last cache_control), when >= 1,024
            reuses: calls within %s of the call before them: reads, were the prefix cached (the first call of a span writes)
            now_usd: the prefix as billed (cache reads and writes the ledger shows at their prices, the rest at input)
            with_cache_usd: each span's first call at the cache-write price, the others at the cached-input price
            break_even: from this many calls per cache write (1 write + the rest reads), caching is cheaper
            caching: explicit = Anthropic, only where the request puts cache_control (cache: { anthropic-prompt-cache: auto }
              adds it to long, stable system prompts); automatic = the provider caches by itself, no write premium
              (saving_usd is what it did not already take off); none = the model lists no cached-input price
            """;

    private CacheAdviceTable() {
    }

    static String render(Advice advice) {
        List<List<String>> lines = new ArrayList<>();
        lines.add(new ArrayList<>(HEADER));
        for (AdviceRow r : advice.rows()) {
            AdviceRow.Group g = r.group();
            List<String> line = new ArrayList<>(List.of(CacheAdviceFormatter.tag(g.feature()),
                    CacheAdviceFormatter.tag(g.promptVersion()), g.model(), shortCaching(r.providerCaching()),
                    Integer.toString(g.prefixTokens())));
            line.addAll(measures(r.calls(), r.reuses(), r.cachedTokens(), r.costs()));
            line.add(r.breakEven().isPresent() ? Integer.toString(r.breakEven().getAsInt()) : CacheAdviceFormatter.NEVER);
            lines.add(line);
        }
        Advice.Totals t = advice.totals();
        List<String> total = new ArrayList<>(List.of("TOTAL", "", "", "", ""));
        total.addAll(measures(t.calls(), t.reuses(), t.cachedTokens(), t.costs()));
        total.add("");
        lines.add(total);
        for (int column : MONEY) {
            List<List<String>> data = lines.subList(1, lines.size());
            List<String> aligned = DecimalColumn.align(data.stream().map(l -> l.get(column)).toList());
            for (int i = 0; i < data.size(); i++) {
                data.get(i).set(column, aligned.get(i));
            }
        }
        String heading = "Provider prompt caching, " + advice.from() + " to " + advice.to() + ", cache lifetime "
                + advice.lifetime().label() + (advice.rows().isEmpty() ? ": no prompt prefix of 1,024 tokens or more"
                + " was sent again within the lifetime." : "") + "\n";
        return heading + align(lines) + LEGEND.formatted(advice.lifetime().label());
    }

    private static List<String> measures(long calls, long reuses, long cached, AdviceRow.Costs c) {
        return List.of(Long.toString(calls), Long.toString(reuses), Long.toString(cached), ReportTable.exactUsd(c.now()),
                ReportTable.exactUsd(c.withCache()), ReportTable.exactUsd(c.saving()));
    }

    private static String shortCaching(String caching) {
        return caching.startsWith("explicit") ? "explicit" : caching;
    }

    private static String align(List<List<String>> lines) {
        int[] width = new int[HEADER.size()];
        for (List<String> l : lines) {
            for (int i = 0; i < l.size(); i++) {
                width[i] = Math.max(width[i], l.get(i).length());
            }
        }
        StringBuilder sb = new StringBuilder();
        for (int n = 0; n < lines.size(); n++) {
            if (n == lines.size() - 1) {
                sb.append("-".repeat(Arrays.stream(width).sum() + 2 * (width.length - 1))).append('\n');
            }
            StringBuilder line = new StringBuilder();
            List<String> l = lines.get(n);
            for (int i = 0; i < l.size(); i++) {
                String pad = " ".repeat(width[i] - l.get(i).length());
                line.append(i == 0 ? "" : "  ").append(i < TEXT_COLUMNS ? l.get(i) + pad : pad + l.get(i));
            }
            sb.append(line.toString().stripTrailing()).append('\n');
        }
        return sb.toString();
    }
}
