package dev.bursar.auth;

/** The outcome of checking a presented key. */
public sealed interface AuthResult {
    record Accepted(Principal principal) implements AuthResult { }

    record Missing() implements AuthResult { }

    record Unknown(String prefix) implements AuthResult { }

    record Revoked(String keyId) implements AuthResult { }
}
