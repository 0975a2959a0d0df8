package dev.bursar.planning;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.List;

/**
 * Provider prompt caching: writing a prefix to the cache costs a premium over the input price (Anthropic 1.25×,
 * OpenAI none), every read of it a fraction (Anthropic 0.1×, OpenAI 0.5×). Whether it pays depends on how often the
 * prefix is read before it expires.
 *
 * <p>Two ways to count: by default the call that writes the cache is a real request, so without caching there are
 * {@code reads + 1} calls at the input price. With {@code prewarm} the write is an extra call made only to fill the
 * cache (as the article counts it), so without caching there are {@code reads} calls.
 */
public final class PromptCacheBreakEven {

    /**
     * @param prefixTokens  the cached prefix (system prompt, tools, static context)
     * @param reads         calls that read the prefix while it is cached
     * @param prewarm       whether the write is an extra call rather than one of the requests
     */
    public record Inputs(BigDecimal prefixTokens, long reads, boolean prewarm, BigDecimal inputUsdPerMillion,
                         BigDecimal writeUsdPerMillion, BigDecimal readUsdPerMillion, String priceSource) {
    }

    private PromptCacheBreakEven() {
    }

    public static Calculation calculate(Inputs in) {
        Decimals.requirePositive(in.prefixTokens(), "--prefix-tokens");
        if (in.reads() < 0) {
            throw new IllegalArgumentException("--reads must be 0 or more, got " + in.reads());
        }
        Decimals.requirePositive(in.inputUsdPerMillion(), "the input price");
        Decimals.requireNonNegative(in.writeUsdPerMillion(), "the cache-write price");
        Decimals.requireNonNegative(in.readUsdPerMillion(), "the cache-read price");
        BigDecimal reads = Decimals.of(in.reads());
        BigDecimal uncachedCalls = in.prewarm() ? reads : reads.add(BigDecimal.ONE);
        BigDecimal write = Decimals.usd(in.prefixTokens(), in.writeUsdPerMillion());
        BigDecimal read = Decimals.usd(in.prefixTokens(), in.readUsdPerMillion());
        BigDecimal plain = Decimals.usd(in.prefixTokens(), in.inputUsdPerMillion());
        BigDecimal withCache = Decimals.strip(write.add(read.multiply(reads)));
        BigDecimal without = Decimals.strip(plain.multiply(uncachedCalls));
        BigDecimal savings = Decimals.strip(without.subtract(withCache));
        List<Term> results = new ArrayList<>(List.of(
                new Term("write_usd", write, "prefix_tokens * cache_write_usd_per_million / 1e6"),
                new Term("read_usd", read, "prefix_tokens * cache_read_usd_per_million / 1e6, per read"),
                new Term("with_cache_usd", withCache, "write_usd + reads * read_usd"),
                new Term("without_cache_usd", without, (in.prewarm() ? "reads" : "(reads + 1)")
                        + " * prefix_tokens * input_usd_per_million / 1e6"),
                new Term("savings_usd", savings, "without_cache_usd - with_cache_usd; negative: caching costs more"),
                new Term("savings_pct", without.signum() == 0 ? BigDecimal.ZERO : Decimals.percent(savings, without),
                        "savings_usd / without_cache_usd")));
        breakEvenReads(in).ifPresent(n -> results.add(new Term("break_even_reads", n,
                "fewest reads at which caching costs no more than not caching")));
        List<Term> inputs = List.of(
                new Term("prefix_tokens", in.prefixTokens(), "tokens of the cached prefix"),
                new Term("reads", reads, "calls that read the prefix while it is cached"),
                new Term("prewarm", in.prewarm() ? BigDecimal.ONE : BigDecimal.ZERO,
                        "1: the write is an extra call; 0: the write serves a request too"),
                new Term("input_usd_per_million", in.inputUsdPerMillion(), "uncached input price"),
                new Term("cache_write_usd_per_million", in.writeUsdPerMillion(), "cache-write price"),
                new Term("cache_read_usd_per_million", in.readUsdPerMillion(), "cache-read price"));
        List<String> formula = List.of(
                "with_cache_usd = write_usd + reads * read_usd",
                "without_cache_usd = " + (in.prewarm() ? "reads" : "(reads + 1)") + " * prefix_tokens * input_usd_per_million / 1e6",
                "break_even_reads = ceil((cache_write - " + (in.prewarm() ? "0" : "input")
                        + ") / (input - cache_read)), prices per million");
        List<String> notes = new ArrayList<>(List.of("prices: " + in.priceSource()));
        if (results.stream().noneMatch(t -> t.name().equals("break_even_reads"))) {
            notes.add("reading the cache costs as much as sending the prefix: caching never pays");
        }
        return new Calculation("break-even --prompt-cache", formula, inputs, results, notes);
    }

    /** write + n·read ≤ (n + k)·input, k = 0 with prewarm, else 1; empty when a read saves nothing. */
    private static java.util.Optional<BigDecimal> breakEvenReads(Inputs in) {
        BigDecimal gain = in.inputUsdPerMillion().subtract(in.readUsdPerMillion());
        if (gain.signum() <= 0) {
            return java.util.Optional.empty();
        }
        BigDecimal premium = in.prewarm() ? in.writeUsdPerMillion() : in.writeUsdPerMillion().subtract(in.inputUsdPerMillion());
        BigDecimal n = premium.signum() <= 0 ? BigDecimal.ZERO : premium.divide(gain, 0, RoundingMode.CEILING);
        return java.util.Optional.of(n);
    }
}
