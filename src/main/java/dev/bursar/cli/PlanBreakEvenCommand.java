package dev.bursar.cli;

import dev.bursar.planning.BatchBreakEven;
import dev.bursar.planning.Calculation;
import dev.bursar.planning.PromptCacheBreakEven;
import dev.bursar.planning.RagVsFineTune;
import dev.bursar.planning.ResponseCacheBreakEven;
import dev.bursar.planning.SelfHosting;
import dev.bursar.planning.TokenPrices;
import java.math.BigDecimal;
import java.util.Optional;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code bursar plan break-even --cache|--batch|--prompt-cache|--rag-vs-finetune|--self-host}: where a saving starts
 * to pay, with the formula's terms. Prices come from the catalog with {@code --model}, else from flags.
 */
@Command(name = "break-even", mixinStandardHelpOptions = true,
        description = "Break-even of a response cache, the batch API, provider prompt caching, fine-tuning against RAG,"
                + " or self-hosted GPUs against an API.")
public final class PlanBreakEvenCommand extends PlanCommand.Calculator {

    static final class Mode {
        @Option(names = "--cache", required = true, description = "A response cache: hit rate against its store and lookups.")
        boolean cache;
        @Option(names = "--batch", required = true, description = "The batch API: monthly saving and payback of the queue.")
        boolean batch;
        @Option(names = "--prompt-cache", required = true, description = "Provider prompt caching: write premium against read discount and reuses.")
        boolean promptCache;
        @Option(names = "--rag-vs-finetune", required = true, description = "Training cost ÷ per-query savings, with retraining.")
        boolean ragVsFinetune;
        @Option(names = "--self-host", required = true, description = "GPU cost × utilisation against the API's price per token.")
        boolean selfHost;
    }

    @ArgGroup(exclusive = true, multiplicity = "1")
    Mode mode;

    @Mixin
    PlanPrices prices = new PlanPrices();

    // --rag-vs-finetune
    @Option(names = "--training-cost-usd", description = "One fine-tuning run.")
    BigDecimal trainingCost;
    @Option(names = "--savings-per-query-usd", description = "RAG query cost - fine-tuned query cost.")
    BigDecimal savingsPerQuery;
    @Option(names = "--rag-query-usd", description = "One RAG query (with --finetuned-query-usd, instead of --savings-per-query-usd).")
    BigDecimal ragQuery;
    @Option(names = "--finetuned-query-usd", description = "One query to the fine-tuned model.")
    BigDecimal finetunedQuery;
    @Option(names = "--retrain-every-months", description = "Retraining period.")
    Integer retrainEvery;
    @Option(names = "--monthly-queries", description = "Expected queries a month.")
    Long monthlyQueries;

    // --self-host
    @Option(names = "--gpu-monthly-usd", description = "One GPU for a month.")
    BigDecimal gpuMonthly;
    @Option(names = "--gpu-hourly-usd", description = "One GPU an hour (× 730 hours a month).")
    BigDecimal gpuHourly;
    @Option(names = "--gpu-tokens-per-day", description = "Tokens one GPU serves a day at full use.")
    BigDecimal gpuTokensPerDay;
    @Option(names = "--utilisation", defaultValue = "1", description = "Share of the GPU's capacity kept busy (default: ${DEFAULT-VALUE}).")
    BigDecimal utilisation;
    @Option(names = "--api-usd-per-million", description = "The API's (blended) price per million tokens.")
    BigDecimal apiPerMillion;
    @Option(names = "--api-usd-per-1k", description = "The API's (blended) price per 1,000 tokens.")
    BigDecimal apiPer1k;
    @Option(names = "--output-share", description = "With --model: the share of tokens that are output, to blend its prices.")
    BigDecimal outputShare;
    @Option(names = "--tokens-per-month", description = "The month's volume (default: what one GPU serves).")
    BigDecimal tokensPerMonth;
    @Option(names = "--ops-monthly-usd", defaultValue = "0", description = "People and tooling to run the GPUs a month.")
    BigDecimal opsMonthly;

    // --prompt-cache
    @Option(names = "--prefix-tokens", description = "Tokens of the cached prefix.")
    BigDecimal prefixTokens;
    @Option(names = "--reads", description = "Calls that read the prefix while it is cached.")
    Long reads;
    @Option(names = "--prewarm", description = "The write is an extra call made to fill the cache (as the article counts).")
    boolean prewarm;
    @Option(names = "--ttl", defaultValue = "5m", description = "With --model: 5m or 1h, the cache-write price (default: ${DEFAULT-VALUE}).")
    String ttl;
    @Option(names = "--cache-write-usd-per-million", description = "Cache-write price, without --model.")
    BigDecimal writePrice;
    @Option(names = "--cache-read-usd-per-million", description = "Cache-read price, without --model.")
    BigDecimal readPrice;

    // --cache and --batch
    @Option(names = "--requests-per-month", description = "Requests a month.")
    BigDecimal requestsPerMonth;
    @Option(names = "--cost-per-request-usd", description = "One request at the provider (or --model with --input-tokens, --output-tokens).")
    BigDecimal costPerRequest;
    @Option(names = "--input-tokens", description = "Mean input tokens per request, priced at --model's prices.")
    BigDecimal inputTokens;
    @Option(names = "--output-tokens", description = "Mean output tokens per request.")
    BigDecimal outputTokens;
    @Option(names = "--hit-rate", description = "Share of requests answered from the cache.")
    BigDecimal hitRate;
    @Option(names = "--cache-monthly-usd", defaultValue = "0", description = "The cache's infrastructure a month.")
    BigDecimal cacheMonthly;
    @Option(names = "--lookup-usd", defaultValue = "0", description = "Per request: a semantic lookup's embedding.")
    BigDecimal lookup;
    @Option(names = "--realtime-monthly-usd", description = "The work's month at real-time prices (without --model).")
    BigDecimal realtimeMonthly;
    @Option(names = "--batch-discount", defaultValue = "0.5", description = "Without --model: the batch API's discount (default: ${DEFAULT-VALUE}).")
    BigDecimal batchDiscount;
    @Option(names = "--batchable-share", defaultValue = "1", description = "The part of the work that can wait (default: ${DEFAULT-VALUE}).")
    BigDecimal batchableShare;
    @Option(names = "--setup-usd", defaultValue = "0", description = "One-off cost of the queue and worker.")
    BigDecimal setup;

    @Override
    Calculation calculate() {
        if (mode == null) {
            throw new IllegalArgumentException("name one of --cache, --batch, --prompt-cache, --rag-vs-finetune, --self-host");
        }
        if (mode.ragVsFinetune) {
            return ragVsFinetune();
        }
        if (mode.selfHost) {
            return selfHost();
        }
        if (mode.promptCache) {
            return promptCache();
        }
        return mode.cache ? cache() : batch();
    }

    private Calculation ragVsFinetune() {
        BigDecimal savings = savingsPerQuery;
        if (ragQuery != null || finetunedQuery != null) {
            if (savings != null || ragQuery == null || finetunedQuery == null) {
                throw new IllegalArgumentException("give --savings-per-query-usd, or both --rag-query-usd and --finetuned-query-usd");
            }
            savings = ragQuery.subtract(finetunedQuery);
        }
        return RagVsFineTune.calculate(new RagVsFineTune.Inputs(trainingCost, savings, Optional.ofNullable(retrainEvery),
                Optional.ofNullable(monthlyQueries)));
    }

    private Calculation selfHost() {
        if ((gpuMonthly == null) == (gpuHourly == null)) {
            throw new IllegalArgumentException("give one of --gpu-monthly-usd or --gpu-hourly-usd");
        }
        BigDecimal gpu = gpuMonthly != null ? gpuMonthly : SelfHosting.monthlyFromHourly(gpuHourly);
        return SelfHosting.calculate(new SelfHosting.Inputs(gpu, gpuTokensPerDay, utilisation, apiPrice(),
                Optional.ofNullable(tokensPerMonth), opsMonthly));
    }

    /** Per million tokens: one flag, or the model's input and output prices blended by --output-share. */
    private BigDecimal apiPrice() {
        int given = (apiPerMillion == null ? 0 : 1) + (apiPer1k == null ? 0 : 1) + (prices.model == null ? 0 : 1);
        if (given != 1) {
            throw new IllegalArgumentException("give one of --api-usd-per-million, --api-usd-per-1k or --model (with --output-share)");
        }
        if (apiPerMillion != null) {
            return apiPerMillion;
        }
        if (apiPer1k != null) {
            return apiPer1k.multiply(BigDecimal.valueOf(1000));
        }
        if (outputShare == null || outputShare.signum() < 0 || outputShare.compareTo(BigDecimal.ONE) > 0) {
            throw new IllegalArgumentException("--model needs --output-share (0 to 1) to blend its input and output prices");
        }
        TokenPrices p = prices.prices();
        return p.input().multiply(BigDecimal.ONE.subtract(outputShare)).add(p.output().multiply(outputShare)).stripTrailingZeros();
    }

    private Calculation promptCache() {
        if (reads == null || prefixTokens == null) {
            throw new IllegalArgumentException("--prompt-cache needs --prefix-tokens and --reads");
        }
        if (prices.model != null) {
            if (writePrice != null || readPrice != null) {
                throw new IllegalArgumentException("--model gives the cache prices; leave out --cache-write/read-usd-per-million");
            }
            TokenPrices p = prices.prices();
            BigDecimal write = switch (ttl) {
                case "5m" -> p.cacheWrite5m();
                case "1h" -> p.cacheWrite1h();
                default -> throw new IllegalArgumentException("--ttl must be 5m or 1h, got " + ttl);
            };
            return PromptCacheBreakEven.calculate(new PromptCacheBreakEven.Inputs(prefixTokens, reads, prewarm, p.input(),
                    write, p.cachedInput(), p.source()));
        }
        if (prices.input == null || writePrice == null || readPrice == null) {
            throw new IllegalArgumentException("give --model, or --input-usd-per-million, --cache-write-usd-per-million"
                    + " and --cache-read-usd-per-million");
        }
        return PromptCacheBreakEven.calculate(new PromptCacheBreakEven.Inputs(prefixTokens, reads, prewarm, prices.input,
                writePrice, readPrice, "flags"));
    }

    private Calculation cache() {
        BigDecimal perRequest = costPerRequest;
        String source = "flags";
        if (perRequest == null) {
            requireTokens("--cache");
            TokenPrices p = prices.prices();
            perRequest = p.callUsd(inputTokens, outputTokens);
            source = p.source();
        }
        return ResponseCacheBreakEven.calculate(new ResponseCacheBreakEven.Inputs(requestsPerMonth, perRequest, hitRate,
                cacheMonthly, lookup, source));
    }

    private Calculation batch() {
        if (realtimeMonthly != null) {
            BigDecimal batchMonthly = realtimeMonthly.multiply(BigDecimal.ONE.subtract(batchDiscount));
            return BatchBreakEven.calculate(new BatchBreakEven.Inputs(realtimeMonthly, batchMonthly, batchableShare,
                    setup, "flags, --batch-discount " + batchDiscount.toPlainString()));
        }
        requireTokens("--batch");
        if (requestsPerMonth == null) {
            throw new IllegalArgumentException("--batch needs --realtime-monthly-usd, or --requests-per-month with --model and tokens");
        }
        TokenPrices p = prices.prices();
        BigDecimal realtime = requestsPerMonth.multiply(p.callUsd(inputTokens, outputTokens));
        BigDecimal batch = requestsPerMonth.multiply(inputTokens.multiply(p.batchInput()).add(outputTokens.multiply(p.batchOutput()))
                .movePointLeft(6));
        return BatchBreakEven.calculate(new BatchBreakEven.Inputs(realtime.stripTrailingZeros(), batch.stripTrailingZeros(),
                batchableShare, setup, p.source() + " (batch_input " + p.batchInput().toPlainString() + ", batch_output "
                        + p.batchOutput().toPlainString() + " per million)"));
    }

    private void requireTokens(String mode) {
        if (inputTokens == null || outputTokens == null) {
            throw new IllegalArgumentException(mode + " needs --cost-per-request-usd (or --realtime-monthly-usd), or"
                    + " --input-tokens and --output-tokens with --model or --input/--output-usd-per-million");
        }
    }
}
