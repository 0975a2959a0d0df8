package dev.bursar.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.bursar.pricing.CatalogException;
import dev.bursar.pricing.Cost;
import dev.bursar.pricing.CostCalculator;
import dev.bursar.pricing.CostLine;
import dev.bursar.pricing.PriceCatalog;
import dev.bursar.pricing.Usage;
import java.io.PrintWriter;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code bursar cost}: the exact price of one call, by token class. */
@Command(name = "cost", mixinStandardHelpOptions = true,
        description = "Exact cost of one call from its token counts, by the catalog price in force at a time.")
public final class CostCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Mixin
    PriceFiles prices = new PriceFiles();

    @Option(names = "--model", required = true, description = "Model id or alias, e.g. gpt-4o.")
    String model;

    @Option(names = "--input-tokens", required = true, description = "The whole prompt, cached and cache-write tokens included.")
    long inputTokens;

    @Option(names = "--output-tokens", required = true, description = "Output tokens, reasoning included.")
    long outputTokens;

    @Option(names = "--cached-input-tokens", description = "Part of the prompt read from the provider's cache.")
    long cachedInputTokens;

    @Option(names = "--cache-write-tokens", description = "Part of the prompt written to a 5-minute cache.")
    long cacheWriteTokens;

    @Option(names = "--cache-write-1h-tokens", description = "Part of the prompt written to a 1-hour cache.")
    long cacheWrite1hTokens;

    @Option(names = "--batch", description = "Price at the model's batch prices.")
    boolean batch;

    @Option(names = "--at", paramLabel = "DATE|INSTANT", description = "When the call happened (default: now).")
    String at;

    @Option(names = "--json", description = "Print JSON with decimal strings.")
    boolean json;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        try {
            Usage usage = usage();
            Instant when = at == null ? Instant.now() : PriceFiles.parseAt(at);
            PriceCatalog catalog = prices.catalog();
            if (catalog.model(model).isEmpty()) {
                err.println("bursar cost: unknown model '" + model + "'." + didYouMean(catalog));
                return 2;
            }
            CostCalculator.Breakdown breakdown = new CostCalculator(catalog).breakdown(model, usage, when, batch);
            if (!breakdown.cost().priced()) {
                err.println("bursar cost: the catalog has no price for '" + model + "' at " + when
                        + " (before its first price version); see `bursar prices show " + model + "`.");
                return 2;
            }
            out.print(json ? json(breakdown) : text(breakdown));
            out.flush();
            return 0;
        } catch (IllegalArgumentException | CatalogException e) {
            err.println("bursar cost: " + e.getMessage());
            return 2;
        }
    }

    private Usage usage() {
        if (inputTokens < 0 || outputTokens < 0 || cachedInputTokens < 0 || cacheWriteTokens < 0 || cacheWrite1hTokens < 0) {
            throw new IllegalArgumentException("token counts cannot be negative");
        }
        long parts = cachedInputTokens + cacheWriteTokens + cacheWrite1hTokens;
        if (parts > inputTokens) {
            throw new IllegalArgumentException("--input-tokens is the whole prompt, so cached + cache-write tokens ("
                    + parts + ") cannot exceed it (" + inputTokens + "); raise --input-tokens to include them");
        }
        return new Usage(inputTokens, cachedInputTokens, cacheWriteTokens, cacheWrite1hTokens, outputTokens, 0);
    }

    private String didYouMean(PriceCatalog catalog) {
        var close = catalog.suggestions(model, 5);
        return close.isEmpty() ? " See `bursar prices list`." : " Did you mean: " + String.join(", ", close) + "?";
    }

    static String text(CostCalculator.Breakdown breakdown) {
        Cost cost = breakdown.cost();
        StringBuilder sb = new StringBuilder();
        sb.append("model:         ").append(cost.model()).append('\n');
        sb.append("price version: ").append(cost.priceVersion()).append('\n');
        List<CostLine> lines = cost.lines();
        // Prices and amounts lined up on the point: a class at 1.25 sits visibly apart from one at 10.
        List<String> prices = DecimalColumn.align(lines.stream().map(l -> PriceFiles.plain(l.usdPerMillion())).toList());
        List<String> usd = new ArrayList<>(lines.stream().map(l -> PriceFiles.plain(l.usd())).toList());
        usd.add(PriceFiles.plain(cost.totalUsd()));
        usd = DecimalColumn.align(usd);
        int priceWidth = Math.max(6, prices.isEmpty() ? 0 : prices.getFirst().length());
        String row = "%-16s %,14d  %" + priceWidth + "s  %" + Math.max(3, usd.getFirst().length()) + "s";
        String head = "%-16s %14s  %" + priceWidth + "s  %" + Math.max(3, usd.getFirst().length()) + "s";
        sb.append(String.format(head, "class", "tokens", "usd/1M", "usd").stripTrailing()).append('\n');
        for (int i = 0; i < lines.size(); i++) {
            CostLine line = lines.get(i);
            StringBuilder text = new StringBuilder(String.format(row, line.tokenClass(), line.tokens(), prices.get(i), usd.get(i)).stripTrailing());
            breakdown.note(line).ifPresent(note -> text.append("  (").append(note).append(')'));
            sb.append(text).append('\n');
        }
        sb.append(String.format(head, "total", "", "", usd.getLast()).stripTrailing()).append('\n');
        sb.append(LEGEND);
        return sb.toString();
    }

    /** What the class names mean, since input here is only the part of the prompt billed at the full price. */
    static final String LEGEND = """
            input: the prompt tokens billed at the full input price (--input-tokens minus cached and cache writes);
            cached_input: cache reads; cache_write_5m / cache_write_1h: cache writes; output includes reasoning.
            """;

    static String json(CostCalculator.Breakdown breakdown) {
        ObjectMapper mapper = new ObjectMapper();
        Cost cost = breakdown.cost();
        ObjectNode root = mapper.createObjectNode();
        root.put("model", cost.model());
        root.put("price_version", cost.priceVersion());
        root.put("total_usd", PriceFiles.plain(cost.totalUsd()));
        ArrayNode lines = root.putArray("lines");
        for (CostLine line : cost.lines()) {
            ObjectNode node = lines.addObject();
            node.put("class", line.tokenClass());
            node.put("tokens", line.tokens());
            node.put("usd_per_million", PriceFiles.plain(line.usdPerMillion()));
            node.put("usd", PriceFiles.plain(line.usd()));
            breakdown.note(line).ifPresent(note -> node.put("note", note));
        }
        return root.toPrettyString() + "\n";
    }
}
