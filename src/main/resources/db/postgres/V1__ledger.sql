-- One row per upstream attempt or cache hit. Times are UTC microseconds since the epoch.
-- Money: NUMERIC(38,12), exact to 1e-12 USD like SQLite's integer picodollars.
-- raw_usage is TEXT (not jsonb) so the provider's usage block is kept byte for byte.
-- requests / attempts / failed_attempts / failed_cost are this row's contribution to the roll-ups, stored so that
-- raw-row sums and roll-up sums use the same columns and cannot disagree.
CREATE TABLE usage_events (
    event_id TEXT NOT NULL PRIMARY KEY,
    request_id TEXT NOT NULL,
    ts_micros BIGINT NOT NULL,
    key_id TEXT,
    customer TEXT,
    user_id TEXT,
    team TEXT,
    feature TEXT,
    environment TEXT,
    prompt_version TEXT,
    requested_model TEXT,
    served_model TEXT,
    upstream_model TEXT,
    provider TEXT,
    endpoint TEXT,
    routing_reason TEXT,
    cache_outcome TEXT,
    input_tokens BIGINT NOT NULL,
    cached_input_tokens BIGINT NOT NULL,
    cache_write_5m_tokens BIGINT NOT NULL,
    cache_write_1h_tokens BIGINT NOT NULL,
    output_tokens BIGINT NOT NULL,
    reasoning_tokens BIGINT NOT NULL,
    cost NUMERIC(38,12) NOT NULL,
    saved NUMERIC(38,12) NOT NULL,
    failed_cost NUMERIC(38,12) NOT NULL,
    price_version TEXT,
    cost_estimated BOOLEAN NOT NULL,
    latency_micros BIGINT NOT NULL,
    ttft_micros BIGINT NOT NULL,
    http_status INTEGER NOT NULL,
    status TEXT NOT NULL,
    error_class TEXT,
    attempt INTEGER NOT NULL,
    is_batch BOOLEAN NOT NULL,
    is_stream BOOLEAN NOT NULL,
    raw_usage TEXT,
    requests INTEGER NOT NULL,
    attempts INTEGER NOT NULL,
    failed_attempts INTEGER NOT NULL
);

CREATE INDEX usage_events_ts ON usage_events (ts_micros);
