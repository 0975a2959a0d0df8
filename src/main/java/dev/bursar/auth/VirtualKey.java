package dev.bursar.auth;

import java.time.Instant;

/**
 * A virtual key: what a client presents instead of a provider key. The secret itself is never stored, only its
 * SHA-256; {@code prefix} (the first characters of the secret) lets people recognise a key in lists.
 */
public record VirtualKey(
        String id,
        String name,
        String prefix,
        String customer,
        String team,
        String feature,
        String environment,
        String user,
        Instant createdAt,
        Instant revokedAt) {

    public boolean revoked() {
        return revokedAt != null;
    }
}
