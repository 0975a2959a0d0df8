package dev.bursar.providers;

import dev.bursar.pricing.Usage;
import java.util.Map;
import java.util.Optional;

/**
 * A failed upstream attempt. {@code partialUsage} is set when tokens were already produced (a stream cut by the
 * provider after some chunks): that spend is real and goes into the ledger. {@code streamStarted} tells the gateway
 * that events already reached the client, so it can no longer retry or answer with an error status.
 * {@code upstreamHeaders} are the upstream answer's retry advice and rate-limit state ({@link RetryHeaders}), passed
 * on to the client when Bursar gives up.
 * <p>Every adapter's error path ends here, so this is where upstream text loses its secrets
 * ({@link UpstreamSecrets}): nothing built from a ProviderException can carry a provider key to a client or a log.
 */
public final class ProviderException extends RuntimeException {
    private final ProviderError error;
    private final Usage partialUsage;
    private final boolean streamStarted;
    private final Map<String, String> upstreamHeaders;

    public ProviderException(ProviderError error) {
        this(error, null, false, null);
    }

    /** An error status answered with {@code upstreamHeaders} (only those {@link RetryHeaders#pick} keeps). */
    public ProviderException(ProviderError error, Map<String, String> upstreamHeaders) {
        this(UpstreamSecrets.redact(error), null, false, null, upstreamHeaders);
    }

    public ProviderException(ProviderError error, Usage partialUsage, boolean streamStarted, Throwable cause) {
        this(UpstreamSecrets.redact(error), partialUsage, streamStarted, cause, Map.of());
    }

    private ProviderException(ProviderError redacted, Usage partialUsage, boolean streamStarted, Throwable cause,
                              Map<String, String> upstreamHeaders) {
        super(redacted.provider() + ": " + redacted.message(), cause, false, false);
        this.error = redacted;
        this.partialUsage = partialUsage;
        this.streamStarted = streamStarted;
        this.upstreamHeaders = Map.copyOf(upstreamHeaders);
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

    /** Lower-case names; empty when the failure was not an upstream answer or it sent none. */
    public Map<String, String> upstreamHeaders() {
        return upstreamHeaders;
    }
}
