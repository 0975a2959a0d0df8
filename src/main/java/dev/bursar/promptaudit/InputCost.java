package dev.bursar.promptaudit;

import dev.bursar.ledger.PromptPartsCall;
import dev.bursar.pricing.PriceClass;
import dev.bursar.pricing.PriceSet;
import java.math.BigDecimal;

/**
 * One attempt's input cost, and the part of it its system prompt is responsible for. The system prompt and tools
 * open the prompt, so a provider's cache covers them first: the system tokens are billed at the cache-read price as
 * far as the attempt read from the cache, then at the cache-write prices as far as it wrote, then at the input price.
 * A local count larger than the provider's input (an estimate for a non-OpenAI model) is capped at that input.
 */
record InputCost(BigDecimal inputUsd, BigDecimal systemUsd) {

    static InputCost of(PromptPartsCall call, PriceSet prices) {
        var u = call.usage();
        BigDecimal uncachedPrice = prices.usdPerMillion(call.batch() ? PriceClass.BATCH_INPUT : PriceClass.INPUT);
        long[] tokens = {u.cachedInputTokens(), u.cacheWrite5mTokens(), u.cacheWrite1hTokens(), u.uncachedInputTokens()};
        BigDecimal[] price = {prices.usdPerMillion(PriceClass.CACHED_INPUT), prices.usdPerMillion(PriceClass.CACHE_WRITE_5M),
                prices.usdPerMillion(PriceClass.CACHE_WRITE_1H), uncachedPrice};
        long system = Math.min(call.parts().systemTokens(), u.inputTokens());
        BigDecimal input = BigDecimal.ZERO;
        BigDecimal systemUsd = BigDecimal.ZERO;
        for (int i = 0; i < tokens.length; i++) {
            input = input.add(usd(tokens[i], price[i]));
            long share = Math.min(system, tokens[i]);
            systemUsd = systemUsd.add(usd(share, price[i]));
            system -= share;
        }
        return new InputCost(input, systemUsd);
    }

    static BigDecimal usd(long tokens, BigDecimal perMillion) {
        return BigDecimal.valueOf(tokens).multiply(perMillion).movePointLeft(6);
    }
}
