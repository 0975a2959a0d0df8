package dev.bursar.config;

/**
 * Behaviour of the offline {@code sim} provider. Latency figures are in milliseconds and tokens per second;
 * fault rates are probabilities in [0, 1] drawn from a seeded generator, so a run is repeatable.
 *
 * @param ttftMillis       time to first token
 * @param tokensPerSecond  output speed; 0 means as fast as possible
 * @param rateLimitRate    share of calls answered with 429
 * @param serverErrorRate  share of calls answered with 500
 * @param timeoutRate      share of calls that never answer (the gateway's timeout fires)
 * @param cutStreamRate    share of streams cut after a few chunks
 * @param seed             seed of the fault draw
 */
public record SimConfig(
        long ttftMillis,
        double tokensPerSecond,
        double rateLimitRate,
        double serverErrorRate,
        double timeoutRate,
        double cutStreamRate,
        long seed) {

    public static SimConfig defaults() {
        return new SimConfig(0, 0, 0, 0, 0, 0, 42);
    }
}
