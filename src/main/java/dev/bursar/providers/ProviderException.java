package dev.bursar.providers;

import dev.bursar.pricing.Usage;
import java.util.Optional;

/**
 * A failed upstream attempt. {@code partialUsage} is set when tokens were already produced (a stream cut by the
 * provider after some chunks): that spend is real and goes into the ledger. {@code streamStarted} tells the gateway
 * that events already reached the client, so it can no longer retry or answer with an error status.
 */
public final class ProviderException extends RuntimeException {
    private final ProviderError error;
    private final Usage partialUsage;
    private final boolean streamStarted;

    public ProviderException(ProviderError error) {
        this(error, null, false, null);
    }

    public ProviderException(ProviderError error, Usage partialUsage, boolean streamStarted, Throwable cause) {
        super(error.provider() + ": " + error.message(), cause, false, false);
        this.error = error;
        this.partialUsage = partialUsage;
        this.streamStarted = streamStarted;
    }

    public ProviderError error() {
        return error;
    }

    public Optional<Usage> partialUsage() {
        return Optional.ofNullable(partialUsage);
    }

    public boolean streamStarted() {
        return streamStarted;
    }
}
