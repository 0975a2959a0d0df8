package dev.bursar.providers.sim;

/**
 * The part of a prompt a provider's cache served ({@code read}) and stored ({@code write5m}, {@code write1h}, by
 * lifetime). OpenAI-style caching only reads; Anthropic's writes what a {@code cache_control} breakpoint asked for.
 */
record SimCacheTokens(int read, int write5m, int write1h) {

    static final SimCacheTokens NONE = new SimCacheTokens(0, 0, 0);

    static SimCacheTokens read(int tokens) {
        return new SimCacheTokens(tokens, 0, 0);
    }

    /** Cut to a prompt of {@code promptTokens}: reads and writes are parts of the prompt, never more than it. */
    SimCacheTokens within(int promptTokens) {
        int r = Math.min(read, promptTokens);
        int w5 = Math.min(write5m, promptTokens - r);
        int w1 = Math.min(write1h, promptTokens - r - w5);
        return r == read && w5 == write5m && w1 == write1h ? this : new SimCacheTokens(r, w5, w1);
    }
}
