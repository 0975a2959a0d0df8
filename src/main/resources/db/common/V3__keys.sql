-- Virtual keys. Only the SHA-256 (hex) of a secret is stored; the secret itself is shown once at creation.
CREATE TABLE virtual_keys (
    id TEXT NOT NULL PRIMARY KEY,
    name TEXT,
    prefix TEXT NOT NULL,
    secret_sha256 TEXT NOT NULL UNIQUE,
    customer TEXT,
    team TEXT,
    feature TEXT,
    environment TEXT,
    user_id TEXT,
    created_micros BIGINT NOT NULL,
    revoked_micros BIGINT
);
