package dev.bursar.auth;

/** A new key and its secret, which is shown this once and never again. */
public record CreatedKey(VirtualKey key, String secret) {
}
