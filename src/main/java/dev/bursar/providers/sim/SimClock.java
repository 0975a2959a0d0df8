package dev.bursar.providers.sim;

import dev.bursar.pricing.Usage;
import dev.bursar.providers.ProviderError;
import dev.bursar.providers.ProviderException;
import java.time.Duration;

/** Real sleeps: the gateway runs each call on a virtual thread, so a waiting sim call costs no platform thread. */
final class SimClock {

    private SimClock() {
    }

    static void sleep(String provider, long nanos) {
        if (nanos <= 0) {
            return;
        }
        try {
            Thread.sleep(Duration.ofNanos(nanos));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ProviderException(new ProviderError.Timeout(provider, 0, "sim call interrupted while waiting", null));
        }
    }

    /** Nanoseconds to produce {@code tokens} at {@code tokensPerSecond} (0: instantly). */
    static long generation(int tokens, double tokensPerSecond) {
        return tokensPerSecond <= 0 ? 0 : (long) (tokens * 1_000_000_000L / tokensPerSecond);
    }

    /**
     * Waits out the whole timeout, then fails as the gateway would see a provider that never answers;
     * {@code phase} names the bound, as the real providers' timeouts do ("no first token", "no stream event").
     */
    static ProviderException timeout(String provider, Duration timeout, String phase, Usage partialUsage,
                                     boolean streamStarted) {
        sleep(provider, timeout.toNanos() + 1_000_000);
        return new ProviderException(new ProviderError.Timeout(provider, 0,
                "sim provider: " + phase + " within " + dev.bursar.providers.Timeouts.text(timeout) + " (simulated timeout)", null),
                partialUsage, streamStarted, null);
    }
}
