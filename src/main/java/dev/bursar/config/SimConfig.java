package dev.bursar.config;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * Behaviour of the offline {@code sim} provider. Latency figures are in milliseconds and tokens per second;
 * fault rates are probabilities in [0, 1] drawn from a seeded generator, so a run is repeatable. In YAML every
 * field is optional (see {@link #defaults()}).
 *
 * @param ttftMillis       time to first token
 * @param tokensPerSecond  output speed; 0 means as fast as possible
 * @param rateLimitRate    share of calls answered with 429
 * @param serverErrorRate  share of calls answered with 500
 * @param timeoutRate      share of calls that never answer (the gateway's timeout fires)
 * @param cutStreamRate    share of streams cut after a few chunks
 * @param seed             seed of the fault draw
 * @param anthropicNative  {@code anthropic-native: true}: the sim answers Anthropic Messages clients itself, as
 *                         Anthropic's API does (prompt caching by {@code cache_control} breakpoints, reported as
 *                         cache writes and reads), instead of through the gateway's OpenAI bridge
 */
public record SimConfig(
        long ttftMillis,
        double tokensPerSecond,
        double rateLimitRate,
        double serverErrorRate,
        double timeoutRate,
        double cutStreamRate,
        long seed,
        boolean anthropicNative,
        String script) {

    private static final long DEFAULT_SEED = 42;

    public SimConfig {
        atLeastZero("ttft-millis", ttftMillis);
        atLeastZero("tokens-per-second", tokensPerSecond);
        share("rate-limit-rate", rateLimitRate);
        share("server-error-rate", serverErrorRate);
        share("timeout-rate", timeoutRate);
        share("cut-stream-rate", cutStreamRate);
        if (rateLimitRate + serverErrorRate + timeoutRate + cutStreamRate > 1) {
            throw new IllegalArgumentException("the sim's fault rates add up to more than 1");
        }
        if (script != null && script.isBlank()) {
            throw new IllegalArgumentException("script must name a JSONL file of scripted answers");
        }
    }

    /** Without scripted answers. */
    public SimConfig(long ttftMillis, double tokensPerSecond, double rateLimitRate, double serverErrorRate,
                     double timeoutRate, double cutStreamRate, long seed, boolean anthropicNative) {
        this(ttftMillis, tokensPerSecond, rateLimitRate, serverErrorRate, timeoutRate, cutStreamRate, seed,
                anthropicNative, null);
    }

    /** Reached through the gateway's OpenAI bridge by Anthropic clients. */
    public SimConfig(long ttftMillis, double tokensPerSecond, double rateLimitRate, double serverErrorRate,
                     double timeoutRate, double cutStreamRate, long seed) {
        this(ttftMillis, tokensPerSecond, rateLimitRate, serverErrorRate, timeoutRate, cutStreamRate, seed, false);
    }

    public static SimConfig defaults() {
        return new SimConfig(0, 0, 0, 0, 0, 0, DEFAULT_SEED);
    }

    /** From YAML: a field left out takes its default, so an error can only be about a field the user wrote. */
    @JsonCreator
    static SimConfig fromYaml(@JsonProperty("ttft-millis") Long ttftMillis,
                              @JsonProperty("tokens-per-second") Double tokensPerSecond,
                              @JsonProperty("rate-limit-rate") Double rateLimitRate,
                              @JsonProperty("server-error-rate") Double serverErrorRate,
                              @JsonProperty("timeout-rate") Double timeoutRate,
                              @JsonProperty("cut-stream-rate") Double cutStreamRate,
                              @JsonProperty("seed") Long seed,
                              @JsonProperty("anthropic-native") Boolean anthropicNative,
                              @JsonProperty("script") String script) {
        return new SimConfig(ttftMillis == null ? 0 : ttftMillis, or0(tokensPerSecond), or0(rateLimitRate),
                or0(serverErrorRate), or0(timeoutRate), or0(cutStreamRate), seed == null ? DEFAULT_SEED : seed,
                anthropicNative != null && anthropicNative, script);
    }

    private static double or0(Double d) {
        return d == null ? 0 : d;
    }

    private static void atLeastZero(String key, double value) {
        if (value < 0) {
            throw new IllegalArgumentException(key + " must be 0 or more, got " + value);
        }
    }

    private static void share(String key, double value) {
        if (value < 0 || value > 1) {
            throw new IllegalArgumentException(key + " must be between 0 and 1, got " + value);
        }
    }
}
