package dev.bursar.providers.sim;

import dev.bursar.tokens.TokenCounter;

/** What the imitated provider's prompt cache does with one prompt of {@code promptTokens}: reads, writes, remembers. */
@FunctionalInterface
interface SimCaching {
    SimCacheTokens lookupAndStore(int promptTokens, TokenCounter counter);
}
