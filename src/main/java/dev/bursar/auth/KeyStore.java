package dev.bursar.auth;

import java.util.List;
import java.util.Optional;

/** Durable virtual keys (SQLite or PostgreSQL, beside the ledger). Secrets are stored as SHA-256 only. */
public interface KeyStore {

    /** Creates a key with a fresh random secret ({@code bk-} followed by 40 base62 characters). */
    CreatedKey create(NewKey spec);

    /** The key whose secret this is, revoked keys included (the caller refuses those with a clear message). */
    Optional<VirtualKey> findBySecret(String secret);

    List<VirtualKey> list();

    /** Marks the key revoked; false if no such id. Takes effect for the next request. */
    boolean revoke(String id);
}
