package dev.bursar.resilience;

import java.time.Duration;
import java.time.Instant;

/** A circuit's answer to "may this provider be called now?", handed back with the call's outcome. */
public sealed interface CallPermission {

    /** Go ahead; a {@code trial} call is the one that decides whether a half-open circuit closes. */
    record Allowed(boolean trial) implements CallPermission { }

    /** Not now: the circuit is open until {@code retryAt} (or a trial call is already testing the provider). */
    record Refused(String provider, Instant retryAt) implements CallPermission {

        /** Whole seconds until {@code retryAt}, rounded up and at least 1: the value of a {@code retry-after} header. */
        public long retryAfterSeconds(Instant now) {
            long millis = Duration.between(now, retryAt).toMillis();
            return Math.max(1, (millis + 999) / 1000);
        }
    }

    Allowed NORMAL = new Allowed(false);
    Allowed TRIAL = new Allowed(true);
}
