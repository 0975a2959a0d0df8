-- Batch API (issue 14). One SQL for both dialects: no dialect-specific types.
-- batch_files: the metadata of files uploaded with POST /v1/files and of the output/error files batches produce; the
-- bytes live on disk (the batch folder), named by id. Times are UTC seconds since the epoch, as OpenAI reports them.
CREATE TABLE batch_files (
    id TEXT NOT NULL PRIMARY KEY,
    purpose TEXT NOT NULL,
    filename TEXT NOT NULL,
    bytes BIGINT NOT NULL,
    created_at BIGINT NOT NULL,
    key_id TEXT,
    deleted INTEGER NOT NULL DEFAULT 0
);

-- batches: one row per batch and its lifecycle. key_id is the creating key's (null in open mode): a key sees only its own. owner (key id and the key's locked tags, JSON) is who the lines are
-- run as after a restart; metadata is the client's JSON object. Amounts are exact decimal strings. lease_owner and
-- lease_until_ms say which replica runs the batch: a replica claims a batch whose lease ran out, so exactly one runs it.
CREATE TABLE batches (
    id TEXT NOT NULL PRIMARY KEY,
    status TEXT NOT NULL,
    endpoint TEXT NOT NULL,
    input_file_id TEXT NOT NULL,
    completion_window TEXT NOT NULL,
    metadata TEXT,
    owner TEXT NOT NULL,
    key_id TEXT,
    created_at BIGINT NOT NULL,
    expires_at BIGINT NOT NULL,
    in_progress_at BIGINT,
    finalizing_at BIGINT,
    completed_at BIGINT,
    failed_at BIGINT,
    expired_at BIGINT,
    cancelling_at BIGINT,
    cancelled_at BIGINT,
    output_file_id TEXT,
    error_file_id TEXT,
    errors TEXT,
    total INTEGER NOT NULL DEFAULT 0,
    completed INTEGER NOT NULL DEFAULT 0,
    failed INTEGER NOT NULL DEFAULT 0,
    input_tokens BIGINT NOT NULL DEFAULT 0,
    output_tokens BIGINT NOT NULL DEFAULT 0,
    cost_usd TEXT NOT NULL DEFAULT '0',
    saved_usd TEXT NOT NULL DEFAULT '0',
    lease_owner TEXT,
    lease_until_ms BIGINT NOT NULL DEFAULT 0
);

CREATE INDEX batches_status ON batches (status);
