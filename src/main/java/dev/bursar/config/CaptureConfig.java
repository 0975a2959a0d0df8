package dev.bursar.config;

import java.time.Duration;
import java.util.List;

/**
 * {@code capture:}, the request bodies kept for {@code bursar replay}: stored apart from the ledger, redacted before
 * they are stored, deleted once older than {@code retention}. Absent, nothing is captured.
 *
 * @param enabled   {@code true} keeps the body of every answered chat request (default false)
 * @param retention how long a body is kept (default 30d)
 * @param redact    what is replaced before a body is stored: {@code emails}, {@code numbers}, {@code phones},
 *                  {@code keys} (API-key-like secrets). Absent: all four; {@code []} stores bodies as sent
 */
public record CaptureConfig(Boolean enabled, Duration retention, List<String> redact) {

    /** The redaction kinds, in the order they are applied (a key or an e-mail holds digits a number rule would eat). */
    public static final List<String> REDACTIONS = List.of("keys", "emails", "phones", "numbers");

    public CaptureConfig {
        enabled = enabled != null && enabled;
        retention = retention == null ? Duration.ofDays(30) : retention;
        redact = redact == null ? REDACTIONS : List.copyOf(redact);
        if (retention.isNegative() || retention.isZero()) {
            throw new IllegalArgumentException("retention must be positive");
        }
        for (String r : redact) {
            if (!REDACTIONS.contains(r)) {
                throw new IllegalArgumentException("redact '" + r + "' is not one of " + REDACTIONS);
            }
        }
    }

    /** No {@code capture:} block: nothing is kept. */
    public static CaptureConfig off() {
        return new CaptureConfig(false, null, null);
    }
}
